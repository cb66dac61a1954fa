import type { OutputFormat } from '../../config/config.js';
import type { LogSummary } from '../../logs/summary.js';
import type { DemandJson } from '../../capacity/demand.js';
import type { CapacityRow } from '../../capacity/projection.js';
import { type RateUnit } from '../../capacity/rate.js';
/** A summary and, with capacity lines, each POP's demand at the busiest window against its capacity. */
export type SummaryReport = LogSummary & {
    readonly demand?: DemandJson;
    readonly capacity?: {
        readonly unit: RateUnit;
        readonly rows: readonly CapacityRow[];
    };
};
import type { Paint } from './paint.js';
/** The summary as a person reads it: aligned tables, the header in bold where colour is on. */
export declare function summaryTable(summary: SummaryReport, paint: Paint): string;
/** The summary for a program: JSON, or TSV rows whose first column names their kind. */
export declare function summaryText(summary: SummaryReport, format: OutputFormat, paint: Paint): string;
