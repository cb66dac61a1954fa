import { Address6 } from 'ip-address';
import { ipv4ToText, ipv6ToText, parseIpv4Value, type AddressFamily, type ClientAddress } from './address.js';

/** A network prefix, its host bits zero. */
export type Prefix =
  | { readonly family: 4; readonly network: number; readonly length: number }
  | { readonly family: 6; readonly network: bigint; readonly length: number };

export const MAX_PREFIX_LENGTH: Record<AddressFamily, number> = { 4: 32, 6: 128 };

/** A client's block, /24 or /48: the finest unit plans move, exploration draws and --quality breaks prefixes into. */
export const CLIENT_BLOCK_LENGTH = { 4: 24, 6: 48 } as const;

const ALL_ONES_128 = (1n << 128n) - 1n;

export function maskIpv4(value: number, length: number): number {
  return length === 0 ? 0 : (value & (-1 << (32 - length))) >>> 0;
}

export function maskIpv6(value: bigint, length: number): bigint {
  return length === 0 ? 0n : value & (ALL_ONES_128 ^ ((1n << BigInt(128 - length)) - 1n));
}

export function hostPrefix(address: ClientAddress): Prefix {
  return address.family === 4 ? { family: 4, network: address.value, length: 32 } : { family: 6, network: address.value, length: 128 };
}

/** Parses `192.0.2.0/24` or `2001:db8::/32`; host bits must be zero unless `loose`. */
export function parsePrefix(text: string, loose = false): Prefix | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addressText = text.slice(0, slash);
  const lengthText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lengthText)) return undefined;
  const length = Number(lengthText);
  const ipv4 = parseIpv4Value(addressText);
  if (ipv4 !== undefined && length <= 32) {
    const value = ipv4;
    const network = maskIpv4(value, length);
    return network === value || loose ? { family: 4, network, length } : undefined;
  }
  if (/^[0-9A-Fa-f:.]+$/.test(addressText) && Address6.isValid(addressText) && length <= 128) {
    const value = new Address6(addressText).bigInt();
    const network = maskIpv6(value, length);
    return network === value || loose ? { family: 6, network, length } : undefined;
  }
  return undefined;
}

/** `prefix` cut to its first `length` bits (at most its own length). */
export function truncatePrefix(prefix: Prefix, length: number): Prefix {
  return prefix.family === 4
    ? { family: 4, network: maskIpv4(prefix.network, length), length }
    : { family: 6, network: maskIpv6(prefix.network, length), length };
}

export function formatPrefix(prefix: Prefix): string {
  const address = prefix.family === 4 ? ipv4ToText(prefix.network) : ipv6ToText(prefix.network);
  return `${address}/${prefix.length}`;
}

export function prefixContains(prefix: Prefix, address: ClientAddress): boolean {
  if (prefix.family === 4) return address.family === 4 && maskIpv4(address.value, prefix.length) === prefix.network;
  return address.family === 6 && maskIpv6(address.value, prefix.length) === prefix.network;
}

/** The prefix of `length` bits around an address. */
export function prefixAround(address: ClientAddress, length: number): Prefix {
  return address.family === 4
    ? { family: 4, network: maskIpv4(address.value, length), length }
    : { family: 6, network: maskIpv6(address.value, length), length };
}

export function prefixCovers(outer: Prefix, inner: Prefix): boolean {
  if (outer.family !== inner.family || inner.length < outer.length) return false;
  return outer.family === 4
    ? maskIpv4(inner.network as number, outer.length) === outer.network
    : maskIpv6(inner.network as bigint, outer.length) === outer.network;
}

/**
 * The widest prefix around an address, no wider than `within`, that holds none of `holes` (the
 * more-specific routes inside `within`, whose answers may differ): how far one answer reaches.
 * None is wider than `minLength` bits.
 */
export function widestPrefixAround(address: ClientAddress, within: Prefix, holes: readonly Prefix[], minLength = 0): Prefix {
  const host = address.family === 4 ? 32 : 128;
  // A hole blocks every length up to the shorter of its own and the bits it shares with the address.
  let length = Math.max(within.length, minLength);
  for (const hole of holes) {
    if (hole.family !== address.family) continue;
    const blocked = Math.min(hole.length, commonBits(address, hole.network));
    if (blocked + 1 > length) length = blocked + 1;
  }
  return length >= host ? hostPrefix(address) : prefixAround(address, length);
}

/** How many leading bits the address shares with a network of its family. */
function commonBits(address: ClientAddress, network: number | bigint): number {
  if (address.family === 4) return Math.clz32((address.value ^ (network as number)) >>> 0);
  const differ = address.value ^ (network as bigint);
  return differ === 0n ? 128 : 128 - differ.toString(2).length;
}
