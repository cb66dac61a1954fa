/** RFC 6396 TABLE_DUMP_V2, with the RFC 8050 ADD-PATH RIB subtypes. */
export const MRT_TABLE_DUMP_V2 = 13;
export var TableDumpV2;
(function (TableDumpV2) {
    TableDumpV2[TableDumpV2["PeerIndexTable"] = 1] = "PeerIndexTable";
    TableDumpV2[TableDumpV2["RibIpv4Unicast"] = 2] = "RibIpv4Unicast";
    TableDumpV2[TableDumpV2["RibIpv6Unicast"] = 4] = "RibIpv6Unicast";
    TableDumpV2[TableDumpV2["RibIpv4UnicastAddPath"] = 8] = "RibIpv4UnicastAddPath";
    TableDumpV2[TableDumpV2["RibIpv6UnicastAddPath"] = 10] = "RibIpv6UnicastAddPath";
})(TableDumpV2 || (TableDumpV2 = {}));
const ATTR_AS_PATH = 2;
const ATTR_EXTENDED_LENGTH = 0x10;
const SEGMENT_TYPES = { 1: 'set', 2: 'sequence', 3: 'confed-sequence', 4: 'confed-set' };
export class MrtError extends Error {
    name = 'MrtError';
}
/** Walks the records of a dump; `offset` lets a caller resume, to load in slices. */
export function readMrtRecord(data, offset) {
    if (offset + 12 > data.length)
        throw new MrtError(`truncated MRT header at byte ${offset}`);
    const type = data.readUInt16BE(offset + 4);
    const subtype = data.readUInt16BE(offset + 6);
    const length = data.readUInt32BE(offset + 8);
    const start = offset + 12;
    const end = start + length;
    if (end > data.length)
        throw new MrtError(`MRT record at byte ${offset} claims ${length} bytes, only ${data.length - start} remain`);
    const next = end;
    if (type !== MRT_TABLE_DUMP_V2)
        return { record: { kind: 'other' }, next };
    switch (subtype) {
        case TableDumpV2.PeerIndexTable:
            return { record: { kind: 'peers', peers: readPeers(data, start, end) }, next };
        case TableDumpV2.RibIpv4Unicast:
            return { record: { kind: 'rib', rib: readRib(data, start, end, 4, false) }, next };
        case TableDumpV2.RibIpv6Unicast:
            return { record: { kind: 'rib', rib: readRib(data, start, end, 6, false) }, next };
        case TableDumpV2.RibIpv4UnicastAddPath:
            return { record: { kind: 'rib', rib: readRib(data, start, end, 4, true) }, next };
        case TableDumpV2.RibIpv6UnicastAddPath:
            return { record: { kind: 'rib', rib: readRib(data, start, end, 6, true) }, next };
        default:
            return { record: { kind: 'other' }, next };
    }
}
function readPeers(data, start, end) {
    let at = start + 4;
    const viewNameLength = data.readUInt16BE(at);
    at += 2 + viewNameLength;
    const count = data.readUInt16BE(at);
    at += 2;
    const peers = [];
    for (let index = 0; index < count; index++) {
        const peerType = data[at];
        at += 5;
        const ipv6 = (peerType & 1) !== 0;
        const address = ipv6 ? formatIpv6(data, at) : `${data[at]}.${data[at + 1]}.${data[at + 2]}.${data[at + 3]}`;
        at += ipv6 ? 16 : 4;
        const asn = (peerType & 2) !== 0 ? data.readUInt32BE(at) : data.readUInt16BE(at);
        at += (peerType & 2) !== 0 ? 4 : 2;
        if (at > end)
            throw new MrtError('truncated PEER_INDEX_TABLE');
        peers.push({ index, address, asn });
    }
    return peers;
}
function formatIpv6(data, at) {
    const groups = [];
    for (let i = 0; i < 16; i += 2)
        groups.push(data.readUInt16BE(at + i).toString(16));
    return groups
        .join(':')
        .replace(/(^|:)0(:0)+(:|$)/, '::')
        .replace(/:{3,}/, '::');
}
function readRib(data, start, end, family, addPath) {
    let at = start + 4;
    const length = data[at];
    at += 1;
    const bytes = (length + 7) >> 3;
    if (length > (family === 4 ? 32 : 128) || at + bytes > end)
        throw new MrtError(`bad prefix length ${length} in RIB record`);
    let prefix;
    if (family === 4) {
        let network = 0;
        for (let i = 0; i < 4; i++)
            network = network * 256 + (i < bytes ? data[at + i] : 0);
        prefix = { family: 4, network: network >>> 0, length };
    }
    else {
        let network = 0n;
        for (let i = 0; i < 16; i++)
            network = (network << 8n) | BigInt(i < bytes ? data[at + i] : 0);
        prefix = { family: 6, network, length };
    }
    at += bytes;
    const count = data.readUInt16BE(at);
    at += 2;
    const entries = [];
    for (let i = 0; i < count; i++) {
        const peerIndex = data.readUInt16BE(at);
        at += 6 + (addPath ? 4 : 0);
        const attributesLength = data.readUInt16BE(at);
        at += 2;
        const attributesEnd = at + attributesLength;
        if (attributesEnd > end)
            throw new MrtError('truncated RIB entry');
        entries.push({ peerIndex, asPath: findAsPath(data, at, attributesEnd) });
        at = attributesEnd;
    }
    return { prefix, entries };
}
function findAsPath(data, at, end) {
    while (at + 3 <= end) {
        const flags = data[at];
        const type = data[at + 1];
        const extended = (flags & ATTR_EXTENDED_LENGTH) !== 0;
        const length = extended ? data.readUInt16BE(at + 2) : data[at + 2];
        const valueStart = at + (extended ? 4 : 3);
        if (valueStart + length > end)
            throw new MrtError('truncated path attribute');
        if (type === ATTR_AS_PATH)
            return data.subarray(valueStart, valueStart + length);
        at = valueStart + length;
    }
    return undefined;
}
/** RFC 4271 path length: each AS of a sequence counts, a set counts one, confederation segments none. */
export function asPathBytesLength(bytes) {
    if (!bytes)
        return 0;
    let length = 0;
    for (let at = 0; at + 2 <= bytes.length;) {
        const type = bytes[at];
        const count = bytes[at + 1];
        if (type === 2)
            length += count;
        else if (type === 1)
            length += 1;
        at += 2 + count * 4;
    }
    return length;
}
/** Decodes AS_PATH bytes (4-byte ASNs, as TABLE_DUMP_V2 requires). */
export function decodeAsPath(bytes) {
    if (!bytes)
        return [];
    const segments = [];
    for (let at = 0; at + 2 <= bytes.length;) {
        const type = SEGMENT_TYPES[bytes[at]];
        const count = bytes[at + 1];
        if (!type || at + 2 + count * 4 > bytes.length)
            throw new MrtError('malformed AS_PATH');
        const asns = [];
        for (let i = 0; i < count; i++)
            asns.push(bytes.readUInt32BE(at + 2 + i * 4));
        if (asns.length > 0)
            segments.push({ type, asns });
        at += 2 + count * 4;
    }
    return segments;
}
//# sourceMappingURL=mrt.js.map