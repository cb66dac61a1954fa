/** What a capacity is counted in: requests per second, or bits per second of responses. */
export type RateUnit = 'requests' | 'bits';
export interface Rate {
    readonly unit: RateUnit;
    readonly perSecond: number;
}
/**
 * Parses a capacity: `800` or `800/s` (requests per second), `10Gbit/s`, `750Mbit/s`, `1.5Gbps`
 * (bits per second of responses); undefined for anything else.
 */
export declare function parseRate(text: string): Rate | undefined;
/** `812/s`, `9.4 Gbit/s`: a rate as people read it. */
export declare function formatRate(perSecond: number, unit: RateUnit): string;
