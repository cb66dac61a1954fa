import type { CliContext } from '../context.js';
import { type Command } from './command.js';
/**
 * Batch mode, Apache's `prg:` map: one answer line per key line within the deadline, until end of
 * input, SIGTERM, SIGHUP (Apache's restarts) or SIGINT; SIGUSR2 logs the counters. A route table that
 * cannot be loaded at all ends it with status 2, as a bad config file does.
 */
export declare function serveBatch(ctx: CliContext): Promise<number>;
/** `--batch`, or a pipe on stdin: Apache's map. */
export declare const command: Command;
