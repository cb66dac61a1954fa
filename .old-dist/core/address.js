import { Address6 } from 'ip-address';
/** Longest textual address: a full IPv6 address with an embedded dotted quad. */
const MAX_ADDRESS_LENGTH = 45;
/** 0 to 255 without leading zeros: `010` is octal to inet_aton and decimal elsewhere. */
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
/** Zone ids (`%eth0`), brackets, ports and prefixes are refused before ip-address sees the text. */
const IPV6_CHARACTERS = /^[0-9A-Fa-f:.]+$/;
const EDGE_WHITESPACE = /^[\s\0]+|[\s\0]+$/g;
/**
 * Turns a lookup key (as Apache sends it: any bytes, decoded as latin1) into a canonical address.
 * Leading zeros in IPv4 are refused: `010.1.1.1` is octal to inet_aton and decimal elsewhere.
 */
export function parseClientKey(key) {
    const text = key.length > 0 && (key.charCodeAt(0) <= 32 || key.charCodeAt(key.length - 1) <= 32) ? key.replace(EDGE_WHITESPACE, '') : key;
    if (text === '')
        return { ok: false, reason: 'empty' };
    if (text.length > MAX_ADDRESS_LENGTH)
        return { ok: false, reason: 'too-long' };
    const address = parseIpv4(text) ?? parseIpv6(text);
    return address ? { ok: true, address } : { ok: false, reason: 'not-an-address' };
}
export function parseClientAddress(text) {
    const parsed = parseClientKey(text);
    return parsed.ok ? parsed.address : undefined;
}
/** A dotted quad's value; leading zeros refused. */
export function parseIpv4Value(text) {
    const m = IPV4.exec(text);
    return m ? ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0 : undefined;
}
function parseIpv4(text) {
    const value = parseIpv4Value(text);
    return value === undefined ? undefined : { family: 4, text, value };
}
function parseIpv6(text) {
    if (!text.includes(':') || !IPV6_CHARACTERS.test(text) || !Address6.isValid(text))
        return undefined;
    const address = new Address6(text);
    if (address.isMapped4()) {
        const v4 = address.to4().correctForm();
        return parseIpv4(v4);
    }
    return { family: 6, text: address.correctForm(), value: address.bigInt() };
}
export function ipv4ToText(value) {
    return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}
/** RFC 5952's form (lower case, no leading zeros, the longest run of two or more zero groups as `::`). */
export function ipv6ToText(value) {
    const groups = [];
    for (let shift = 112n; shift >= 0n; shift -= 16n)
        groups.push(Number((value >> shift) & 0xffffn));
    let bestStart = -1;
    let bestLength = 1;
    for (let i = 0; i < 8;) {
        if (groups[i] !== 0) {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && groups[j] === 0)
            j++;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }
    const hex = (from, to) => groups
        .slice(from, to)
        .map((g) => g.toString(16))
        .join(':');
    return bestStart < 0 ? hex(0, 8) : `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}
//# sourceMappingURL=address.js.map