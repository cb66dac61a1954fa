import { runSteps, runStepsYielding } from './steps.js';
/** No route covers the address or range. */
export const NO_PREFIX = -1;
/** `answerOf`: no POP on the path (or every one out): self. */
export const SELF_ANSWER = -1;
/** In a stored ranking, the place of self (an AS number reserved by RFC 7300). */
export const RANKED_SELF = 0xffff_ffff;
class Growable {
    data;
    length = 0;
    constructor(capacity) {
        this.data = new Uint32Array(Math.max(16, capacity));
    }
    push(value) {
        if (this.length === this.data.length) {
            const bigger = new Uint32Array(this.data.length * 2);
            bigger.set(this.data);
            this.data = bigger;
        }
        this.data[this.length++] = value;
    }
    /** The values pushed: the array itself when it was sized right, so no copy is made. */
    done() {
        return this.length === this.data.length ? this.data : this.data.slice(0, this.length);
    }
}
/**
 * Numbers pushed in chunks that are never copied while growing: large buffers freed during a load
 * raise the allocator's mmap threshold, and the memory of later ones then stays with the process.
 */
class Chunked {
    bytes;
    static BITS = 18;
    #chunks = [];
    length = 0;
    constructor(bytes) {
        this.bytes = bytes;
    }
    push(value) {
        const at = this.length & ((1 << Chunked.BITS) - 1);
        if (at === 0)
            this.#chunks.push(this.bytes === 4 ? new Uint32Array(1 << Chunked.BITS) : new Uint8Array(1 << Chunked.BITS));
        this.#chunks[this.#chunks.length - 1][at] = value;
        this.length++;
    }
    get(i) {
        return this.#chunks[i >>> Chunked.BITS][i & ((1 << Chunked.BITS) - 1)];
    }
}
/**
 * Stable LSD radix sort of `order` by 16-bit digits, the least significant key first. Typed arrays
 * and counting passes: a million prefixes sort in tens of milliseconds, with no comparator calls.
 */
function* radixSort(order, keys) {
    let from = order;
    let to = new Uint32Array(order.length);
    const counts = new Uint32Array(65537);
    for (const key of keys) {
        counts.fill(0);
        for (let k = 0; k < from.length; k++)
            counts[key[from[k]] + 1]++;
        for (let d = 1; d < counts.length; d++)
            counts[d] += counts[d - 1];
        for (let k = 0; k < from.length; k++) {
            const i = from[k];
            to[counts[key[i]]++] = i;
        }
        [from, to] = [to, from];
        yield;
    }
    return from;
}
/** The positions in network order, shorter first: nothing to sort when they came so, as dumps usually do. */
function* sortedOrder(count, inOrder, keys) {
    const order = new Uint32Array(count);
    let sorted = true;
    for (let i = 0; i < count; i++) {
        order[i] = i;
        if (sorted && i > 0 && !inOrder(i - 1, i))
            sorted = false;
    }
    yield;
    if (sorted)
        return order;
    // A radix pass costs a 64 Ki count table whatever the size: a small table sorts faster by comparison.
    if (count <= SMALL_TABLE) {
        const byComparison = Array.from(order).sort((a, b) => (inOrder(a, b) ? (inOrder(b, a) ? 0 : -1) : 1));
        return Uint32Array.from(byComparison);
    }
    return yield* radixSort(order, keys());
}
const SMALL_TABLE = 4096;
function compare6(w, a, b) {
    for (let k = 0; k < 4; k++) {
        const x = w[a * 4 + k];
        const y = w[b * 4 + k];
        if (x !== y)
            return x < y ? -1 : 1;
    }
    return 0;
}
/** Whether the IPv6 prefix at `k` (words and length) holds the address given as four words. */
function contains6(words, length, k, w0, w1, w2, w3) {
    const value = [w0, w1, w2, w3];
    for (let j = 0; j < 4; j++) {
        const bits = Math.min(32, Math.max(0, length - 32 * j));
        if (bits === 0)
            return true;
        const mask = bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
        if ((value[j] & mask) >>> 0 !== words[k * 4 + j])
            return false;
    }
    return true;
}
/**
 * Collects prefixes as a dump is read: for each, its network, length, the POP ASes on its best path
 * from the origin end (usually none to two), and where its record lies in the dump, so that the whole
 * path can be read again for an explanation. The table numbers prefixes in network order.
 */
