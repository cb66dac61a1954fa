export function processIo() {
    return {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
        cwd: process.cwd(),
        onSignal: (signal, listener) => {
            process.on(signal, listener);
        },
        offSignal: (signal, listener) => {
            process.off(signal, listener);
        },
    };
}
export const EXIT_OK = 0;
/** One-shot mode: an address was not an IP address, or an answer fell back to self. */
export const EXIT_FALLBACK = 1;
/** `--status`: a POP cannot take clients, or the route server is down. */
export const EXIT_NOT_ALL_UP = 1;
/** `--export`: the table cannot be had or the output cannot be written; nothing is substituted. */
export const EXIT_EXPORT_FAILED = 1;
/** `--check`: a file, the route server, a health URL or a folder is not as the configuration needs. */
export const EXIT_CHECK_FAILED = 1;
/** Bad configuration, option or route table. */
export const EXIT_USAGE = 2;
/** A vty route server (FRR, Zebra, Cisco, GateD) with no password set, and a person at the terminal to ask. */
export function needsPassword(config) {
    const vty = config.routeServer === 'zebra' || config.routeServer === 'frr-json' || config.routeServer === 'cisco' || config.routeServer === 'gated';
    return vty && config.password === undefined && process.stdin.isTTY === true && process.stderr.isTTY === true;
}
//# sourceMappingURL=io.js.map