import type { CliContext } from '../context.js';
import { type Command } from './command.js';
/**
 * `--plan [LOGS…]`: the demand the logs show at their busiest window, each POP's capacity, and which
 * prefixes move where so that none is over its high watermark, printed; with `--apply`, written to the
 * plan file too, atomically. Exact, as log mode is: a plan made from lines that could not be answered
 * is shown but not applied, and the status says so (1); 1 too when some demand could not be placed.
 */
export declare function planMode(ctx: CliContext, inputs: readonly string[], how: PlanApply, explain?: string): Promise<number>;
/** How --plan ends: shown only, applied within max_move, or applied whatever it moves (--force). */
export type PlanApply = 'show' | 'capped' | 'forced';
/** `--plan [--apply [--force]] [--explain PREFIX] [LOGS…]`: made from where clients would go with no plan in force, on routes and drains. */
export declare const command: Command;
