import type { Asn } from '../core/asn.js';
import { type HealthRecord, type HealthRules } from './health-state.js';
import { type ProbeOptions } from './http-probe.js';
export interface HealthCheckSpec {
    /** The POP's answer (its host), as on its `peer` line. */
    readonly host: string;
    readonly url: string;
}
export interface HealthCheckOptions extends HealthRules, ProbeOptions {
    /**
     * Where processes on one host share results, so that each URL is probed once per interval however
     * many processes watch it; undefined: each process probes alone.
     */
    readonly stateDir: string | undefined;
}
export type HealthEvent = 
/** A check went up or down: the POPs' availability must be worked out again. */
{
    readonly kind: 'health';
    readonly host: string;
    readonly url: string;
    readonly record: HealthRecord;
} | {
    readonly kind: 'warning';
    readonly message: string;
};
/** Each user's own folder: results are shared between one user's processes only. */
export declare function defaultHealthStateDir(env?: NodeJS.ProcessEnv): string;
/**
 * Readies the shared folder: created 0700 if missing; refused unless it is a real folder owned by
 * this user and writable by no one else, since results read from it steer clients.
 */
export declare function prepareStateDir(dir: string): string | undefined;
/**
 * Health probes for POPs (`health HOST URL`): GET with a timeout, up after `rise` passes and down after
 * `fall` failures, as haproxy counts them. With a state folder, the processes of one user share each
 * check: whoever finds it due takes a lock file and probes; the others read the result.
 */
export declare class HealthChecks {
    #private;
    private readonly options;
    private readonly onEvent;
    private readonly clock;
    constructor(specs: readonly HealthCheckSpec[], options: HealthCheckOptions, onEvent: (event: HealthEvent) => void, clock?: () => number);
    /** Why the POP with this answer fails its health check now, or undefined. */
    readonly unavailable: (_asn: Asn, answer: string) => string | undefined;
    records(): readonly {
        readonly host: string;
        readonly url: string;
        readonly record: HealthRecord;
    }[];
    /**
     * Settles once every check's state is decided: probed (here or by another process) with no run
     * under way that could still flip it, so a one-off look counts `fall` failures as a long-running one does.
     */
    probed(limitMs: number): Promise<void>;
    tick(): void;
    close(): void;
}
