import type { CliContext } from '../context.js';
import { FAILED_MARK, NO_ADDRESS_MARK } from '../views/log-marks.js';
import { type Command } from './command.js';
export { FAILED_MARK, NO_ADDRESS_MARK };
/**
 * Log mode: every input line out, in order, with its POP first and a tab (annotate), or per-POP
 * totals (summary). Exact: each answer is the route server's real one; a line whose answer cannot be
 * had within `retry_for` is marked `!failed`. Status 1 when any line failed or an input was damaged.
 */
export declare function serveLogs(ctx: CliContext, files: readonly string[]): Promise<number>;
/** `--log`, `--summary`: exact answers for log lines, on routes and drains alone. */
export declare const command: Command;
