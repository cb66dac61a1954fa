import type { CliContext } from '../context.js';
import { type Command } from './command.js';
/**
 * `--exabgp`: an ExaBGP API process (`process … { run supersparrow --exabgp; encoder json; }`). It
 * announces this POP's `anycast` prefixes while it can take clients and withdraws them when its
 * health checks fail or it is drained (with `anycast_med`, a drain re-announces with the drained MED
 * instead), sending only changes; it announces again when ExaBGP says a session came up, and withdraws
 * everything at end of input, SIGTERM or SIGHUP. ExaBGP's messages are read as they come, never
 * waited for.
 */
export declare function serveExabgp(ctx: CliContext): Promise<number>;
/** `--exabgp`: this POP's own checks and drains alone; it asks the route server nothing. */
export declare const command: Command;
