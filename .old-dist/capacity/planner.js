import { prefixCovers, truncatePrefix } from '../core/prefix.js';
import { halves, leavesWithin, prefixKey, splittable } from './demand-item.js';
import { bestAssignment } from './exact-assignment.js';
const EPSILON = 1e-9;
/** Plans with at most this many blocks free to move are searched whole for the best assignment. */
const MAX_SEARCHED_BLOCKS = 64;
/** Steps of that search: about 30 ms at most. */
const SEARCH_STEPS = 200_000;
/** Longer detours than this all cost the same: no AS path is that long. */
const MAX_EXTRA_HOPS = 1000;
/**
 * Part ids that can go from one POP to another at one marginal cost. Once sorted (largest demand
 * first) new ids are inserted in place; ids of parts gone elsewhere are skipped, and `head` passes the
 * ones at the front for good.
 */
class Bucket {
    ids = [];
    head = 0;
    sorted = false;
    add(id, demandOf) {
        if (!this.sorted) {
            this.ids.push(id);
            return;
        }
        const demand = demandOf(id);
        let lo = this.head;
        let hi = this.ids.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (demandOf(this.ids[mid]) >= demand)
                lo = mid + 1;
            else
                hi = mid;
        }
        this.ids.splice(lo, 0, id);
    }
    /** Whether a live id remains, the front's dead ones passed for good. */
    firstLive(live) {
        while (this.head < this.ids.length && !live(this.ids[this.head]))
            this.head++;
        return this.head < this.ids.length;
    }
    /** Keeps the live ids only, largest demand first. */
    sort(live, demandOf) {
        this.ids = this.ids.slice(this.head).filter(live);
        this.ids.sort((a, b) => demandOf(b) - demandOf(a));
        this.head = 0;
        this.sorted = true;
    }
    /** The first index at or after `head` whose demand is at most `demand`. */
    firstAtMost(demand, demandOf) {
        let lo = this.head;
        let hi = this.ids.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (demandOf(this.ids[mid]) > demand)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
/**
 * The parts of deciding prefixes and where their demand goes, as columns: a deciding prefix is part
 * `s` (its source index) until it is split; split parts follow, with their own prefix and leaves.
 */
class Parts {
    at;
    source;
    demand;
    /** 1 while the part is whole (not split), 2 once kept from the previous plan as well. */
    state;
    prefixes;
    leaves;
    length = 0;
    constructor(capacity) {
        // Sized once: a million parts pushed one by one cost a copy at every doubling.
        this.prefixes = new Array(capacity);
        this.leaves = new Array(capacity);
        this.at = new Int32Array(capacity);
        this.source = new Int32Array(capacity);
        this.demand = new Float64Array(capacity);
        this.state = new Uint8Array(capacity);
    }
    add(source, at, demand, prefix, leaves, kept) {
        if (this.length === this.at.length)
            this.#grow();
        const id = this.length++;
        this.at[id] = at;
        this.source[id] = source;
        this.demand[id] = demand;
        this.state[id] = kept ? KEPT | ALIVE : ALIVE;
        this.prefixes[id] = prefix;
        this.leaves[id] = leaves;
        return id;
    }
    alive(id) {
        return (this.state[id] & ALIVE) !== 0;
    }
    kept(id) {
        return (this.state[id] & KEPT) !== 0;
    }
    setKept(id, kept) {
        this.state[id] = kept ? this.state[id] | KEPT : this.state[id] & ~KEPT;
    }
    #grow() {
        const size = Math.max(16, this.at.length * 2);
        const grow = (old, make) => {
            const next = make(size);
            next.set(old);
            return next;
        };
        this.at = grow(this.at, (n) => new Int32Array(n));
        this.source = grow(this.source, (n) => new Int32Array(n));
        this.demand = grow(this.demand, (n) => new Float64Array(n));
        this.state = grow(this.state, (n) => new Uint8Array(n));
    }
}
const ALIVE = 1;
const KEPT = 2;
/**
 * Sends each POP no more than its capacity at the high watermark, moving the demand that costs the
 * fewest extra AS hops: a min-cost flow between POPs (successive shortest paths over the cheapest
 * prefix each POP can hand to each other), whose units are prefixes, split in halves down to /24 or /48
 * when one is larger than what must move. Pure.
 */
