import type { Config } from '../../config/config.js';
import type { ActionOptions, Command, RunMode } from './command.js';
export type { ActionOptions, Command, CommandInput, RunMode } from './command.js';
export declare function loadCommand(mode: RunMode): Promise<Command>;
/** The run an action option asks for (--check, --plan, …), if one does. */
export declare function askedMode(action: ActionOptions): RunMode | undefined;
/** The run the command line asks for: an action option, else what the settings and arguments say. */
export declare function chosenMode(action: ActionOptions, addresses: readonly string[], config: Config, stdinIsTerminal: boolean): RunMode;
/**
 * Log mode when asked for (its arguments are files); else addresses on the command line mean
 * one-shot, whatever the config says; else a pipe means batch.
 */
export declare function runModeOf(addresses: readonly string[], config: Config, stdinIsTerminal: boolean): RunMode;
/** Options that make no sense together or alone, said before anything runs. */
export declare function actionMisuse(action: ActionOptions): string | undefined;
