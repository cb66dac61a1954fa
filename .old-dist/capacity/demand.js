import { formatPrefix, parsePrefix, prefixAround } from '../core/prefix.js';
import { FINEST_SPLIT } from './demand-item.js';
/** The busiest window is what capacity is planned for: five minutes, as traffic graphs are read. */
export const DEFAULT_DEMAND_WINDOW_SECONDS = 300;
export class DemandJsonError extends Error {
    name = 'DemandJsonError';
}
/**
 * Requests per deciding prefix, and inside it per /24 or /48, per window of the logs' own time: the
 * demand a capacity plan needs, in both units. Pure.
 */
export class DemandCounter {
    windowSeconds;
    #prefixes = [];
    #prefixIndex = new Map();
    #leaves = [];
    #leafIndex = new Map();
    #windows = new Map();
    #untimed = 0;
    #badTimes = 0;
    #badSizes = 0;
    constructor(windowSeconds = DEFAULT_DEMAND_WINDOW_SECONDS) {
        this.windowSeconds = windowSeconds;
    }
    /** Requests whose line gave no time: they cannot be placed in a window. */
    get untimed() {
        return this.#untimed;
    }
    /** Requests left out because their line's time or size is none a request can have. */
    get bad() {
        return { times: this.#badTimes, sizes: this.#badSizes };
    }
    /** A request whose line gives a time (`time`) or size (`size`) no request can have: counted, and left out. */
    addBad(fault) {
        if (fault === 'time')
            this.#badTimes++;
        else
            this.#badSizes++;
    }
    get windows() {
        return this.#windows.size;
    }
    /**
     * One request: from `address`, decided by `prefix` (undefined: no route, served by `ranking`'s only
     * POP), at `timeSeconds`, with a response of `bytes`.
     */
    add(address, prefix, ranking, timeSeconds, bytes) {
        if (timeSeconds === undefined) {
            this.#untimed++;
            return;
        }
        const finest = FINEST_SPLIT[address.family];
        const owner = prefix ?? prefixAround(address, finest);
        const leaf = owner.length >= finest ? owner : prefixAround(address, finest);
        const leafId = this.#leaf(leaf, owner, ranking);
        this.#count(Math.floor(timeSeconds / this.windowSeconds), leafId, 1, bytes ?? 0);
    }
    #leaf(leaf, owner, ranking) {
        // Numbers for IPv4: a log's every line passes here.
        const key = leaf.family === 4 ? leaf.length * 2 ** 32 + leaf.network : formatPrefix(leaf);
        let id = this.#leafIndex.get(key);
        if (id === undefined) {
            id = this.#leaves.length;
            this.#leaves.push({ prefix: leaf, owner: this.#prefix(owner, ranking) });
            this.#leafIndex.set(key, id);
        }
        return id;
    }
    #prefix(prefix, ranking) {
        const key = formatPrefix(prefix);
        let id = this.#prefixIndex.get(key);
        if (id === undefined) {
            id = this.#prefixes.length;
            this.#prefixes.push({ prefix, ranking: ranking() });
            this.#prefixIndex.set(key, id);
        }
        return id;
    }
    #count(window, leaf, requests, bytes) {
        let tallies = this.#windows.get(window);
        if (!tallies) {
            tallies = new Map();
            this.#windows.set(window, tallies);
        }
        const tally = tallies.get(leaf);
        if (tally) {
            tally.requests += requests;
            tally.bytes += bytes;
        }
        else
            tallies.set(leaf, { requests, bytes });
    }
    /** The demand at the busiest window, in `unit`; undefined when no request had a time. */
    peak(unit) {
        const weight = (t) => (unit === 'requests' ? t.requests : t.bytes * 8);
        let busiest;
        let busiestTotal = -1;
        for (const [window, tallies] of this.#windows) {
            let total = 0;
            for (const t of tallies.values())
                total += weight(t);
            if (total > busiestTotal || (total === busiestTotal && window < busiest)) {
                busiest = window;
                busiestTotal = total;
            }
        }
        if (busiest === undefined)
            return undefined;
        const leavesOf = new Map();
        for (const [leafId, tally] of this.#windows.get(busiest)) {
            const leaf = this.#leaves[leafId];
            const demand = weight(tally) / this.windowSeconds;
            if (demand <= 0)
                continue;
            const list = leavesOf.get(leaf.owner) ?? [];
            list.push({ prefix: leaf.prefix, demand });
            leavesOf.set(leaf.owner, list);
        }
        const prefixes = [];
        for (const [owner, leaves] of leavesOf) {
            const info = this.#prefixes[owner];
            prefixes.push({ prefix: info.prefix, ranking: info.ranking, demand: leaves.reduce((s, l) => s + l.demand, 0), leaves });
        }
        return {
            unit,
            startSeconds: busiest * this.windowSeconds,
            windowSeconds: this.windowSeconds,
            total: busiestTotal / this.windowSeconds,
            prefixes,
        };
    }
    toJson() {
        return {
            window_seconds: this.windowSeconds,
            untimed: this.#untimed,
            bad_times: this.#badTimes,
            bad_sizes: this.#badSizes,
            prefixes: this.#prefixes.map((p) => ({
                prefix: formatPrefix(p.prefix),
                ranking: p.ranking.map((r) => ({ pop: r.answer, as: r.asn ?? null, hops: r.hops })),
            })),
            windows: [...this.#windows]
                .sort((a, b) => a[0] - b[0])
                .map(([window, tallies]) => ({
                start: window * this.windowSeconds,
                leaves: [...tallies].map(([leafId, t]) => {
                    const leaf = this.#leaves[leafId];
                    return [leaf.owner, formatPrefix(leaf.prefix), t.requests, t.bytes];
                }),
            })),
        };
    }
    /** Adds another host's tally (its `demand` JSON); the first ranking seen for a prefix is kept. `source` names it in errors. */
    merge(json, source) {
        const demand = json;
        if (typeof demand !== 'object' || demand === null || !Array.isArray(demand.prefixes) || !Array.isArray(demand.windows))
            throw new DemandJsonError(`${source}: no "demand" tally: give a summary written by supersparrow --summary --format json`);
        if (demand.window_seconds !== this.windowSeconds)
            throw new DemandJsonError(`${source}: its windows are ${String(demand.window_seconds)} s, these are ${this.windowSeconds} s: summarise every host with the same demand_window`);
        const owners = demand.prefixes.map((p, i) => {
            const prefix = typeof p?.prefix === 'string' ? parsePrefix(p.prefix) : undefined;
            if (!prefix || !Array.isArray(p.ranking))
                throw new DemandJsonError(`${source}: prefixes[${i}] is not a prefix with a ranking`);
            const ranking = p.ranking.map((r) => ({
                answer: String(r.pop),
                asn: r.as ?? undefined,
                hops: Number(r.hops),
            }));
            return { prefix, ranking };
        });
        this.#untimed += Number(demand.untimed ?? 0);
        this.#badTimes += Number(demand.bad_times ?? 0);
        this.#badSizes += Number(demand.bad_sizes ?? 0);
        for (const window of demand.windows) {
            const index = Math.floor(Number(window.start) / this.windowSeconds);
            if (!Number.isFinite(index) || !Array.isArray(window.leaves))
                throw new DemandJsonError(`${source}: a window has no start or leaves`);
            for (const row of window.leaves) {
                const [owner, leafText, requests, bytes] = row;
                const info = owners[owner];
                const leaf = parsePrefix(String(leafText));
                if (!info || !leaf || !(Number(requests) >= 0) || !(Number(bytes) >= 0))
                    throw new DemandJsonError(`${source}: window ${window.start}: unreadable row ${JSON.stringify(row).slice(0, 80)}`);
                this.#count(index, this.#leaf(leaf, info.prefix, () => info.ranking), Number(requests), Number(bytes));
            }
        }
    }
}
//# sourceMappingURL=demand.js.map