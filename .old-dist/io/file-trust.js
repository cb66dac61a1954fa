import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
/** Debian gives system accounts (frr, bird, www-data) uids below this; people get theirs from it up. */
const FIRST_USER_UID = 1000;
/**
 * Why a file others could have written is not to be trusted, as sshd's StrictModes judges: the file
 * and every folder above it must belong to root, this user or a system account (the daemon that
 * writes a dump: frr, bird), and none may be writable by group or others (a folder with the sticky
 * bit, as /tmp, may: there no one else can replace what is ours). Undefined when it is trusted, or
 * not there.
 */
export function sharedFileProblem(file, uid = process.getuid?.()) {
    if (uid === undefined)
        return undefined;
    const path = resolve(file);
    let real;
    let stats;
    try {
        real = realpathSync(path);
        stats = statSync(real);
    }
    catch {
        return undefined;
    }
    // A device or a folder is refused elsewhere, for what it is.
    if (!stats.isFile())
        return undefined;
    const owned = (s) => s.uid === uid || s.uid < FIRST_USER_UID;
    if (!owned(stats))
        return `${path} belongs to uid ${stats.uid}, not to root, a system account or this user (uid ${uid})`;
    if ((stats.mode & 0o022) !== 0)
        return `${path} is writable by ${(stats.mode & 0o002) !== 0 ? 'others' : 'its group'} (mode ${(stats.mode & 0o777).toString(8)})`;
    // The folders above the name given and above the file it leads to: either could be swapped.
    for (const start of new Set([dirname(path), dirname(real)])) {
        const problem = folderProblem(start, path, owned);
        if (problem !== undefined)
            return problem;
    }
    return undefined;
}
function folderProblem(start, path, owned) {
    for (let dir = start;; dir = dirname(dir)) {
        let d;
        try {
            d = lstatSync(dir);
        }
        catch {
            return undefined;
        }
        if (!owned(d))
            return `${dir}, a folder above ${path}, belongs to uid ${d.uid}: another user could put another file there`;
        if ((d.mode & 0o022) !== 0 && (d.mode & 0o1000) === 0)
            return `${dir}, a folder above ${path}, is writable by ${(d.mode & 0o002) !== 0 ? 'others' : 'its group'} (mode ${(d.mode & 0o777).toString(8)}): another user could put another file there`;
        if (dir === dirname(dir))
            return undefined;
    }
}
//# sourceMappingURL=file-trust.js.map