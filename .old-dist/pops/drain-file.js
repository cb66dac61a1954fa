import { WatchedListFile } from '../io/watched-list-file.js';
import { drainedBecause, drainsOfNoPop, drainsOfNoPopWarning, parseDrainList } from './drain-list.js';
/** A drain file lists a few POPs: anything larger is a wrong path (a log, a device), refused. */
export const MAX_DRAIN_FILE_BYTES = 1024 * 1024;
/** A drain file, watched (see WatchedListFile); lines naming no POP are warned of, with their line. */
export class DrainFile {
    file;
    pops;
    onEvent;
    #list;
    constructor(file, pops, onEvent, intervalMs = 250) {
        this.file = file;
        this.pops = pops;
        this.onEvent = onEvent;
        this.#list = new WatchedListFile(file, 'drain file', (text) => {
            const entries = parseDrainList(text, file);
            this.#checkNames(entries);
            return entries;
        }, {
            onChange: () => this.onEvent({ kind: 'changed', inForce: this.inForce() }),
            onError: (error) => this.onEvent({ kind: 'rejected', error }),
        }, intervalMs, MAX_DRAIN_FILE_BYTES);
    }
    /** Why the POP is drained now, or undefined. */
    unavailable = (asn, answer) => drainedBecause(this.#list.entries, asn, answer, Date.now());
    /** A new POP table (the config changed): lines that now name no POP are reported again. */
    setPops(pops) {
        this.pops = pops;
        this.#checkNames(this.#list.entries);
    }
    inForce() {
        return this.#list.inForce().length;
    }
    close() {
        this.#list.close();
    }
    #checkNames(entries) {
        const unknown = drainsOfNoPop(entries, this.pops);
        if (unknown.length > 0)
            this.onEvent({ kind: 'names-no-pop', message: drainsOfNoPopWarning(this.file, unknown) });
    }
}
//# sourceMappingURL=drain-file.js.map