import type { OutputFormat } from '../../config/config.js';
import { type HostState } from '../../metrics/families.js';
import type { CliContext } from '../context.js';
import type { Paint } from './paint.js';
/** What a person asking "where do clients go now, and why" needs, gathered at one moment. */
export interface StatusSnapshot extends HostState {
    readonly nowMs: number;
    /** Since when this process has watched: a state first seen then has no known start. */
    readonly watchingSinceMs: number;
    readonly drainFile: string | undefined;
}
/** The status as aligned tables: the POPs, the route server's sessions, the health checks. */
export declare function statusTable(s: StatusSnapshot, paint: Paint): string;
/** The status as JSON, keys in snake_case as in every JSON supersparrow writes. */
export declare function statusJson(s: StatusSnapshot): object;
/** The status for a program: JSON, Prometheus text, or TSV rows whose first column names their kind. */
export declare function statusText(s: StatusSnapshot, format: OutputFormat, paint: Paint): string;
export declare function statusSnapshot(ctx: CliContext, watchingSinceMs: number): StatusSnapshot;
