import type { Runtime } from './runtime.js';
/**
 * For a run that answers once and exits (`--status`, `--export`, `--plan`): the route server
 * connected (within `waitMs`) or its table loaded, then one look at the sessions, the health checks
 * and the drains.
 */
export declare function takeOneLook(runtime: Runtime, waitMs?: number): Promise<void>;
