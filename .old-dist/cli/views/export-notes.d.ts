import type { ExportSource } from '../../export/render.js';
import type { CliContext } from '../context.js';
/** What an export leaves out or adds now, as lines for the log. */
export declare function exportNotes(source: ExportSource): string[];
/** A route server that can give its whole table, or why not: the fix for --export and --serve alike. */
export declare function needsTableSource(ctx: CliContext, option: string): string | undefined;
