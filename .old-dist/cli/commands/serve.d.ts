import type { CliContext } from '../context.js';
import { type Command } from './command.js';
/**
 * `--serve`: keeps every `export` file current (see ExportKeeper): each file whose blocks changed is replaced
 * whole (written beside it, flushed, renamed), a haproxy-map is replaced live in HAProxy through its
 * runtime API, and the line's command is run. An mmdb is read back before it replaces the old one.
 * Idle, it only waits on its watches. SIGHUP re-reads the table and writes everything again; SIGTERM
 * finishes the write under way and exits.
 */
export declare function serveExports(ctx: CliContext): Promise<number>;
/** `--serve`: export files kept current, and the closed loop of capacity. */
export declare const command: Command;
