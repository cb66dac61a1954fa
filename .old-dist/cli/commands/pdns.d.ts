import type { CliContext } from '../context.js';
import { type Command } from './command.js';
/**
 * `--pdns`: PowerDNS's pipe-backend co-process. Every request gets its whole response (pdns reads
 * until END or FAIL) within the deadline, in order, flushed at once; it ends as batch mode does.
 */
export declare function servePdns(ctx: CliContext): Promise<number>;
/** `--pdns`: PowerDNS's pipe backend. */
export declare const command: Command;
