/**
 * Reads a MaxMind DB back before it replaces one an engine has open: PowerDNS's geoip backend drops
 * every database when one fails to open on reload, so a file that does not parse must never be put in
 * place. Checks what a reader relies on: the metadata, every reachable tree record in range and none
 * left empty (every address has an entry), and every record's data decoding to a map with a string `pop`.
 */
const METADATA_MARKER = Buffer.from([0xab, 0xcd, 0xef, ...Buffer.from('MaxMind.com', 'latin1')]);
export class MmdbFormatError extends Error {
    name = 'MmdbFormatError';
}
/** Decodes one data field at `offset` (section-relative pointers resolved against `base`). */
function decode(bytes, offset, base) {
    const need = (n) => {
        if (offset + n > bytes.length)
            throw new MmdbFormatError(`data runs past the end of the file at byte ${offset}`);
    };
    need(1);
    const ctrl = bytes[offset++];
    let type = ctrl >> 5;
    if (type === 1) {
        const sizeBits = (ctrl >> 3) & 3;
        const extra = sizeBits + 1;
        need(extra);
        let pointer = ctrl & 7;
        for (let i = 0; i < extra; i++)
            pointer = pointer * 256 + bytes[offset + i];
        if (sizeBits === 1)
            pointer += 2048;
        else if (sizeBits === 2)
            pointer += 526_336;
        else if (sizeBits === 3)
            pointer = (pointer - (ctrl & 7) * 2 ** 32) >>> 0;
        return { value: decode(bytes, base + pointer, base).value, next: offset + extra };
    }
    if (type === 0) {
        need(1);
        type = 7 + bytes[offset++];
    }
    let size = ctrl & 31;
    if (size >= 29) {
        const extra = size - 28;
        need(extra);
        const raw = bytes.readUIntBE(offset, extra);
        offset += extra;
        size = size === 29 ? 29 + raw : size === 30 ? 285 + raw : 65_821 + raw;
    }
    const take = () => {
        need(size);
        const slice = bytes.subarray(offset, offset + size);
        offset += size;
        return slice;
    };
    switch (type) {
        case 2:
            return { value: take().toString('utf8'), next: offset };
        case 3:
        case 15:
            if (size !== (type === 3 ? 8 : 4))
                throw new MmdbFormatError(`a float of ${size} bytes at byte ${offset}`);
            return { value: type === 3 ? take().readDoubleBE() : take().readFloatBE(), next: offset };
        case 4:
            return { value: take(), next: offset };
        case 5:
        case 6:
        case 8:
        case 9:
        case 10: {
            if (size > (type === 5 ? 2 : type === 6 || type === 8 ? 4 : type === 9 ? 8 : 16))
                throw new MmdbFormatError(`an integer of ${size} bytes at byte ${offset}`);
            let v = 0n;
            for (const b of take())
                v = (v << 8n) | BigInt(b);
            return { value: v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v, next: offset };
        }
        case 7: {
            const map = {};
            for (let i = 0; i < size; i++) {
                const key = decode(bytes, offset, base);
                if (typeof key.value !== 'string')
                    throw new MmdbFormatError(`a map key that is not a string at byte ${offset}`);
                const value = decode(bytes, key.next, base);
                map[key.value] = value.value;
                offset = value.next;
            }
            return { value: map, next: offset };
        }
        case 11: {
            const list = [];
            for (let i = 0; i < size; i++) {
                const item = decode(bytes, offset, base);
                list.push(item.value);
                offset = item.next;
            }
            return { value: list, next: offset };
        }
        case 14:
            return { value: size !== 0, next: offset };
        default:
            throw new MmdbFormatError(`unknown data type ${type} at byte ${offset - 1}`);
    }
}
/** Checks a whole MaxMind DB as a reader would open and walk it; throws MmdbFormatError saying what is wrong. */
export function checkMmdb(bytes) {
    const at = bytes.lastIndexOf(METADATA_MARKER);
    if (at < 0)
        throw new MmdbFormatError('no metadata: the file is not a MaxMind DB, or it was cut short');
    const meta = decode(bytes, at + METADATA_MARKER.length, at + METADATA_MARKER.length).value;
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta) || Buffer.isBuffer(meta))
        throw new MmdbFormatError('the metadata is not a map');
    const { node_count: nodeCount, record_size: recordSize, ip_version: ipVersion, binary_format_major_version: major } = meta;
    if (major !== 2)
        throw new MmdbFormatError(`binary format version ${String(major)}, not 2`);
    if (recordSize !== 24 && recordSize !== 28 && recordSize !== 32)
        throw new MmdbFormatError(`record size ${String(recordSize)}`);
    if (ipVersion !== 4 && ipVersion !== 6)
        throw new MmdbFormatError(`IP version ${String(ipVersion)}`);
    if (typeof nodeCount !== 'number' || nodeCount < 1)
        throw new MmdbFormatError(`node count ${String(nodeCount)}`);
    const nodeBytes = (recordSize * 2) / 8;
    const treeSize = nodeCount * nodeBytes;
    const dataStart = treeSize + 16;
    if (dataStart > at)
        throw new MmdbFormatError(`a tree of ${nodeCount} nodes does not fit before the metadata`);
    const record = (node, side) => {
        const o = node * nodeBytes;
        if (recordSize === 32)
            return bytes.readUInt32BE(o + side * 4);
        if (recordSize === 24)
            return bytes.readUIntBE(o + side * 3, 3);
        const middle = bytes[o + 3];
        return side === 0 ? ((middle >> 4) << 24) | bytes.readUIntBE(o, 3) : ((middle & 15) << 24) | bytes.readUIntBE(o + 4, 3);
    };
    const seen = new Uint8Array(nodeCount);
    const answers = new Map();
    const stack = [0];
    while (stack.length > 0) {
        const node = stack.pop();
        if (seen[node])
            continue;
        seen[node] = 1;
        for (const side of [0, 1]) {
            const r = record(node, side);
            if (r < nodeCount)
                stack.push(r);
            // Every address must find an answer: PowerDNS's geoip backend answers "unknown" to one that does not.
            else if (r === nodeCount)
                throw new MmdbFormatError(`node ${node} leaves addresses with no entry (an export must cover every address, self's included)`);
            else if (!answers.has(r)) {
                const offset = dataStart + (r - nodeCount - 16);
                if (r - nodeCount < 16 || offset >= at)
                    throw new MmdbFormatError(`node ${node} points outside the data section`);
                const data = decode(bytes, offset, dataStart).value;
                if (typeof data !== 'object' || typeof data.pop !== 'string' || data.pop === '')
                    throw new MmdbFormatError(`node ${node} leads to data with no "pop" answer`);
                answers.set(r, data.pop);
            }
        }
    }
    return { nodeCount, answers: [...new Set(answers.values())] };
}
/** The part of a MaxMind DB that changes only with its blocks: everything before the metadata, which carries the build time. */
export function mmdbContent(bytes) {
    const at = bytes.lastIndexOf(METADATA_MARKER);
    return at < 0 ? bytes : bytes.subarray(0, at);
}
//# sourceMappingURL=mmdb-check.js.map