import { Address4, Address6 } from 'ip-address';
import { parseAsn } from '../core/asn.js';
import { ConfigError } from './config.js';
import { resolvePort } from './services.js';
/** The longest timer Node can set (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
const FLAG_VALUES = {
    '': true,
    on: true,
    yes: true,
    true: true,
    1: true,
    off: false,
    no: false,
    false: false,
    0: false,
};
export function parseFlag(v, src, name) {
    const b = FLAG_VALUES[v.toLowerCase()];
    if (b === undefined)
        throw new ConfigError(src, `"${name}" is a flag: write it alone, or "${name} on" / "${name} off"; got "${v}"`);
    return b;
}
export function parseNumber(v, src, name, unit, min, max, integer) {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
        throw new ConfigError(src, `"${name}" needs ${integer ? 'a whole number' : 'a number'} of ${unit} (from ${min} to ${max}); got "${v}"`);
    }
    if (n < min || n > max)
        throw new ConfigError(src, `"${name}" must be from ${min} to ${max} ${unit}; got "${v}"`);
    return n;
}
/** One line of text: a value holding a line break could smuggle a second command to a router. */
export function parseOneLine(v, src, name) {
    if (/[\r\n\0]/.test(v))
        throw new ConfigError(src, `"${name}" must be one line of text without NUL bytes`);
    return v;
}
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
function isHostName(text) {
    const name = text.endsWith('.') ? text.slice(0, -1) : text;
    return name.length > 0 && name.length <= 253 && name.split('.').every((label) => LABEL.test(label));
}
function isPort(text) {
    return /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;
}
/**
 * An answer is what Apache puts in a redirect and DNS in a record: `NULL` (Apache's default), a host
 * name, an IPv4 address or an IPv6 address, each optionally with `:PORT` (IPv6 then in brackets).
 */
export function isAnswer(text) {
    if (text === 'NULL')
        return true;
    const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(\d+))?$/.exec(text);
    if (bracketed)
        return Address6.isValid(bracketed[1]) && (bracketed[2] === undefined || isPort(bracketed[2]));
    if (text.includes(':') && /^[0-9A-Fa-f:.]+$/.test(text) && Address6.isValid(text))
        return true;
    const colon = text.lastIndexOf(':');
    const host = colon < 0 ? text : text.slice(0, colon);
    if (colon >= 0 && !isPort(text.slice(colon + 1)))
        return false;
    return Address4.isValid(host) ? /^\d+\.\d+\.\d+\.\d+$/.test(host) : isHostName(host);
}
export function parseAnswer(v, src, what) {
    if (!isAnswer(v)) {
        throw new ConfigError(src, `${what} must be a host name or address, optionally with :PORT ` +
            `(e.g. www.y.example.net, 192.0.2.7, [2001:db8::7]:8080), or NULL; got "${v}"`);
    }
    return v;
}
/** Reserved AS numbers that no POP can have: 0 (RFC 7607), AS_TRANS 23456 (RFC 6793), 65535 and 4294967295 (RFC 7300). */
const RESERVED_ASNS = new Map([
    [0, 'AS 0 is reserved (RFC 7607) and never on a path'],
    [23456, 'AS 23456 is AS_TRANS (RFC 6793), a stand-in for 4-byte AS numbers'],
    [65535, 'AS 65535 is reserved (RFC 7300)'],
    [4294967295, 'AS 4294967295 is reserved (RFC 7300)'],
]);
/** `AS=result,AS=result`: the POPs of one `peer` directive. */
export function parsePops(v, src) {
    const pops = new Map();
    for (const item of v.split(',').map((p) => p.trim())) {
        if (item === '')
            continue;
        const eq = item.indexOf('=');
        const asn = eq > 0 ? parseAsn(item.slice(0, eq).trim()) : undefined;
        if (asn === undefined) {
            throw new ConfigError(src, '"peer" needs AS=result pairs separated by commas, e.g. "64700=www.x.example.net,64702=www.y.example.net"; ' +
                `"${item}" is not one (AS numbers are asplain or asdot)`);
        }
        const reserved = RESERVED_ASNS.get(asn);
        if (reserved)
            throw new ConfigError(src, `${reserved}: no POP can have it; give the POP's own AS number`);
        if (pops.has(asn))
            throw new ConfigError(src, `AS ${asn} is listed twice in "peer"; keep one answer for it`);
        pops.set(asn, parseAnswer(item.slice(eq + 1).trim(), src, `the result for AS ${asn}`));
    }
    if (pops.size === 0)
        throw new ConfigError(src, '"peer" needs at least one AS=result pair, e.g. "64702=www.y.example.net"');
    return pops;
}
/** `host`, `host:port`, `[ipv6]:port`, a bare IPv6 address, or an absolute socket path. */
export function parseHostEntry(entry) {
    if (entry.startsWith('/'))
        return /^\/[^\s,]*$/.test(entry) ? { host: entry, port: undefined } : undefined;
    const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(\w[\w-]*))?$/.exec(entry);
    if (bracketed)
        return withPort(bracketed[1], bracketed[2]);
    if ((entry.match(/:/g) ?? []).length >= 2)
        return /^[0-9A-Fa-f:.]+$/.test(entry) ? { host: entry, port: undefined } : undefined;
    const m = /^([A-Za-z0-9._-]+)(?::(\w[\w-]*))?$/.exec(entry);
    return m ? withPort(m[1], m[2]) : undefined;
}
function withPort(host, portText) {
    if (portText === undefined)
        return { host, port: undefined };
    const port = resolvePort(portText);
    return port === undefined ? undefined : { host, port };
}
export function parseHosts(v, src) {
    const entries = v
        .split(',')
        .map((h) => h.trim())
        .filter((h) => h !== '');
    if (entries.length === 0)
        throw new ConfigError(src, '"host" needs at least one host name, address or socket path');
    for (const entry of entries) {
        if (parseHostEntry(entry) === undefined)
            throw new ConfigError(src, `"host" needs host names or addresses, each optionally with :PORT ([IPV6]:PORT), or a socket path; got "${entry}"`);
    }
    return entries;
}
/** A DNS name: labels of letters, digits and hyphens (and `_`), lower-cased, without the trailing dot. */
export function parseDnsName(v, src, what) {
    const name = (v.endsWith('.') ? v.slice(0, -1) : v).toLowerCase();
    if (name.length === 0 || name.length > 253 || !name.split('.').every((label) => /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/.test(label))) {
        throw new ConfigError(src, `"${what}" needs a DNS name such as www.example.net; got "${v}"`);
    }
    return name;
}
//# sourceMappingURL=values.js.map