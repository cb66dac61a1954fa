import type { PlanEntry } from '../core/planned-prefixes.js';
import type { DecidedView } from '../core/decided-table.js';
import { type AnswerRules } from './decided-rows.js';
import { type FlatFormat } from './formats.js';
import type { DnsNaming } from './pdns-zones.js';
/** What one export is made of: the decided table, the rules that answer it now, and what to say it came from. */
export interface ExportSource {
    readonly view: DecidedView;
    readonly rules: AnswerRules & {
        readonly plan: readonly PlanEntry[];
    };
    /** The POPs out when it was taken, and why: walked past in every answer it gives. */
    readonly out: readonly {
        readonly asn: number;
        readonly answer: string;
        readonly why: string;
    }[];
    /** The route server it was read from, named in the file's header. */
    readonly description: string;
    readonly generated: Date;
    /** The steered names and POP addresses, for PowerDNS's zones file (mmdb-classes). */
    readonly dns?: DnsNaming;
}
/**
 * An export as it is written, in pieces: the prologue (which carries the time) first, then the rows in
 * batches, so that a writer can wait for a slow reader between them. An mmdb is one piece.
 */
export declare function exportPieces(format: FlatFormat, source: ExportSource): Generator<string | Buffer>;
export declare function mmdbDescription(source: ExportSource): string;
export declare function inBatches(lines: Iterable<string>): Generator<string>;
