import { type Decision } from '../../resolver/resolver.js';
import type { CliContext } from '../context.js';
import { type Command } from './command.js';
/**
 * What batch mode would answer now, for `--verbose`: a one-shot answer follows the routes and the drain
 * file alone; batch also passes over POPs whose sessions are down or whose health check fails.
 */
export declare function liveAccount(ctx: CliContext, decision: Decision): string;
/** `supersparrow ADDRESS…`: one answer per address; status 1 when any was not the route server's real answer. */
export declare function answerOnce(ctx: CliContext, keys: readonly string[]): Promise<number>;
/** Addresses on the command line: each answered once; with --verbose, why, and what batch mode would answer now. */
export declare const command: Command;
