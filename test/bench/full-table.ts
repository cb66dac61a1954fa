import { writeFileSync } from 'node:fs';

/**
 * A generated full table: 900k IPv4 and 100k IPv6 prefixes, two peers each, written as TABLE_DUMP_V2.
 * With `changedShare`, that share of the prefixes (evenly spread) has its two peers' paths swapped:
 * the same table but for those routes, whose best path moves to the other peer.
 */
export function generateFullTableMrt(file: string, changedShare = 0): number {
  let seed = 12345;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const chunks: Buffer[] = [];
  const peers = Buffer.alloc(4 + 2 + 2 + 2 * (1 + 4 + 4 + 4));
  let at = 0;
  peers.writeUInt32BE(0x7f000001, at);
  at += 4;
  peers.writeUInt16BE(0, at);
  at += 2;
  peers.writeUInt16BE(2, at);
  at += 2;
  for (const [address, asn] of [
    [0x7f000002, 64600],
    [0x7f000003, 4200000001],
  ] as const) {
    peers[at++] = 2;
    peers.writeUInt32BE(address, at);
    at += 4;
    peers.writeUInt32BE(address, at);
    at += 4;
    peers.writeUInt32BE(asn, at);
    at += 4;
  }
  const record = (subtype: number, body: Buffer): void => {
    const h = Buffer.alloc(12);
    h.writeUInt32BE(1_795_400_000, 0);
    h.writeUInt16BE(13, 4);
    h.writeUInt16BE(subtype, 6);
    h.writeUInt32BE(body.length, 8);
    chunks.push(h, body);
  };
  record(1, peers);
  const entry = (peer: number, hops: number): Buffer => {
    const path = Buffer.alloc(2 + hops * 4);
    path[0] = 2;
    path[1] = hops;
    for (let i = 0; i < hops; i++) path.writeUInt32BE(i === 0 ? (peer ? 4200000001 : 64600) : 1000 + random(60000), 2 + i * 4);
    const e = Buffer.alloc(8 + 4 + 3 + path.length);
    e.writeUInt16BE(peer, 0);
    e.writeUInt32BE(1_795_400_000, 2);
    e.writeUInt16BE(4 + 3 + path.length, 6);
    e.set([0x40, 1, 1, 0, 0x40, 2, path.length], 8);
    path.copy(e, 15);
    return e;
  };
  let count = 0;
  const rib = (subtype: number, prefixBytes: Buffer, length: number): void => {
    const head = Buffer.alloc(5 + prefixBytes.length + 2);
    head.writeUInt32BE(count++, 0);
    head[4] = length;
    prefixBytes.copy(head, 5);
    head.writeUInt16BE(2, 5 + prefixBytes.length);
    const changed = changedShare > 0 && count % Math.round(1 / changedShare) === 0;
    const first = entry(changed ? 1 : 0, 2 + random(5));
    const second = entry(changed ? 0 : 1, 2 + random(5));
    record(subtype, Buffer.concat([head, changed ? second : first, changed ? first : second]));
  };
  for (let i = 0; i < 870_000; i++) {
    const network = ((1 << 24) + i * 13) * 256;
    const b = Buffer.alloc(3);
    b[0] = (network >>> 24) & 255;
    b[1] = (network >>> 16) & 255;
    b[2] = (network >>> 8) & 255;
    rib(2, b, 24);
  }
  for (let i = 0; i < 30_000; i++) {
    const length = 16 + random(7);
    const network = (((1 << 24) + i * 389) * 256) & (-1 << (32 - length));
    const b = Buffer.alloc((length + 7) >> 3);
    for (let j = 0; j < b.length; j++) b[j] = (network >>> (24 - 8 * j)) & 255;
    rib(2, b, length);
  }
  for (let i = 0; i < 100_000; i++) {
    const b = Buffer.alloc(6);
    b.writeUInt16BE(0x2a00, 0);
    b.writeUInt32BE(i * 7, 2);
    rib(4, b, 48);
  }
  writeFileSync(file, Buffer.concat(chunks));
  return count;
}
