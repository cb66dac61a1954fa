import type { CliContext } from '../context.js';
import { type Command } from './command.js';
/**
 * `--status`: one look at the route server's sessions, the health checks (shared results when other
 * processes are probing) and the drain file. Exit status 1 when a POP is out or the route server down.
 */
export declare function showStatus(ctx: CliContext): Promise<number>;
/** `--status`. */
export declare const command: Command;
