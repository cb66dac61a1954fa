import { execFileSync } from 'node:child_process';
import { errorMessage } from '../../io/error-message.js';
/** `--as USER:GROUP` that cannot be taken: the message says why and what to do. */
export class RunAsError extends Error {
    name = 'RunAsError';
}
/**
 * Becomes a user for the rest of the run, so that what this process can then read, the daemon can:
 * `USER:GROUP` (names or numbers) with no supplementary groups, as Apache runs a `RewriteMap prg:`
 * given `user:group`; `USER` alone with its own group and every group it is a member of, as systemd's
 * `User=` (PowerDNS's unit) and a login run it.
 */
export function becomeUser(spec) {
    const m = /^([^:\s]+)(?::([^:\s]+))?$/.exec(spec);
    if (!m)
        throw new RunAsError(`--as needs USER or USER:GROUP, e.g. --as pdns or --as www-data:supersparrow; got "${spec}"`);
    if (typeof process.getuid !== 'function' || process.getuid() !== 0)
        throw new RunAsError('--as changes user, which only root can: run the check as root (sudo supersparrow --check --as USER)');
    const id = (text) => (/^\d+$/.test(text) ? Number(text) : text);
    const [, user, group] = m;
    try {
        if (group === undefined) {
            const primary = primaryGroupOf(user);
            // In Node on POSIX, not in its types.
            process.initgroups(user, primary);
            process.setgid(primary);
        }
        else {
            process.setgroups([]);
            process.setgid(id(group));
        }
        process.setuid(id(user));
    }
    catch (e) {
        throw new RunAsError(`--as ${spec}: ${errorMessage(e)}; give a user (and group) that exist on this host`);
    }
}
/** The user's own group, as the system's user database (files, LDAP) has it. */
function primaryGroupOf(user) {
    const out = execFileSync('id', ['-g', '--', user], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    if (!/^\d+$/.test(out))
        throw new Error(`no such user: ${user}`);
    return Number(out);
}
//# sourceMappingURL=run-as.js.map