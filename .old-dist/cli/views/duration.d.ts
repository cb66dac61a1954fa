/** A span of time as a person reads it: 250 ms, 3.5 s, 4 min. */
export declare function duration(ms: number): string;
