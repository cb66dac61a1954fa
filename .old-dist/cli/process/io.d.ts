import type { Config } from '../../config/config.js';
import type { Readable, Writable } from 'node:stream';
export type Signal = 'SIGTERM' | 'SIGHUP' | 'SIGINT' | 'SIGUSR2';
/** What the command line touches of its process, so that it can run in-process under a test. */
export interface CliIo {
    readonly stdin: Readable & {
        readonly isTTY?: boolean;
    };
    readonly stdout: Writable;
    readonly stderr: Writable & {
        readonly isTTY?: boolean;
    };
    readonly env: Readonly<Record<string, string | undefined>>;
    /** Relative paths on the command line are relative to this. */
    readonly cwd: string;
    onSignal(signal: Signal, listener: () => void): void;
    offSignal(signal: Signal, listener: () => void): void;
}
export declare function processIo(): CliIo;
export declare const EXIT_OK = 0;
/** One-shot mode: an address was not an IP address, or an answer fell back to self. */
export declare const EXIT_FALLBACK = 1;
/** `--status`: a POP cannot take clients, or the route server is down. */
export declare const EXIT_NOT_ALL_UP = 1;
/** `--export`: the table cannot be had or the output cannot be written; nothing is substituted. */
export declare const EXIT_EXPORT_FAILED = 1;
/** `--check`: a file, the route server, a health URL or a folder is not as the configuration needs. */
export declare const EXIT_CHECK_FAILED = 1;
/** Bad configuration, option or route table. */
export declare const EXIT_USAGE = 2;
/** A vty route server (FRR, Zebra, Cisco, GateD) with no password set, and a person at the terminal to ask. */
export declare function needsPassword(config: Pick<Config, 'routeServer' | 'password'>): boolean;
