/** `--as USER:GROUP` that cannot be taken: the message says why and what to do. */
export declare class RunAsError extends Error {
    name: string;
}
/**
 * Becomes a user for the rest of the run, so that what this process can then read, the daemon can:
 * `USER:GROUP` (names or numbers) with no supplementary groups, as Apache runs a `RewriteMap prg:`
 * given `user:group`; `USER` alone with its own group and every group it is a member of, as systemd's
 * `User=` (PowerDNS's unit) and a login run it.
 */
export declare function becomeUser(spec: string): void;
