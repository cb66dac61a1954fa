import { parsePrefix } from '../../src/core/prefix.js';

/**
 * Writes MRT TABLE_DUMP_V2 (RFC 6396; ADD-PATH subtypes of RFC 8050) for tests and benchmarks:
 * a PEER_INDEX_TABLE, then one RIB record per prefix.
 */
export interface MrtWriterPeer {
  readonly address: string;
  readonly asn: number;
}
export interface MrtWriterEntry {
  readonly peer: number;
  readonly path: ReadonlyArray<number | readonly number[]>;
}
export interface MrtWriterRib {
  readonly prefix: string;
  readonly entries: readonly MrtWriterEntry[];
}

const TIME = 1_795_400_000;

function header(subtype: number, body: Buffer): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt32BE(TIME, 0);
  h.writeUInt16BE(13, 4);
  h.writeUInt16BE(subtype, 6);
  h.writeUInt32BE(body.length, 8);
  return Buffer.concat([h, body]);
}

function ipBytes(address: string): Buffer {
  if (address.includes(':')) {
    const prefix = parsePrefix(`${address}/128`)!;
    const b = Buffer.alloc(16);
    let v = prefix.network as bigint;
    for (let i = 15; i >= 0; i--) {
      b[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    return b;
  }
  return Buffer.from(address.split('.').map(Number));
}

export function peerIndexTable(peers: readonly MrtWriterPeer[]): Buffer {
  const parts: Buffer[] = [
    Buffer.from([127, 0, 0, 1]),
    Buffer.from([0, 4]),
    Buffer.from('test'),
    Buffer.from([peers.length >> 8, peers.length & 255]),
  ];
  for (const p of peers) {
    const v6 = p.address.includes(':');
    const as = Buffer.alloc(4);
    as.writeUInt32BE(p.asn);
    parts.push(Buffer.from([(v6 ? 1 : 0) | 2]), Buffer.from([127, 0, 0, 2]), ipBytes(p.address), as);
  }
  return header(1, Buffer.concat(parts));
}

/** An AS_PATH attribute: numbers form AS_SEQUENCE runs, an inner array is an AS_SET. */
export function asPathAttribute(path: ReadonlyArray<number | readonly number[]>): Buffer {
  const segments: Buffer[] = [];
  let run: number[] = [];
  const segment = (type: number, asns: readonly number[]): Buffer => {
    const b = Buffer.alloc(2 + asns.length * 4);
    b[0] = type;
    b[1] = asns.length;
    for (const [i, a] of asns.entries()) b.writeUInt32BE(a, 2 + i * 4);
    return b;
  };
  for (const item of path) {
    if (typeof item === 'number') {
      run.push(item);
      continue;
    }
    if (run.length) segments.push(segment(2, run));
    run = [];
    segments.push(segment(1, item));
  }
  if (run.length) segments.push(segment(2, run));
  const value = Buffer.concat(segments);
  const origin = Buffer.from([0x40, 1, 1, 0]);
  const attr =
    value.length > 255
      ? Buffer.concat([Buffer.from([0x50, 2, value.length >> 8, value.length & 255]), value])
      : Buffer.concat([Buffer.from([0x40, 2, value.length]), value]);
  return Buffer.concat([origin, attr]);
}

export function ribRecord(sequence: number, rib: MrtWriterRib, addPath = false): Buffer {
  const prefix = parsePrefix(rib.prefix)!;
  const bytes = (prefix.length + 7) >> 3;
  const full = prefix.family === 4 ? ipBytes(rib.prefix.split('/')[0]!) : ipBytes(rib.prefix.split('/')[0]!);
  const head = Buffer.alloc(5);
  head.writeUInt32BE(sequence);
  head[4] = prefix.length;
  const parts: Buffer[] = [head, full.subarray(0, bytes), Buffer.from([rib.entries.length >> 8, rib.entries.length & 255])];
  for (const e of rib.entries) {
    const attrs = asPathAttribute(e.path);
    const entry = Buffer.alloc(addPath ? 12 : 8);
    entry.writeUInt16BE(e.peer, 0);
    entry.writeUInt32BE(TIME, 2);
    if (addPath) entry.writeUInt32BE(1, 6);
    entry.writeUInt16BE(attrs.length, addPath ? 10 : 6);
    parts.push(entry, attrs);
  }
  const subtype = (prefix.family === 4 ? 2 : 4) + (addPath ? 6 : 0);
  return header(subtype, Buffer.concat(parts));
}

export function mrtDump(peers: readonly MrtWriterPeer[], ribs: readonly MrtWriterRib[], addPath = false): Buffer {
  return Buffer.concat([peerIndexTable(peers), ...ribs.map((r, i) => ribRecord(i, r, addPath))]);
}
