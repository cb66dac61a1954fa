import type { ExportStatus } from '../engines/export-publisher.js';
import type { BgpSession } from '../core/bgp-session.js';
import { type PopState } from '../pops/pop-availability.js';
import type { HealthView } from '../pops/pop-watch.js';
import type { ResolverStats } from '../resolver/stats.js';
import type { PlanLoopStatus } from '../capacity/plan-cycle.js';
import { type MetricFamily } from './prometheus.js';
/** What a host's POPs and route server look like now: what `--status` shows. */
export interface HostState {
    readonly routeServer: {
        readonly description: string;
        readonly available: boolean;
    };
    readonly pops: readonly PopState[];
    readonly sessions: readonly BgpSession[] | undefined;
    readonly health: readonly HealthView[];
}
/** The POPs' state, the route server and its sessions, the health checks: the same on every process of a host. */
export declare function hostFamilies(s: HostState): MetricFamily[];
/** One process's counters: answers per POP and reason, cache, route-server queries and their latency. */
export declare function processFamilies(stats: ResolverStats, startedMs: number): MetricFamily[];
/** Where one `export` line of --serve stands: as the export publisher keeps it. */
export type ExportRecord = ExportStatus;
/** --serve's exports: what an alert needs to see one fall behind. */
export declare function exportFamilies(records: readonly ExportRecord[]): MetricFamily[];
/** --serve's closed loop: what its plans project, what the logs measure, and how far apart they are. */
export declare function planLoopFamilies(s: PlanLoopStatus): MetricFamily[];
