import { Address6 } from 'ip-address';

export type AddressFamily = 4 | 6;

/** A client address in canonical text form: the only thing ever written to a route server. */
export type ClientAddress =
  | { readonly family: 4; readonly text: string; readonly value: number }
  | { readonly family: 6; readonly text: string; readonly value: bigint };

export type KeyRejection = 'empty' | 'too-long' | 'not-an-address';

export type ParsedKey = { readonly ok: true; readonly address: ClientAddress } | { readonly ok: false; readonly reason: KeyRejection };

/** Longest textual address: a full IPv6 address with an embedded dotted quad. */
const MAX_ADDRESS_LENGTH = 45;
/** Zone ids (`%eth0`), brackets, ports and prefixes are refused before ip-address sees the text. */
const IPV6_CHARACTERS = /^[0-9A-Fa-f:.]+$/;
const EDGE_WHITESPACE = /^[\s\0]+|[\s\0]+$/g;

/**
 * Turns a lookup key (as Apache sends it: any bytes, decoded as latin1) into a canonical address.
 * Leading zeros in IPv4 are refused: `010.1.1.1` is octal to inet_aton and decimal elsewhere.
 */
export function parseClientKey(key: string): ParsedKey {
  const text = key.length > 0 && (key.charCodeAt(0) <= 32 || key.charCodeAt(key.length - 1) <= 32) ? key.replace(EDGE_WHITESPACE, '') : key;
  if (text === '') return { ok: false, reason: 'empty' };
  if (text.length > MAX_ADDRESS_LENGTH) return { ok: false, reason: 'too-long' };
  const address = parseIpv4(text) ?? parseIpv6(text);
  return address ? { ok: true, address } : { ok: false, reason: 'not-an-address' };
}

export function parseClientAddress(text: string): ClientAddress | undefined {
  const parsed = parseClientKey(text);
  return parsed.ok ? parsed.address : undefined;
}

/**
 * A dotted quad's value, each octet 0 to 255 without leading zeros (`010` is octal to inet_aton,
 * decimal elsewhere). Read by hand: every answer parses its key, and a regex's match costs more than the rest.
 */
export function parseIpv4Value(text: string): number | undefined {
  const end = text.length;
  if (end < 7 || end > 15) return undefined;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return undefined;
      octet = octet * 10 + (c - 48);
      if (octet > 255) return undefined;
      digits++;
    } else return undefined;
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : undefined;
}

function parseIpv4(text: string): ClientAddress | undefined {
  const value = parseIpv4Value(text);
  return value === undefined ? undefined : { family: 4, text, value };
}

function parseIpv6(text: string): ClientAddress | undefined {
  if (!text.includes(':') || !IPV6_CHARACTERS.test(text) || !Address6.isValid(text)) return undefined;
  const address = new Address6(text);
  if (address.isMapped4()) {
    const v4 = address.to4().correctForm();
    return parseIpv4(v4);
  }
  return { family: 6, text: address.correctForm(), value: address.bigInt() };
}

export function ipv4ToText(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** RFC 5952's form (lower case, no leading zeros, the longest run of two or more zero groups as `::`). */
export function ipv6ToText(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number): string =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':');
  return bestStart < 0 ? hex(0, 8) : `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}
