import { type ExportFormat } from '../../export/formats.js';
import type { CliContext } from '../context.js';
import { type Command } from './command.js';
/**
 * `--export FORMAT`: the whole table, each block of addresses with its answer, for an engine that does
 * the lookups itself. From `mrt` and `table` only; it reflects the POPs' state (drain file, health
 * checks) as it is when written, so it is written again when that changes.
 */
export declare function exportTable(ctx: CliContext, format: ExportFormat, outputFile?: string): Promise<number>;
/** `--export FORMAT [-o FILE]`. */
export declare const command: Command;
