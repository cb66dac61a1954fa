export interface CommandOutcome {
    readonly ok: boolean;
    /** How it ended, for a log line: "exit 1", "killed after 30 s", "could not start: …". */
    readonly how: string;
    /** The last of what it wrote to stdout and stderr, trimmed and made printable. */
    readonly output: string;
}
/** Runs an operator's command (`sh -c`) that has an engine read a file again: see runInGroup. */
export declare function runReloadCommand(command: string, timeoutMs: number): Promise<CommandOutcome>;
/**
 * What is wrong with a command before it is ever run: its syntax (`sh -n`), and its first word found
 * as a file or on PATH. Undefined when it looks runnable.
 */
export declare function commandProblem(command: string, path?: string): Promise<string | undefined>;
