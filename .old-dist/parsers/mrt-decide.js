import { DecidedTableBuilder, RANKED_SELF } from '../core/decided-table.js';
import { MRT_TABLE_DUMP_V2, MrtError, TableDumpV2, readMrtRecord } from './mrt.js';
const ATTR_AS_PATH = 2;
const MAX_SEGMENTS = 256;
const MAX_POPS_ON_PATH = 64;
/** Paths of one prefix looked at for its ranking: a route server with more peers than this ranks from the first ones. */
const MAX_RANKED_ENTRIES = 1024;
const ONTO_PATH = 0;
const BEST_PATH = 1;
const OTHER_PATH = 2;
/**
 * Reads a TABLE_DUMP_V2 dump, chunk by chunk, straight from its bytes into a DecidedTable: for each prefix, the best
 * path (shortest by RFC 4271 length, the first listed on a tie, as before), the POP ASes on it from
 * the origin end, and where its record lies, to read the path again. Nothing is allocated per route.
 */
export async function decideMrt(chunks, file, options) {
    if (options.sizeHint > 2 ** 32)
        throw new MrtError(`${file} is over 4 GiB; split the dump by address family`);
    // Records vary from 50 bytes to kilobytes (one path per peer): the arrays start small and double.
    const builder = new DecidedTableBuilder(1 << 16, 1 << 12);
    const pops = options.pops;
    let popMin = Number.POSITIVE_INFINITY;
    let popMax = Number.NEGATIVE_INFINITY;
    for (const asn of pops) {
        popMin = Math.min(popMin, asn);
        popMax = Math.max(popMax, asn);
    }
    // A few POPs are checked faster one by one than through a hash: every AS of every best path is asked.
    const popList = Uint32Array.from(pops);
    const isPop = (asn) => {
        if (asn < popMin || asn > popMax)
            return false;
        if (popList.length > 16)
            return pops.has(asn);
        for (let p = 0; p < popList.length; p++)
            if (popList[p] === asn)
                return true;
        return false;
    };
    const segments = new Int32Array(MAX_SEGMENTS);
    const found = new Uint32Array(MAX_POPS_ON_PATH);
    const entryStart = new Int32Array(MAX_RANKED_ENTRIES);
    const entryEnd = new Int32Array(MAX_RANKED_ENTRIES);
    const ranking = new PathRanking(MAX_POPS_ON_PATH);
    const rankedPairs = new Uint32Array(2 * (MAX_POPS_ON_PATH + 1));
    let popCount = 0;
    /**
     * Every POP AS on the path from the origin end, each with its hops to the origin (BGP's count): onto
     * the best path's list (ONTO_PATH), that and offered to the ranking (BEST_PATH), or offered as another
     * path's (OTHER_PATH).
     */
    const walkPops = (start, end, into) => {
        let segmentCount = 0;
        for (let s = start; s + 2 <= end && segmentCount < MAX_SEGMENTS; s += 2 + data[s + 1] * 4)
            segments[segmentCount++] = s;
        let hops = 0;
        for (let g = segmentCount - 1; g >= 0; g--) {
            const s = segments[g];
            const segmentType = data[s];
            const n = data[s + 1];
            if (s + 2 + n * 4 > end)
                throw new MrtError(`${file}: malformed AS_PATH`);
            // As matchPop walks: sequences and confederation sequences, and sets of one member.
            const ordered = segmentType === 2 || segmentType === 3 || n === 1;
            for (let j = n - 1; j >= 0 && ordered; j--) {
                const at4 = s + 2 + j * 4;
                const asn = ((data[at4] << 24) | (data[at4 + 1] << 16) | (data[at4 + 2] << 8) | data[at4 + 3]) >>> 0;
                if (isPop(asn)) {
                    if (into !== OTHER_PATH) {
                        let seen = false;
                        for (let f = 0; f < popCount; f++)
                            if (found[f] === asn)
                                seen = true;
                        if (!seen && popCount < MAX_POPS_ON_PATH)
                            found[popCount++] = asn;
                    }
                    if (into !== ONTO_PATH)
                        ranking.offer(asn, hops, into === OTHER_PATH);
                }
                if (segmentType === 2)
                    hops++;
            }
            if (segmentType === 1)
                hops++;
        }
    };
    let data = Buffer.alloc(0);
    let peers = [];
    let allowed;
    const slice = options.recordsPerSlice ?? 100_000;
    let records = 0;
    for await (const chunk of chunks) {
        data = chunk.data;
        const base = chunk.base;
        for (let offset = 0; offset < data.length;) {
            if (offset + 12 > data.length)
                throw new MrtError(`${file}: truncated MRT header at byte ${base + offset}`);
            const type = (data[offset + 4] << 8) | data[offset + 5];
            const subtype = (data[offset + 6] << 8) | data[offset + 7];
            const length = data.readUInt32BE(offset + 8);
            const start = offset + 12;
            const end = start + length;
            const local = offset;
            const recordOffset = base + offset;
            if (end > data.length)
                throw new MrtError(`${file}: MRT record at byte ${recordOffset} claims ${length} bytes, only ${data.length - start} remain`);
            offset = end;
            if (++records % slice === 0)
                await new Promise((resolve) => setImmediate(resolve));
            if (type !== MRT_TABLE_DUMP_V2)
                continue;
            if (subtype === TableDumpV2.PeerIndexTable) {
                const step = readMrtRecord(data, local);
                if (step.record.kind === 'peers') {
                    peers = [...step.record.peers];
                    allowed = options.peerIndexes?.(peers);
                }
                continue;
            }
            const v4 = subtype === TableDumpV2.RibIpv4Unicast || subtype === TableDumpV2.RibIpv4UnicastAddPath;
            const v6 = subtype === TableDumpV2.RibIpv6Unicast || subtype === TableDumpV2.RibIpv6UnicastAddPath;
            if (!v4 && !v6)
                continue;
            const addPath = subtype === TableDumpV2.RibIpv4UnicastAddPath || subtype === TableDumpV2.RibIpv6UnicastAddPath;
            let at = start + 4;
            const prefixLength = data[at];
            at += 1;
            const bytes = (prefixLength + 7) >> 3;
            if (prefixLength > (v4 ? 32 : 128) || at + bytes > end)
                throw new MrtError(`${file}: bad prefix length ${prefixLength} in RIB record`);
            const prefixAt = at;
            at += bytes;
            const count = (data[at] << 8) | data[at + 1];
            at += 2;
            let bestStart = -1;
            let bestEnd = -1;
            let bestLength = Number.POSITIVE_INFINITY;
            let routed = false;
            let entries = 0;
            for (let e = 0; e < count; e++) {
                const peerIndex = (data[at] << 8) | data[at + 1];
                at += 6 + (addPath ? 4 : 0);
                const attributesLength = (data[at] << 8) | data[at + 1];
                at += 2;
                const attributesEnd = at + attributesLength;
                if (attributesEnd > end)
                    throw new MrtError(`${file}: truncated RIB entry`);
                if (allowed === undefined || allowed.has(peerIndex)) {
                    let pathStart = -1;
                    let pathEnd = -1;
                    for (let a = at; a + 3 <= attributesEnd;) {
                        const flags = data[a];
                        const extended = (flags & 0x10) !== 0;
                        const valueLength = extended ? (data[a + 2] << 8) | data[a + 3] : data[a + 2];
                        const valueStart = a + (extended ? 4 : 3);
                        if (valueStart + valueLength > attributesEnd)
                            throw new MrtError(`${file}: truncated path attribute`);
                        if (data[a + 1] === ATTR_AS_PATH) {
                            pathStart = valueStart;
                            pathEnd = valueStart + valueLength;
                            break;
                        }
                        a = valueStart + valueLength;
                    }
                    let pathLength = 0;
                    for (let s = pathStart; s >= 0 && s + 2 <= pathEnd;) {
                        const segmentType = data[s];
                        const n = data[s + 1];
                        if (segmentType === 2)
                            pathLength += n;
                        else if (segmentType === 1)
                            pathLength += 1;
                        s += 2 + n * 4;
                    }
                    if (pathLength < bestLength) {
                        bestLength = pathLength;
                        bestStart = pathStart;
                        bestEnd = pathEnd;
                        routed = true;
                    }
                    if (entries < MAX_RANKED_ENTRIES && pathStart >= 0) {
                        entryStart[entries] = pathStart;
                        entryEnd[entries++] = pathEnd;
                    }
                }
                at = attributesEnd;
            }
            if (!routed)
                continue;
            popCount = 0;
            ranking.clear();
            // The best path's POPs, and with other paths to rank them against, their hops too.
            if (bestStart >= 0 && pops.size > 0)
                walkPops(bestStart, bestEnd, entries > 1 ? BEST_PATH : ONTO_PATH);
            // Other paths that cross POPs the best one does not: this prefix keeps its whole ranking.
            let rankedLength = 0;
            if (entries > 1 && pops.size > 0) {
                for (let e = 0; e < entries; e++)
                    if (entryStart[e] !== bestStart)
                        walkPops(entryStart[e], entryEnd[e], OTHER_PATH);
                if (ranking.widened)
                    rankedLength = ranking.write(popCount > 0 ? found[0] : RANKED_SELF, bestLength, rankedPairs);
            }
            if (v4) {
                let network = 0;
                for (let b = 0; b < 4; b++)
                    network = network * 256 + (b < bytes ? data[prefixAt + b] : 0);
                builder.add4(network, prefixLength, found, popCount, recordOffset, rankedPairs, rankedLength);
            }
            else {
                const w = [0, 0, 0, 0];
                for (let b = 0; b < 16; b++)
                    if (b < bytes)
                        w[b >> 2] = w[b >> 2] * 256 + data[prefixAt + b];
                    else
                        w[b >> 2] = w[b >> 2] * 256;
                builder.add6(w[0], w[1], w[2], w[3], prefixLength, found, popCount, recordOffset, rankedPairs, rankedLength);
            }
        }
    }
    if (records === 0)
        throw new MrtError(`${file} holds no MRT records`);
    return { table: await builder.buildInSteps(), peers };
}
/**
 * The POPs a prefix's paths cross, each at its fewest hops to the origin, in the order first met: what
 * rankPops gives, from a dump's bytes.
 */
