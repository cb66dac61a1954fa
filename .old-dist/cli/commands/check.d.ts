import type { Config } from '../../config/config.js';
import type { RuntimeEvent } from '../../runtime/runtime-event.js';
import type { CliContext } from '../context.js';
import { type Command } from './command.js';
type Verdict = 'ok' | 'problem';
interface CheckRow {
    readonly verdict: Verdict;
    readonly what: string;
    readonly detail: string;
}
/** The problems the runtime reported while the check ran (a drain file that does not read, a health folder refused). */
export declare function problemOf(event: RuntimeEvent): string | undefined;
/** What each mode would do with this configuration, in a sentence each. */
export declare function modePlans(config: Config, exportable: boolean): CheckRow[];
/**
 * `--check`: as `nginx -t` does for nginx, everything a running map would need, tried once now: the
 * files read (the config already was, or this would not run), the route server logged in to and asked,
 * the health URLs probed, the drain file read, the metrics folder written. Exit 1 on any problem.
 */
export declare function checkConfig(ctx: CliContext, seen: readonly RuntimeEvent[], runAs: string | undefined, sharedInputs?: readonly string[]): Promise<number>;
/** `--check [--as USER]`. */
export declare const command: Command;
export {};
