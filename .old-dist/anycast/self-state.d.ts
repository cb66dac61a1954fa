import type { Asn } from '../core/asn.js';
import type { HealthRecord } from '../pops/health-state.js';
import type { AnycastState } from './announcer.js';
/** This POP's own checks, as the POP watch keeps them. */
export interface OwnChecks {
    health(): readonly {
        readonly host: string;
        readonly url: string;
        readonly record: HealthRecord;
    }[];
    readonly drained?: ((asn: Asn, answer: string) => string | undefined) | undefined;
}
/** This POP's anycast state from its own health checks and the drain file, and why when not up. */
export declare function selfState(self: string, pops: ReadonlyMap<Asn, string>, checks: OwnChecks): {
    state: AnycastState;
    why?: string;
};
