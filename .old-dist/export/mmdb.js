import { parsePrefix } from '../core/prefix.js';
/**
 * MaxMind DB (format 2.0, https://maxmind.github.io/MaxMind-DB/): a binary search tree over the
 * address bits with 32-bit records, a data section with one `{ "pop": ANSWER, "city": { "names": { "en":
 * ANSWER } } }` map per answer, and
 * the metadata. One IPv6 tree: IPv4 blocks sit under ::/96, where readers look IPv4 addresses up,
 * and ::ffff:0:0/96 (IPv4-mapped addresses) leads to the same subtree, as MaxMind's own writers alias
 * it, so that `::ffff:a.b.c.d` is answered from IPv4 routes as everywhere else. IPv6 routes inside
 * either /96 have no place of their own and are left out (IPv4 lookups own that space). Given
 * blocks for every address (self's too), every lookup finds an answer and the block it holds for.
 */
export function mmdbFile(rows, description, buildEpochSeconds) {
    const builder = new MmdbBuilder();
    for (const row of rows)
        builder.add(row);
    return builder.finish(description, buildEpochSeconds);
}
/** mmdbFile a row at a time, so that a caller can let other work run between rows. */
export class MmdbBuilder {
    #tree = new Tree();
    #answers = new Map();
    constructor() {
        // IPv4 lives under ::/96; an IPv6 block around it (a default route) must not answer for IPv4.
        this.#tree.reserveIpv4();
        this.#tree.aliasIpv4(IPV4_MAPPED);
    }
    add(row) {
        const tree = this.#tree;
        let data = this.#answers.get(row.answer);
        if (data === undefined) {
            data = this.#answers.size;
            this.#answers.set(row.answer, data);
        }
        const prefix = parsePrefix(row.cidr);
        if (prefix.family === 4 && prefix.length === 0) {
            // 0.0.0.0/0 is ::/96 itself, whose record leads to the IPv4 subtree: its two halves hold the data.
            tree.insert4(0, 1, data);
            tree.insert4(0x8000_0000, 1, data);
        }
        else if (prefix.family === 4)
            tree.insert4(prefix.network, prefix.length, data);
        else if (prefix.length === 0) {
            // The root holds no record: the whole space is its two halves.
            tree.insert6(0n, 1, data);
            tree.insert6(1n << 127n, 1, data);
        }
        else if (!insideIpv4Space(prefix.network, prefix.length))
            tree.insert6(prefix.network, prefix.length, data);
    }
    finish(description, buildEpochSeconds) {
        return serializeMmdb(this.#tree, this.#answers, description, buildEpochSeconds);
    }
}
function serializeMmdb(tree, answers, description, buildEpochSeconds) {
    const dataSection = [];
    const offsets = [];
    let size = 0;
    for (const answer of answers.keys()) {
        offsets.push(size);
        // `city.names.en` too: where PowerDNS's geoip backend (`%ci`) and GeoIP2 City readers look.
        const record = Buffer.concat([
            mapHeader(2),
            utf8('pop'),
            utf8(answer),
            utf8('city'),
            mapHeader(1),
            utf8('names'),
            mapHeader(1),
            utf8('en'),
            utf8(answer),
        ]);
        dataSection.push(record);
        size += record.length;
    }
    const metadata = Buffer.concat([
        Buffer.from([0xab, 0xcd, 0xef]),
        Buffer.from('MaxMind.com', 'latin1'),
        mapHeader(9),
        utf8('description'),
        mapHeader(1),
        utf8('en'),
        utf8(description),
        utf8('node_count'),
        uint(6, tree.nodeCount),
        utf8('record_size'),
        uint(5, 32),
        utf8('ip_version'),
        uint(5, 6),
        utf8('database_type'),
        utf8('supersparrow-pop'),
        utf8('languages'),
        Buffer.from([0x01, 0x04]),
        utf8('en'),
        utf8('binary_format_major_version'),
        uint(5, 2),
        utf8('binary_format_minor_version'),
        uint(5, 0),
        utf8('build_epoch'),
        uint64(buildEpochSeconds),
    ]);
    return Buffer.concat([tree.serialize(offsets), Buffer.alloc(16), ...dataSection, metadata]);
}
/** ::ffff:0:0/96, IPv4-mapped IPv6 addresses. */
const IPV4_MAPPED = 0xffffn << 32n;
/** Whether an IPv6 block lies within ::/96 or ::ffff:0:0/96, the space IPv4 lookups own. */
function insideIpv4Space(network, length) {
    if (length < 96)
        return false;
    const top = network >> 32n;
    return top === 0n || top === IPV4_MAPPED >> 32n;
}
/** Nodes as pairs of records: a node's number, EMPTY, or DATA_BASE - answer (negative). */
const EMPTY = -1;
const DATA_BASE = -2;
class Tree {
    #records = new Int32Array(1 << 16);
    nodeCount = 1;
    #ipv4Root = -1;
    constructor() {
        this.#records.fill(EMPTY, 0, 2);
    }
    /** Makes the node for ::/96 now, so that IPv6 blocks covering it fill around it, never into it. */
    reserveIpv4() {
        this.#ipv4Root = this.#nodeAt(() => 0, 96);
    }
    /** Makes the /96 at `network` lead to the IPv4 subtree (call after reserveIpv4, before any insert). */
    aliasIpv4(network) {
        const bitAt = (bit) => Number((network >> BigInt(127 - bit)) & 1n);
        this.#records[this.#nodeAt(bitAt, 95) * 2 + bitAt(95)] = this.#ipv4Root;
    }
    insert4(network, length, data) {
        // ::/96 then the IPv4 bits.
        this.#insert((bit) => (bit < 96 ? 0 : (network >>> (127 - bit)) & 1), 96 + length, data);
    }
    insert6(network, length, data) {
        // The address as four 32-bit words: a bit is a shift of a number, not of a bigint.
        const words = [
            Number(network >> 96n),
            Number((network >> 64n) & 0xffffffffn),
            Number((network >> 32n) & 0xffffffffn),
            Number(network & 0xffffffffn),
        ];
        this.#insert((bit) => (words[bit >> 5] >>> (31 - (bit & 31))) & 1, length, data);
    }
    #insert(bitAt, length, data) {
        const node = this.#nodeAt(bitAt, length - 1);
        const slot = node * 2 + bitAt(length - 1);
        const here = this.#records[slot];
        if (here >= 0)
            this.#fill(here, data);
        else
            this.#records[slot] = DATA_BASE - data;
    }
    /** The node `depth` bits down the path `bitAt` gives, made where missing. */
    #nodeAt(bitAt, depth) {
        let node = 0;
        for (let bit = 0; bit < depth; bit++) {
            const slot = node * 2 + bitAt(bit);
            let next = this.#records[slot];
            if (next < 0) {
                // Blocks of one family never overlap: only EMPTY is found on the way.
                next = this.#newNode();
                this.#records[slot] = next;
            }
            node = next;
        }
        return node;
    }
    /** An IPv6 block over nodes already made (the IPv4 subtree's path): its data goes in every empty record below. */
    #fill(node, data) {
        if (node === this.#ipv4Root)
            return;
        for (const slot of [node * 2, node * 2 + 1]) {
            const r = this.#records[slot];
            if (r === EMPTY)
                this.#records[slot] = DATA_BASE - data;
            else if (r >= 0)
                this.#fill(r, data);
        }
    }
    #newNode() {
        if ((this.nodeCount + 1) * 2 > this.#records.length) {
            const bigger = new Int32Array(this.#records.length * 2);
            bigger.set(this.#records);
            this.#records = bigger;
        }
        this.#records[this.nodeCount * 2] = EMPTY;
        this.#records[this.nodeCount * 2 + 1] = EMPTY;
        return this.nodeCount++;
    }
    serialize(dataOffsets) {
        const out = Buffer.alloc(this.nodeCount * 8);
        for (let i = 0; i < this.nodeCount * 2; i++) {
            const r = this.#records[i];
            const value = r >= 0 ? r : r === EMPTY ? this.nodeCount : this.nodeCount + 16 + dataOffsets[DATA_BASE - r];
            out.writeUInt32BE(value, i * 4);
        }
        return out;
    }
}
function bigEndian(value, bytes) {
    const out = Buffer.alloc(bytes);
    let v = BigInt(value);
    for (let i = bytes - 1; i >= 0; i--) {
        out[i] = Number(v & 0xffn);
        v >>= 8n;
    }
    return out;
}
/** A control byte (type in the top three bits) with its size, extended as the format says. */
function control(type, size) {
    if (size < 29)
        return Buffer.from([(type << 5) | size]);
    if (size < 285)
        return Buffer.from([(type << 5) | 29, size - 29]);
    if (size < 65_821)
        return Buffer.concat([Buffer.from([(type << 5) | 30]), bigEndian(size - 285, 2)]);
    return Buffer.concat([Buffer.from([(type << 5) | 31]), bigEndian(size - 65_821, 3)]);
}
function utf8(text) {
    const bytes = Buffer.from(text, 'utf8');
    return Buffer.concat([control(2, bytes.length), bytes]);
}
function mapHeader(pairs) {
    return control(7, pairs);
}
/** Unsigned integers in as few bytes as hold them, as the format's writers do (0 in none). */
function minimalBytes(value) {
    let bytes = 0;
    for (let v = value; v > 0; v = Math.floor(v / 256))
        bytes++;
    return bytes;
}
function uint(type, value) {
    const bytes = minimalBytes(value);
    return Buffer.concat([control(type, bytes), bigEndian(value, bytes)]);
}
/** uint64 is an extended type (9): a size byte of type 0, then 9 - 7. */
function uint64(value) {
    const bytes = minimalBytes(value);
    return Buffer.concat([Buffer.from([bytes, 2]), bigEndian(value, bytes)]);
}
//# sourceMappingURL=mmdb.js.map