import type { CliContext } from '../context.js';
import { type CliIo } from '../process/io.js';
import { type Command } from './command.js';
export declare function cleanInteractiveLine(line: string): string;
/**
 * Where the prompt keeps its history, as shells do: SUPERSPARROW_HISTORY (empty: none), else
 * $XDG_STATE_HOME/supersparrow/history, else ~/.local/state/supersparrow/history.
 */
export declare function historyFile(env: CliIo['env']): string | undefined;
/** Completion of the prompt's words: its commands, and addresses typed before. */
export declare function completions(line: string, history: readonly string[]): [string[], string];
/**
 * A prompt for a person at a terminal, with an explanation of every answer. It waits without blocking:
 * health checks, session polls and reloads go on while nothing is typed.
 */
export declare function interact(ctx: CliContext): Promise<number>;
/** A prompt on a terminal. */
export declare const command: Command;
