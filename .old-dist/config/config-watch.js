import { statSync } from 'node:fs';
import { SettledFileWatch, versionOf } from '../io/file-watch.js';
import { DIRECTIVES } from './directives.js';
import { errorMessage } from '../io/error-message.js';
/** What a running process takes from a changed config file (each directive says); the rest needs a restart. */
export const RELOADABLE_SETTINGS = new Set(DIRECTIVES.filter((d) => d.reloadable).map((d) => d.key));
const DIRECTIVE_NAMES = new Map(DIRECTIVES.map((d) => [d.key, d.name]));
/** A setting as the config file spells it: `drain_file` for drainFile, `peer` for the POPs. */
export function directiveName(key) {
    return DIRECTIVE_NAMES.get(key) ?? key.replace(/Ms$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
/** Settings that differ between two configurations: what applies now, and what waits for a restart. */
export function configChanges(before, after) {
    const applied = [];
    const needRestart = [];
    for (const key of Object.keys(after)) {
        if (sameValue(before[key], after[key]))
            continue;
        (RELOADABLE_SETTINGS.has(key) ? applied : needRestart).push(key);
    }
    return { applied, needRestart };
}
/** Settings as comparable text: Maps as their entries, BigInts (IPv6 networks) as decimal. */
function comparable(value) {
    const plain = (v) => (v instanceof Map ? [...v] : typeof v === 'bigint' ? `${v}n` : v);
    return JSON.stringify(plain(value), (_k, v) => plain(v)) ?? 'undefined';
}
function sameValue(a, b) {
    return comparable(a) === comparable(b);
}
/**
 * A config file, watched: each change is read again with `load` (the same layers as at start, the
 * command line still winning) once the file has stopped changing, and handed on whole, or its error
 * reported and the running one kept. A handler that throws is reported the same way: a reload never
 * stops a running map.
 */
export class ConfigWatch {
    file;
    #watch;
    constructor(file, load, events, intervalMs = 250) {
        this.file = file;
        let initial;
        try {
            initial = versionOf(statSync(file));
        }
        catch {
            initial = undefined;
        }
        this.#watch = new SettledFileWatch(file, {
            // A missing file (an editor replacing it) is not a configuration: wait for the new one.
            onRemoved: () => undefined,
            onSettled: (seen) => {
                let next;
                try {
                    next = load();
                }
                catch (e) {
                    events.onError(e instanceof Error ? e : new Error(errorMessage(e)));
                    return;
                }
                // Rewritten while it was read: what was read may be half of it. Read it again once it settles.
                if (!sameVersion(file, seen))
                    return this.#watch.again();
                events.onChange(next);
            },
            onError: (e) => events.onError(new Error(`${file}: the change could not be applied: ${e.message}`)),
        }, intervalMs, initial);
    }
    close() {
        this.#watch.close();
    }
}
function sameVersion(file, seen) {
    try {
        return versionOf(statSync(file)) === versionOf(seen);
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=config-watch.js.map