class PathRanking {
    #asns;
    #hops;
    #count = 0;
    /** Whether a path other than the best crossed a POP the best one does not. */
    widened = false;
    constructor(capacity) {
        this.#asns = new Uint32Array(capacity);
        this.#hops = new Uint32Array(capacity);
    }
    clear() {
        this.#count = 0;
        this.widened = false;
    }
    offer(asn, hops, other) {
        for (let i = 0; i < this.#count; i++) {
            if (this.#asns[i] !== asn)
                continue;
            if (hops < this.#hops[i])
                this.#hops[i] = hops;
            return;
        }
        if (this.#count === this.#asns.length)
            return;
        this.#asns[this.#count] = asn;
        this.#hops[this.#count++] = hops;
        if (other)
            this.widened = true;
    }
    /**
     * Writes [AS, hops] pairs into `out`: `head` first (RANKED_SELF when no POP is on the best path), then
     * the rest and self by hops, ties as met; returns how many numbers it wrote.
     */
    write(head, selfHops, out) {
        out[0] = head;
        out[1] = selfHops;
        let length = 2;
        for (let i = 0; i < this.#count; i++) {
            if (this.#asns[i] === head)
                out[1] = this.#hops[i];
            else
                length = insertByHops(out, length, this.#asns[i], this.#hops[i]);
        }
        if (head !== RANKED_SELF)
            length = insertByHops(out, length, RANKED_SELF, selfHops);
        return length;
    }
}
/** Inserts an [AS, hops] pair after the head, keeping hops ascending and ties in order met; returns the new length. */
function insertByHops(out, length, asn, hops) {
    let at = length;
    while (at > 2 && out[at - 1] > hops) {
        out[at] = out[at - 2];
        out[at + 1] = out[at - 1];
        at -= 2;
    }
    out[at] = asn;
    out[at + 1] = hops;
    return length + 2;
}
//# sourceMappingURL=mrt-decide.js.map