export function planCapacity(input) {
    return new Planner(input).run();
}
class Planner {
    input;
    #names = [];
    #index = new Map();
    /** The deciding prefixes with demand that some POP can serve, by source index. */
    #sources = [];
    /** Each source's nearest POP that can take clients. */
    #home = new Int32Array(0);
    /** Each source's row of POP-count entries: extra hops to each POP from its home, -1 where it cannot go. */
    #cost = new Int16Array(0);
    /** Each source's row of the POPs it can reach, nearest first, -1 past the last. */
    #reach = new Int16Array(0);
    #parts = new Parts(0);
    /** Each deciding prefix's source index, by its text: built when a previous plan is seeded. */
    #sourceOf;
    /** The parts split from each deciding prefix, dead ones included: built when a previous plan is seeded. */
    #partsOf;
    #demandOf = (id) => this.#parts.demand[id];
    #load = new Float64Array(0);
    #limit = new Float64Array(0);
    #serving = [];
    /** Per pair of POPs (from × n + to), built when a move first leaves `from`: the parts at `from` by marginal cost. */
    #arcs = [];
    /** Per POP: 1 once its pairs are built. */
    #built = new Uint8Array(0);
    /**
     * Per pair not built yet: the lowest marginal cost of any part that has been at `from`, a floor that
     * may be stale once parts leave; a pair is built, and so exact, before anything moves along it.
     */
    #floor = new Float64Array(0);
    /** Per POP: every part that has been there (some since gone), for building its pairs. */
    #arrivals = [];
    /** The largest extra hops any prefix has to any POP: marginal costs lie within ± it. */
    #offset = 0;
    #watermark = 0.9;
    #low;
    #before = new Float64Array(0);
    constructor(input) {
        this.input = input;
        this.#watermark = input.highWatermark ?? 0.9;
        this.#low = input.lowWatermark ?? 0.75;
        for (const pop of input.capacity.keys())
            this.#pop(pop);
        for (const p of input.prefixes)
            for (const entry of p.ranking)
                this.#pop(entry.answer);
        for (const pop of input.out ?? [])
            this.#pop(pop);
    }
    #pop(name) {
        let i = this.#index.get(name);
        if (i === undefined) {
            i = this.#names.length;
            this.#names.push(name);
            this.#index.set(name, i);
        }
        return i;
    }
    run() {
        const n = this.#names.length;
        const out = this.input.out ?? new Set();
        const serving = this.#names.map((name) => !out.has(name));
        this.#serving = serving;
        const load = new Float64Array(n);
        this.#load = load;
        this.#arcs = new Array(n * n).fill(undefined);
        this.#built = new Uint8Array(n);
        const floor = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
        this.#floor = floor;
        const arrivals = Array.from({ length: n }, () => []);
        this.#arrivals = arrivals;
        const count = this.input.prefixes.length;
        // Sixteen bits a cell: a million prefixes over ten POPs fit in 20 MB a table.
        const cost = new Int16Array(count * n).fill(-1);
        this.#cost = cost;
        const homes = new Int32Array(count);
        this.#home = homes;
        const reach = new Int16Array(count * n).fill(-1);
        this.#reach = reach;
        const parts = new Parts(count + 1024);
        this.#parts = parts;
        const index = this.#index;
        const sources = this.#sources;
        let totalDemand = 0;
        let offset = 0;
        for (let p = 0; p < count; p++) {
            const demand = this.input.prefixes[p];
            if (!(demand.demand > 0))
                continue;
            const source = sources.length;
            const row = source * n;
            const ranking = demand.ranking;
            let home = -1;
            let homeHops = 0;
            let reached = 0;
            for (let k = 0; k < ranking.length; k++) {
                const entry = ranking[k];
                const i = index.get(entry.answer);
                if (!serving[i] || cost[row + i] >= 0)
                    continue;
                reach[row + reached++] = i;
                if (home < 0) {
                    home = i;
                    homeHops = entry.hops;
                }
                const extra = Math.min(MAX_EXTRA_HOPS, Math.max(0, Math.round(entry.hops - homeHops)));
                cost[row + i] = extra;
                if (extra > offset)
                    offset = extra;
                const pair = home * n + i;
                if (i !== home && extra < floor[pair])
                    floor[pair] = extra;
            }
            if (home < 0)
                continue;
            sources.push(demand);
            homes[source] = home;
            // Whole deciding prefixes are the first parts: part `source` is source `source`.
            arrivals[home].push(parts.add(source, home, demand.demand, demand.prefix, demand.leaves, false));
            load[home] += demand.demand;
            totalDemand += demand.demand;
        }
        this.#offset = offset;
        this.#before = Float64Array.from(load);
        const totalLimit = this.#limits(totalDemand);
        if (this.input.previous)
            this.#keepPrevious();
        this.#resolveOverloads();
        this.#returnUnneeded();
        this.#searchSmall();
        return this.#result(totalDemand, totalLimit);
    }
    /** Limits at the high watermark; when demand exceeds them all, every POP is held to the same higher share. */
    #limits(totalDemand) {
        const n = this.#names.length;
        this.#limit = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
        let capacity = 0;
        let unlimited = false;
        for (let i = 0; i < n; i++) {
            if (!this.#serving[i]) {
                this.#limit[i] = 0;
                continue;
            }
            const c = this.input.capacity.get(this.#names[i]);
            if (c === undefined)
                unlimited = true;
            else
                capacity += c;
        }
        if (!unlimited && capacity > 0 && totalDemand > capacity * this.#watermark)
            this.#watermark = totalDemand / capacity;
        for (let i = 0; i < n; i++) {
            const c = this.input.capacity.get(this.#names[i]);
            if (this.#serving[i] && c !== undefined)
                this.#limit[i] = c * this.#watermark;
        }
        return unlimited ? undefined : capacity * this.#watermark;
    }
    /** Seeds the previous plan's moves, then undoes those whose POP has room below the low watermark. */
    #keepPrevious() {
        const parts = this.#parts;
        for (const { prefix, pop } of this.input.previous ?? []) {
            const to = this.#index.get(pop);
            if (to === undefined || !this.#serving[to])
                continue;
            const id = this.#aliveCovering(prefix);
            if (id === undefined || this.#costTo(parts.source[id], to) < 0)
                continue;
            const carved = this.#carve(id, prefix);
            if (parts.at[carved] !== to)
                this.#move(carved, to);
            parts.setKept(carved, true);
        }
        const visitors = [];
        for (let id = 0; id < parts.length; id++)
            if (parts.alive(id) && parts.at[id] !== this.#home[parts.source[id]])
                visitors.push(id);
        visitors.sort((a, b) => this.#costAt(b) - this.#costAt(a) || parts.demand[b] - parts.demand[a]);
        for (const id of visitors) {
            const home = this.#home[parts.source[id]];
            const capacity = this.input.capacity.get(this.#names[home]);
            if (capacity === undefined || this.#load[home] + parts.demand[id] <= capacity * this.#low + EPSILON) {
                parts.setKept(id, false);
                this.#move(id, home);
            }
        }
    }
    /** The live part of a deciding prefix that holds `prefix`, if some deciding prefix does. */
    #aliveCovering(prefix) {
        const parts = this.#parts;
        this.#sourceOf ??= new Map(this.#sources.map((s, i) => [prefixKey(s.prefix), i]));
        for (let length = prefix.length; length >= 0; length--) {
            const source = this.#sourceOf.get(prefixKey(truncatePrefix(prefix, length)));
            if (source === undefined)
                continue;
            if (!this.#partsOf) {
                const bySource = this.#sources.map(() => []);
                for (let id = 0; id < parts.length; id++)
                    bySource[parts.source[id]].push(id);
                this.#partsOf = bySource;
            }
            return this.#partsOf[source].find((id) => parts.alive(id) && prefixCovers(parts.prefixes[id], prefix));
        }
        return undefined;
    }
    #costAt(id) {
        return this.#costTo(this.#parts.source[id], this.#parts.at[id]);
    }
    #costTo(source, pop) {
        return this.#cost[source * this.#names.length + pop];
    }
    /** The part of `id` that is exactly `part`, its siblings split off at the same POP. */
    #carve(id, part) {
        let current = id;
        while (this.#parts.prefixes[current].length < part.length) {
            const pair = halves(this.#parts.prefixes[current]);
            if (!pair)
                break;
            const [inner, outer] = prefixCovers(pair[0], part) ? pair : [pair[1], pair[0]];
            current = this.#split(current, [inner, outer])[0];
        }
        return current;
    }
    /** Replaces a part by its halves (each at the same POP); returns them in the order given. */
    #split(id, halvesOf) {
        const parts = this.#parts;
        parts.state[id] = parts.state[id] & ~ALIVE;
        const made = [];
        for (const prefix of halvesOf) {
            const { leaves, demand } = leavesWithin(prefix, parts.leaves[id]);
            const child = parts.add(parts.source[id], parts.at[id], demand, prefix, leaves, parts.kept(id));
            this.#partsOf?.[parts.source[id]]?.push(child);
            this.#file(child);
            made.push(child);
        }
        return made;
    }
    #move(id, to) {
        const parts = this.#parts;
        this.#load[parts.at[id]] -= parts.demand[id];
        this.#load[to] += parts.demand[id];
        parts.at[id] = to;
        this.#file(id);
    }
    /** Files a part where it now is: in each built pair from its POP, and under each unbuilt pair's floor. */
    #file(id) {
        const parts = this.#parts;
        if (parts.demand[id] <= 0)
            return;
        const at = parts.at[id];
        this.#arrivals[at].push(id);
        const n = this.#names.length;
        const row = parts.source[id] * n;
        for (let k = row; k < row + n && this.#reach[k] >= 0; k++) {
            const to = this.#reach[k];
            const marginal = this.#marginal(id, to);
            if (marginal === undefined)
                continue;
            const pair = at * n + to;
            const arcs = this.#arcs[pair];
            if (arcs)
                this.#fileIn(arcs, id, marginal);
            else if (marginal < this.#floor[pair])
                this.#floor[pair] = marginal;
        }
    }
    /** What moving the part on to `to` costs beyond where it is; undefined where it may not go. */
    #marginal(id, to) {
        const parts = this.#parts;
        const source = parts.source[id];
        const row = source * this.#names.length;
        const at = parts.at[id];
        const there = this.#cost[row + to];
        if (to === at || there < 0 || !this.#serving[to])
            return undefined;
        // A kept move goes home only below the low watermark (#keepPrevious), or it would flap.
        if (to === this.#home[source] && parts.kept(id))
            return undefined;
        return there - this.#cost[row + at];
    }
    #fileIn(arcs, id, marginal) {
        const slot = marginal + this.#offset;
        let bucket = arcs[slot];
        if (!bucket) {
            bucket = new Bucket();
            arcs[slot] = bucket;
        }
        bucket.add(id, this.#demandOf);
    }
    /**
     * The pair's parts by marginal cost. The first time any pair from `from` is asked for, all of them are
     * built in one pass over every part that has been at `from`.
     */
    #arcsOf(from, to) {
        const n = this.#names.length;
        if (!this.#built[from]) {
            this.#built[from] = 1;
            const slots = 2 * this.#offset + 1;
            for (let t = 0; t < n; t++)
                this.#arcs[from * n + t] = new Array(slots).fill(undefined);
            const parts = this.#parts;
            // A part that came back is listed twice: its second entry in a bucket is passed over like a spent one.
            for (const id of this.#arrivals[from]) {
                if (!parts.alive(id) || parts.at[id] !== from || parts.demand[id] <= 0)
                    continue;
                const row = parts.source[id] * n;
                for (let k = row; k < row + n && this.#reach[k] >= 0; k++) {
                    const target = this.#reach[k];
                    const marginal = this.#marginal(id, target);
                    if (marginal !== undefined)
                        this.#fileIn(this.#arcs[from * n + target], id, marginal);
                }
            }
        }
        return this.#arcs[from * n + to];
    }
    /** The cheapest marginal cost of moving something from `from` to `to`, dropping spent buckets; undefined when nothing can. */
    #cheapest(from, to) {
        const pair = from * this.#names.length + to;
        const byCost = this.#arcs[pair];
        if (!byCost) {
            const floor = this.#floor[pair];
            return floor === Number.POSITIVE_INFINITY ? undefined : floor;
        }
        const live = this.#liveAt(from);
        for (let slot = 0; slot < byCost.length; slot++) {
            const bucket = byCost[slot];
            if (!bucket)
                continue;
            if (bucket.firstLive(live))
                return slot - this.#offset;
            byCost[slot] = undefined;
        }
        return undefined;
    }
    #liveAt(at) {
        const parts = this.#parts;
        return (id) => (parts.state[id] & ALIVE) !== 0 && parts.at[id] === at;
    }
    #resolveOverloads() {
        const n = this.#names.length;
        /** POPs whose room proved smaller than anything that could be moved to them. */
        const full = new Set();
        for (let round = 0; round < 100_000; round++) {
            const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
            const via = new Int32Array(n).fill(-1);
            const viaCost = new Float64Array(n);
            const over = new Array(n).fill(false);
            let overloaded = false;
            for (let i = 0; i < n; i++) {
                over[i] = this.#load[i] > this.#limit[i] + EPSILON;
                if (over[i]) {
                    dist[i] = 0;
                    overloaded = true;
                }
            }
            if (!overloaded)
                return;
            // Bellman-Ford over POPs: few nodes, and moving a visitor on can cost less than nothing.
            for (let pass = 0; pass < n; pass++) {
                let changed = false;
                for (let a = 0; a < n; a++) {
                    if (dist[a] === Number.POSITIVE_INFINITY)
                        continue;
                    for (let b = 0; b < n; b++) {
                        // Nothing goes through a POP that is itself over its limit: it is a source, not a way.
                        if (a === b || !this.#serving[b] || over[b])
                            continue;
                        const c = this.#cheapest(a, b);
                        if (c !== undefined && dist[a] + c < dist[b] - EPSILON) {
                            dist[b] = dist[a] + c;
                            via[b] = a;
                            viaCost[b] = c;
                            changed = true;
                        }
                    }
                }
                if (!changed)
                    break;
            }
            let target = -1;
            for (let t = 0; t < n; t++) {
                if (dist[t] === Number.POSITIVE_INFINITY || full.has(t) || this.#load[t] >= this.#limit[t] - EPSILON)
                    continue;
                if (target < 0 || dist[t] < dist[target])
                    target = t;
            }
            if (target < 0)
                return;
            const path = [target];
            for (let at = target; via[at] >= 0 && path.length <= n; at = via[at])
                path.unshift(via[at]);
            const start = path[0];
            if (path.length < 2 || !over[start])
                return;
            // A floor may be stale: the path's pairs are built, and if one costs more than it said, the path is found again.
            let exact = true;
            for (let k = 0; k + 1 < path.length; k++) {
                this.#arcsOf(path[k], path[k + 1]);
                if (this.#cheapest(path[k], path[k + 1]) !== viaCost[path[k + 1]])
                    exact = false;
            }
            if (!exact)
                continue;
            let amount = Math.min(this.#load[start] - this.#limit[start], this.#limit[target] - this.#load[target]);
            const room = this.#limit[target] - this.#load[target];
            let moved = 0;
            for (let k = 0; k + 1 < path.length && amount > EPSILON; k++) {
                const step = this.#push(path[k], path[k + 1], viaCost[path[k + 1]], amount, room);
                moved += step;
                amount = step;
            }
            if (moved <= EPSILON)
                full.add(target);
        }
    }
    /**
     * The flow's moves that are not needed after all go back to their nearest POP, the costliest first
     * (extra hops × demand), while every POP stays within its limit: the plan moves no more than it
     * must, and a plan made again on the same inputs finds nothing more to move. Moves kept from the
     * plan in force stay: the low watermark rules them.
     */
    #returnUnneeded() {
        const parts = this.#parts;
        const visitors = [];
        for (let id = 0; id < parts.length; id++)
            if (parts.alive(id) && parts.demand[id] > 0 && !parts.kept(id) && parts.at[id] !== this.#home[parts.source[id]])
                visitors.push(id);
        const costOf = (id) => this.#costAt(id) * parts.demand[id];
        visitors.sort((a, b) => costOf(b) - costOf(a) || parts.demand[b] - parts.demand[a] || a - b);
        for (const id of visitors) {
            const home = this.#home[parts.source[id]];
            if (this.#load[home] + parts.demand[id] <= this.#limit[home] + EPSILON)
                this.#move(id, home);
        }
    }
    /**
     * A plan with few blocks free to move (a /24 or /48, or a prefix whose demand does not divide) is
     * searched whole, the flow's plan as the one to beat: rounding whole blocks is most of a small plan's
     * cost, and nothing in a flow sees it. Moves kept from the plan in force stay where they are.
     */
    #searchSmall() {
        const parts = this.#parts;
        const n = this.#names.length;
        const movable = (id) => parts.alive(id) && parts.demand[id] > 0 && !parts.kept(id) && this.#reach[parts.source[id] * n + 1] >= 0;
        const free = [];
        let blocks = 0;
        for (let id = 0; id < parts.length; id++) {
            if (!movable(id))
                continue;
            free.push(id);
            blocks += splittable(parts.prefixes[id], parts.leaves[id]) ? parts.leaves[id].length : 1;
            if (blocks > MAX_SEARCHED_BLOCKS)
                return;
        }
        if (blocks === 0)
            return;
        const ids = [];
        for (const id of free) {
            if (!splittable(parts.prefixes[id], parts.leaves[id]))
                ids.push(id);
            else
                for (const leaf of parts.leaves[id])
                    ids.push(this.#carve(this.#aliveCovering(leaf.prefix), leaf.prefix));
        }
        const baseLoad = Float64Array.from(this.#load);
        const units = ids.map((id) => {
            const source = parts.source[id];
            baseLoad[parts.at[id]] -= parts.demand[id];
            const choices = [];
            for (let k = source * n; k < source * n + n && this.#reach[k] >= 0; k++)
                choices.push({ pop: this.#reach[k], hops: this.#costTo(source, this.#reach[k]) });
            return { demand: parts.demand[id], choices };
        });
        const best = bestAssignment({
            units,
            baseLoad,
            limit: this.#limit,
            start: ids.map((id) => parts.at[id]),
            stepBudget: SEARCH_STEPS,
        });
        ids.forEach((id, i) => {
            if (parts.at[id] !== best.pops[i])
                this.#move(id, best.pops[i]);
        });
    }
    /** Moves about `amount` of demand from `from` to `to` at one marginal cost, largest parts first, splitting what is too large. */
    #push(from, to, marginal, amount, room) {
        const bucket = this.#arcsOf(from, to)[marginal + this.#offset];
        if (!bucket)
            return 0;
        const parts = this.#parts;
        const live = this.#liveAt(from);
        if (!bucket.sorted)
            bucket.sort(live, this.#demandOf);
        let moved = 0;
        for (let guard = 0; guard < 10_000_000 && moved < amount - EPSILON && bucket.firstLive(live); guard++) {
            const remaining = amount - moved;
            const largest = bucket.ids[bucket.head];
            let chosen = -1;
            if (parts.demand[largest] <= remaining + EPSILON)
                chosen = largest;
            else if (splittable(parts.prefixes[largest], parts.leaves[largest])) {
                this.#split(largest, halves(parts.prefixes[largest]));
                continue;
            }
            else {
                // The largest part that fits; else the smallest that does not (overshooting least), if the target has room.
                const at = bucket.firstAtMost(remaining + EPSILON, this.#demandOf);
                for (let k = at; k < bucket.ids.length && chosen < 0; k++)
                    if (live(bucket.ids[k]))
                        chosen = bucket.ids[k];
                for (let k = at - 1; k >= bucket.head && chosen < 0; k--) {
                    const id = bucket.ids[k];
                    if (!live(id))
                        continue;
                    if (moved + parts.demand[id] <= room + EPSILON)
                        chosen = id;
                    else
                        break;
                }
            }
            if (chosen < 0)
                break;
            parts.setKept(chosen, false);
            this.#move(chosen, to);
            moved += parts.demand[chosen];
        }
        return moved;
    }
    #result(totalDemand, totalLimit) {
        const parts = this.#parts;
        const moved = [];
        for (let id = 0; id < parts.length; id++)
            // A kept line whose blocks had no request in this window stays too: its home is no emptier for it.
            if (parts.alive(id) && (parts.demand[id] > 0 || parts.kept(id)) && parts.at[id] !== this.#home[parts.source[id]])
                moved.push(id);
        const moves = [];
        let cost = 0;
        for (const move of this.#coalesced(moved)) {
            const extraHops = this.#costTo(move.source, move.at);
            cost += extraHops * move.demand;
            moves.push({
                prefix: move.prefix,
                decidingPrefix: this.#sources[move.source].prefix,
                demand: move.demand,
                from: this.#names[this.#home[move.source]],
                to: this.#names[move.at],
                extraHops,
                why: move.kept ? 'kept' : 'over-capacity',
            });
        }
        moves.sort((a, b) => b.demand - a.demand || a.from.localeCompare(b.from));
        let unplaced = 0;
        const pops = this.#names.map((pop, i) => {
            unplaced += Math.max(0, this.#load[i] - this.#limit[i]);
            return { pop, capacity: this.input.capacity.get(pop), before: this.#before[i], after: this.#load[i], out: !this.#serving[i] };
        });
        return { pops, moves, totalDemand, totalLimit, watermark: this.#watermark, unplaced: unplaced > EPSILON ? unplaced : 0, cost };
    }
    /** Moved parts, sibling halves sent to the same POP joined again: the plan names as few prefixes as it can. */
    #coalesced(moved) {
        const parts = this.#parts;
        const whole = [];
        let split = [];
        for (const id of moved) {
            const part = {
                prefix: parts.prefixes[id],
                source: parts.source[id],
                demand: parts.demand[id],
                at: parts.at[id],
                kept: parts.kept(id),
            };
            if (part.prefix.length === this.#sources[part.source].prefix.length)
                whole.push(part);
            else
                split.push(part);
        }
        for (let changed = true; changed;) {
            changed = false;
            const byKey = new Map();
            const next = [];
            for (const part of split) {
                const parentLength = part.prefix.length - 1;
                if (parentLength < this.#sources[part.source].prefix.length) {
                    next.push(part);
                    continue;
                }
                const parent = { ...part.prefix, network: parentNetwork(part.prefix), length: parentLength };
                const key = `${part.source}|${String(parent.network)}|${parentLength}|${part.at}`;
                const sibling = byKey.get(key);
                if (sibling) {
                    byKey.delete(key);
                    next.push({
                        prefix: parent,
                        source: part.source,
                        demand: sibling.demand + part.demand,
                        at: part.at,
                        kept: sibling.kept && part.kept,
                    });
                    changed = true;
                }
                else
                    byKey.set(key, part);
            }
            split = [...next, ...byKey.values()];
        }
        return [...whole, ...split];
    }
}
function parentNetwork(prefix) {
    if (prefix.family === 4) {
        const bit = 2 ** (32 - prefix.length);
        return prefix.network - (prefix.network % (bit * 2));
    }
    const bit = 1n << BigInt(128 - prefix.length);
    return prefix.network & ~bit;
}
//# sourceMappingURL=planner.js.map