export class DecidedTableBuilder {
    #v4Network;
    #v4Length;
    #v4Id;
    #v6Words;
    #v6Length;
    #v6Id;
    #popStart;
    #popList;
    #offsets;
    /** Per prefix, where its ranking starts in #rankList (none: empty): prefixes whose other paths cross more POPs. */
    #rankStart;
    #rankList = new Chunked(4);
    #rankHops = new Chunked(1);
    #count = 0;
    constructor(expected4 = 1024, expected6 = 256) {
        this.#v4Network = new Growable(expected4);
        this.#v4Length = new Growable(expected4);
        this.#v4Id = new Growable(expected4);
        this.#v6Words = new Growable(expected6 * 4);
        this.#v6Length = new Growable(expected6);
        this.#v6Id = new Growable(expected6);
        this.#popStart = new Growable(expected4 + expected6 + 1);
        this.#popList = new Growable(1024);
        this.#offsets = new Growable(expected4 + expected6);
        this.#rankStart = new Growable(expected4 + expected6 + 1);
        this.#popStart.push(0);
        this.#rankStart.push(0);
    }
    get size() {
        return this.#count;
    }
    /**
     * An IPv4 prefix; `pops` holds `popCount` POP ASes, nearest the origin first. When its other paths
     * cross POPs its best path does not, `ranked` holds its ranking in its first `rankedLength` numbers:
     * pairs of AS (RANKED_SELF for self) and hops to the origin, nearest first.
     */
    add4(network, length, pops, popCount, offset, ranked, rankedLength = 0) {
        this.#v4Network.push(network >>> 0);
        this.#v4Length.push(length);
        this.#v4Id.push(this.#count);
        this.#add(pops, popCount, offset, ranked, rankedLength);
    }
    /** An IPv6 prefix given as four 32-bit words, most significant first. */
    add6(w0, w1, w2, w3, length, pops, popCount, offset, ranked, rankedLength = 0) {
        this.#v6Words.push(w0 >>> 0);
        this.#v6Words.push(w1 >>> 0);
        this.#v6Words.push(w2 >>> 0);
        this.#v6Words.push(w3 >>> 0);
        this.#v6Length.push(length);
        this.#v6Id.push(this.#count);
        this.#add(pops, popCount, offset, ranked, rankedLength);
    }
    #add(pops, popCount, offset, ranked, rankedLength) {
        for (let p = 0; p < popCount; p++)
            this.#popList.push(pops[p]);
        this.#popStart.push(this.#popList.length);
        for (let r = 0; r < rankedLength; r += 2) {
            this.#rankList.push(ranked[r]);
            this.#rankHops.push(Math.min(255, ranked[r + 1]));
        }
        this.#rankStart.push(this.#rankList.length);
        this.#offsets.push(offset);
        this.#count++;
    }
    build() {
        return runSteps(this.#steps());
    }
    /** The same, letting the event loop run between steps (each a few tens of milliseconds for a full table). */
    buildInSteps() {
        return runStepsYielding(this.#steps());
    }
    /** The steps themselves, for a caller that runs a longer computation around them. */
    steps() {
        return this.#steps();
    }
    *#steps() {
        const v4 = yield* indexFamily(this.#v4Network.done(), this.#v4Length.done(), this.#v4Id.done(), 1);
        const v6 = yield* indexFamily(this.#v6Words.done(), this.#v6Length.done(), this.#v6Id.done(), 4);
        // Per-prefix data renumbered into network order; already in it when the dump came sorted.
        const oldStart = this.#popStart.data;
        const oldList = this.#popList.data;
        const oldOffsets = this.#offsets.data;
        const count = this.#count;
        const popStart = new Uint32Array(count + 1);
        const popList = new Uint32Array(this.#popList.length);
        const offsets = new Uint32Array(count);
        const oldRankStart = this.#rankStart.data;
        const oldRankList = this.#rankList;
        const oldRankHops = this.#rankHops;
        const ranked = this.#rankList.length > 0;
        const rankStart = ranked ? new Uint32Array(count + 1) : undefined;
        const rankList = ranked ? new Uint32Array(this.#rankList.length) : undefined;
        const rankHops = ranked ? new Uint8Array(this.#rankList.length) : undefined;
        let at = 0;
        let rankAt = 0;
        let number = 0;
        for (const ids of [v4.id, v6.id]) {
            for (let k = 0; k < ids.length; k++, number++) {
                const old = ids[k];
                popStart[number] = at;
                for (let p = oldStart[old]; p < oldStart[old + 1]; p++)
                    popList[at++] = oldList[p];
                offsets[number] = oldOffsets[old];
                if (rankStart && rankList && rankHops) {
                    rankStart[number] = rankAt;
                    for (let r = oldRankStart[old]; r < oldRankStart[old + 1]; r++) {
                        rankList[rankAt] = oldRankList.get(r);
                        rankHops[rankAt++] = oldRankHops.get(r);
                    }
                }
            }
            yield;
        }
        popStart[count] = at;
        if (rankStart)
            rankStart[count] = rankAt;
        const strip = ({ network, length, parent }) => ({ network, length, parent });
        const ranking = rankStart && rankList && rankHops ? { rankStart, rankList, rankHops } : {};
        return new DecidedTable({ v4: strip(v4), v6: strip(v6), popStart, popList, offsets, ...ranking });
    }
}
/** Sorts one family's prefixes into network order and links each to the nearest prefix holding it. */
function* indexFamily(network, lengths, ids, width) {
    const n = lengths.length;
    const inOrder = width === 1
        ? (a, b) => network[a] < network[b] || (network[a] === network[b] && lengths[a] <= lengths[b])
        : (a, b) => {
            const c = compare6(network, a, b);
            return c < 0 || (c === 0 && lengths[a] <= lengths[b]);
        };
    const order = yield* sortedOrder(n, inOrder, () => {
        const keys = [Uint16Array.from(lengths)];
        for (let w = width - 1; w >= 0; w--) {
            const low = new Uint16Array(n);
            const high = new Uint16Array(n);
            for (let i = 0; i < n; i++) {
                low[i] = network[i * width + w] & 0xffff;
                high[i] = network[i * width + w] >>> 16;
            }
            keys.push(low, high);
        }
        return keys;
    });
    const sortedNetwork = new Uint32Array(n * width);
    const sortedLength = new Uint8Array(n);
    const sortedId = new Uint32Array(n);
    const parent = new Int32Array(n);
    const stack = new Int32Array(129);
    let depth = 0;
    for (let k = 0; k < n; k++) {
        if ((k & 0x3ffff) === 0x3ffff)
            yield;
        const i = order[k];
        for (let w = 0; w < width; w++)
            sortedNetwork[k * width + w] = network[i * width + w];
        sortedLength[k] = lengths[i];
        sortedId[k] = ids[i];
        // Prefixes nest or are apart: the nearest holder of this one is on the stack of those still open.
        while (depth > 0) {
            const top = stack[depth - 1];
            const holds = width === 1
                ? sortedNetwork[k] - sortedNetwork[top] < 2 ** (32 - sortedLength[top]) && sortedNetwork[k] >= sortedNetwork[top]
                : contains6(sortedNetwork, sortedLength[top], top, sortedNetwork[k * 4], sortedNetwork[k * 4 + 1], sortedNetwork[k * 4 + 2], sortedNetwork[k * 4 + 3]);
            if (holds)
                break;
            depth--;
        }
        parent[k] = depth > 0 ? stack[depth - 1] : -1;
        if (depth < stack.length)
            stack[depth++] = k;
    }
    return { network: sortedNetwork, length: sortedLength, id: sortedId, parent };
}
const MAX_128 = (1n << 128n) - 1n;
/** Addresses in an IPv4 prefix of each length. */
const BLOCK_SIZE_4 = Float64Array.from({ length: 33 }, (_, length) => 2 ** (32 - length));
function toWords(value) {
    return [Number(value >> 96n), Number((value >> 64n) & 0xffffffffn), Number((value >> 32n) & 0xffffffffn), Number(value & 0xffffffffn)];
}
function fromWords(w, k) {
    return (BigInt(w[k * 4]) << 96n) | (BigInt(w[k * 4 + 1]) << 64n) | (BigInt(w[k * 4 + 2]) << 32n) | BigInt(w[k * 4 + 3]);
}
/**
 * Every prefix of a table with its best path decided once, at load: typed arrays, no object per
 * route. A lookup is one binary search over the prefixes in network order and, when the nearest one
 * does not hold the address, a step or two up to the prefixes holding it. Per prefix, the POPs on its
 * best path (nearest the origin first) let a POP that is out be walked past without the path, and the
 * record's offset in the dump lets the whole path be read again for an explanation.
 */
export class DecidedTable {
    #p;
    #v4Count;
    constructor(parts) {
        this.#p = parts;
        this.#v4Count = parts.v4.length.length;
    }
    /** Prefixes held. */
    get size() {
        return this.#p.offsets.length;
    }
    /** Bytes held in typed arrays: what the table costs in memory. */
    get byteLength() {
        const { v4, v6, popStart, popList, offsets, rankStart, rankList, rankHops } = this.#p;
        const arrays = [v4.network, v4.length, v4.parent, v6.network, v6.length, v6.parent, popStart, popList, offsets];
        if (rankStart && rankList && rankHops)
            arrays.push(rankStart, rankList, rankHops);
        return arrays.reduce((sum, a) => sum + a.byteLength, 0);
    }
    /** The number of the most specific prefix holding the address, or NO_PREFIX. */
    find(address) {
        return address.family === 4 ? this.find4(address.value) : this.find6(address.value);
    }
    find4(value) {
        const { network, length, parent } = this.#p.v4;
        let lo = 0;
        let hi = length.length - 1;
        if (hi < 0 || network[0] > value)
            return NO_PREFIX;
        while (lo < hi) {
            const mid = (lo + hi + 1) >>> 1;
            if (network[mid] <= value)
                lo = mid;
            else
                hi = mid - 1;
        }
        for (let k = lo; k >= 0; k = parent[k])
            if (value - network[k] < BLOCK_SIZE_4[length[k]])
                return k;
        return NO_PREFIX;
    }
    find6(value) {
        const [w0, w1, w2, w3] = toWords(value);
        const { network, length, parent } = this.#p.v6;
        let lo = 0;
        let hi = length.length - 1;
        if (hi < 0)
            return NO_PREFIX;
        while (lo < hi) {
            const mid = (lo + hi + 1) >>> 1;
            const at = mid * 4;
            const a = network[at];
            let le;
            if (a !== w0)
                le = a < w0;
            else if (network[at + 1] !== w1)
                le = network[at + 1] < w1;
            else if (network[at + 2] !== w2)
                le = network[at + 2] < w2;
            else
                le = network[at + 3] <= w3;
            if (le)
                lo = mid;
            else
                hi = mid - 1;
        }
        for (let k = lo; k >= 0; k = parent[k])
            if (contains6(network, length[k], k, w0, w1, w2, w3))
                return this.#v4Count + k;
        return NO_PREFIX;
    }
    prefixOf(index) {
        if (index < this.#v4Count)
            return { family: 4, network: this.#p.v4.network[index], length: this.#p.v4.length[index] };
        const k = index - this.#v4Count;
        return { family: 6, network: fromWords(this.#p.v6.network, k), length: this.#p.v6.length[k] };
    }
    /** The POP ASes on the prefix's best path, nearest the origin first. */
    popsOf(index) {
        return Array.from(this.popsView(index));
    }
    /** popsOf without the copy: a view of the table's own array, for a walk over every prefix. */
    popsView(index) {
        return this.#p.popList.subarray(this.#p.popStart[index], this.#p.popStart[index + 1]);
    }
    /** The prefix's POP ranking when its other paths cross POPs its best path does not (stored by DecidedTableBuilder.add4 and add6). */
    rankingOf(index) {
        const { rankStart, rankList, rankHops } = this.#p;
        if (!rankStart || !rankList || !rankHops || rankStart[index] === rankStart[index + 1])
            return undefined;
        const from = rankStart[index];
        const to = rankStart[index + 1];
        const pairs = new Uint32Array(2 * (to - from));
        for (let r = from; r < to; r++) {
            pairs[2 * (r - from)] = rankList[r];
            pairs[2 * (r - from) + 1] = rankHops[r];
        }
        return pairs;
    }
    /** Where the prefix's record starts in the dump it was read from. */
    offsetOf(index) {
        return this.#p.offsets[index];
    }
    /** The POP AS that answers for the prefix (the first from the origin that can serve), or SELF_ANSWER. */
    answerOf(index, unavailable, answers) {
        const { rankStart, rankList } = this.#p;
        if (rankStart && rankList && rankStart[index] !== rankStart[index + 1]) {
            // The ranking from every path: a POP that is out hands over to the next, which may be on another path.
            for (let r = rankStart[index]; r < rankStart[index + 1]; r++) {
                const asn = rankList[r];
                if (asn === RANKED_SELF)
                    return SELF_ANSWER;
                if (answers && !answers.has(asn))
                    continue;
                if (!unavailable || unavailable(asn, answers?.get(asn) ?? '') === undefined)
                    return asn;
            }
            return SELF_ANSWER;
        }
        const { popStart, popList } = this.#p;
        for (let p = popStart[index]; p < popStart[index + 1]; p++) {
            const asn = popList[p];
            if (!unavailable || unavailable(asn, answers?.get(asn) ?? '') === undefined)
                return asn;
        }
        return SELF_ANSWER;
    }
    /**
     * The address space of one family cut into ranges, in order, each with its most specific prefix (or
     * NO_PREFIX); neighbours with the same prefix are one range.
     */
    ranges(family) {
        return family === 4 ? this.rangesBetween(4, 0, 2 ** 32 - 1) : this.rangesBetween(6, 0n, MAX_128);
    }
    /** The ranges of `ranges(family)` that meet [from, to], clipped to it: a plan line's few, without walking the table. */
    *rangesBetween(family, from, to) {
        const index = family === 4 ? this.#p.v4 : this.#p.v6;
        const first = family === 4 ? 0 : this.#v4Count;
        const n = index.length.length;
        const { network, length } = index;
        // Apart per family: the IPv4 walk, a million prefixes, stays in plain numbers.
        const startOf = family === 4 ? (k) => network[k] : (k) => fromWords(network, k);
        const endOf = family === 4
            ? (k) => network[k] + BLOCK_SIZE_4[length[k]] - 1
            : (k) => fromWords(network, k) + (1n << BigInt(128 - length[k])) - 1n;
        const next = family === 4 ? (v) => v + 1 : (v) => v + 1n;
        const before = family === 4 ? (v) => v - 1 : (v) => v - 1n;
        // The prefixes holding `from`, widest first, are open at the start; the walk begins after them.
        const owner = family === 4 ? this.find4(from) : this.find6(from);
        const open = [];
        for (let k = owner === NO_PREFIX ? -1 : owner - first; k >= 0; k = index.parent[k])
            open.unshift(k);
        let pendingFirst = from;
        let pendingPrefix = owner;
        const pending = [];
        /** A new owner from `start` on; the range before it ends just before. */
        const cut = (start, prefix) => {
            if (start > to)
                return;
            if (prefix === pendingPrefix)
                return;
            if (start > pendingFirst)
                pending.push({ family, first: pendingFirst, last: before(start), prefix: pendingPrefix });
            pendingFirst = start;
            pendingPrefix = prefix;
        };
        for (let k = this.#firstAfter(family, from); k < n; k++) {
            const start = startOf(k);
            if (start > to)
                break;
            while (open.length > 0 && endOf(open[open.length - 1]) < start) {
                const closed = open.pop();
                cut(next(endOf(closed)), open.length > 0 ? first + open[open.length - 1] : NO_PREFIX);
            }
            cut(start, first + k);
            open.push(k);
            // One array for the walk: a million prefixes make no garbage here.
            for (let r = 0; r < pending.length; r++)
                yield pending[r];
            pending.length = 0;
        }
        while (open.length > 0 && endOf(open[open.length - 1]) < to) {
            const closed = open.pop();
            cut(next(endOf(closed)), open.length > 0 ? first + open[open.length - 1] : NO_PREFIX);
        }
        pending.push({ family, first: pendingFirst, last: to, prefix: pendingPrefix });
        yield* pending;
    }
    /** The first prefix (in network order, within its family) whose network is above `value`. */
    #firstAfter(family, value) {
        const index = family === 4 ? this.#p.v4 : this.#p.v6;
        let lo = 0;
        let hi = index.length.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            const network = family === 4 ? index.network[mid] : fromWords(index.network, mid);
            if (network <= value)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
//# sourceMappingURL=decided-table.js.map