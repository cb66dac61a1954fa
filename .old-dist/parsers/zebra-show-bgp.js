import { parseClientAddress } from '../core/address.js';
import { parseAsn } from '../core/asn.js';
import { parsePrefix } from '../core/prefix.js';
import { NO_ROUTE, unreadable } from '../core/route.js';
import { routeReply } from './reply.js';
const ENTRY = /^BGP routing table entry for (\S+?)(?:,|\s|$)/;
const PATHS = /^Paths: \((\d+) available, (?:best #(\d+)|no best path)/;
const BEST_FLAG = /(?:^|, )best(?: \(|,|$)/;
const ADVERTISED_TO = 'Advertised to (?:non peer-group peers|peer-groups|update-groups):?';
const SKIPPED_HEADER = new RegExp(`^(?:Not advertised to any peer|${ADVERTISED_TO}|Refresh Epoch \\d+|Flag: |Additional-path)`);
/**
 * Parses `show ip bgp A.B.C.D` / `show bgp ipv6 X::Y` detail output. The best path is the block whose
 * status line carries the `best` flag; `best #K` is only a fallback because the block order varies
 * between runs and the `bestpath` keyword prints one block under the same header.
 */
export function parseZebraShowBgp(text) {
    const lines = text.split('\n');
    let prefixText;
    let bestIndex;
    let noBestPath = false;
    let sawPaths = false;
    const blocks = [];
    let skipPeerLine = false;
    for (const raw of lines) {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (line.startsWith('%')) {
            return /^% ?Network not in table/.test(line) ? NO_ROUTE : unreadable(line);
        }
        if (!sawPaths) {
            const entry = ENTRY.exec(line);
            if (entry) {
                prefixText = entry[1];
                continue;
            }
            const paths = PATHS.exec(line);
            if (paths) {
                sawPaths = true;
                if (paths[2] === undefined)
                    noBestPath = true;
                else
                    bestIndex = Number(paths[2]);
            }
            continue;
        }
        const indent = indentOf(line);
        if (indent === 2) {
            const body = line.slice(2);
            if (skipPeerLine && body.split(/\s+/).every((t) => parseClientAddress(t) !== undefined)) {
                skipPeerLine = false;
                continue;
            }
            skipPeerLine = false;
            if (SKIPPED_HEADER.test(body)) {
                skipPeerLine = /^Advertised to .*:$/.test(body);
                continue;
            }
            const comma = body.indexOf(', ');
            blocks.push({ asPathText: comma < 0 ? body : body.slice(0, comma), best: false });
        }
        else if (indent >= 3 && blocks.length > 0) {
            if (BEST_FLAG.test(line.trim()))
                blocks[blocks.length - 1].best = true;
        }
    }
    if (prefixText === undefined || !sawPaths) {
        return unreadable(text.trim() === '' ? 'empty reply' : `unrecognised reply: ${firstLine(text)}`);
    }
    const prefix = parsePrefix(prefixText, true);
    if (!prefix)
        return unreadable(`unparseable prefix "${prefixText}"`);
    if (noBestPath)
        return NO_ROUTE;
    const flagged = blocks.filter((b) => b.best);
    const best = flagged.length === 1
        ? flagged[0]
        : flagged.length === 0 && blocks.length === 1
            ? blocks[0]
            : flagged.length === 0 && bestIndex !== undefined
                ? blocks[bestIndex - 1]
                : undefined;
    if (!best)
        return unreadable(`cannot tell the best path for ${prefixText} (${blocks.length} paths, ${flagged.length} flagged best)`);
    return routeReply(prefix, best.asPathText, '', blocks.filter((b) => b !== best).map((b) => b.asPathText));
}
/** A table line's network: three status columns (`*> `, `*>i`), then the prefix, which may stand alone on its line. */
const TABLE_NETWORK = /^[ sdhSR*>=ir]{3}([0-9A-Fa-f.:]+\/\d{1,3})(?:\s|$)/;
/**
 * The prefixes listed by `show ip bgp P/L longer-prefixes` (or `show bgp ipv6 …`): every route inside
 * P, P itself included. FRR prints nothing at all when there is none. Undefined for a reply that is
 * not such a table.
 */
export function parseLongerPrefixes(text) {
    if (text.trim() === '')
        return [];
    if (!/^\s+Network\s+Next Hop/m.test(text) || parseLongerPrefixesCount(text) === undefined)
        return undefined;
    const prefixes = [];
    for (const line of text.split('\n')) {
        const m = TABLE_NETWORK.exec(line);
        if (!m)
            continue;
        const prefix = parsePrefix(m[1]);
        if (!prefix)
            return undefined;
        prefixes.push(prefix);
    }
    return prefixes.length === parseLongerPrefixesCount(text) ? prefixes : undefined;
}
/** Reads `Displayed  N routes` from `show ip bgp P/L longer-prefixes`; undefined when absent. */
export function parseLongerPrefixesCount(text) {
    const m = /^Displayed\s+(\d+)\s+routes?\b/m.exec(text);
    return m ? Number(m[1]) : undefined;
}
/** Leading spaces before the first non-space; -1 for a blank line. */
function indentOf(line) {
    let i = 0;
    while (i < line.length && line.charCodeAt(i) === 32)
        i++;
    return i === line.length || /\s/.test(line[i]) ? -1 : i;
}
function firstLine(text) {
    return (text.trim().split(/\r?\n/)[0] ?? '').slice(0, 120);
}
const SUMMARY_ROW = /^(\S+)\s+4\s+(\d+(?:\.\d+)?)\s+(?:\d+\s+){5}(\S+)\s+(\S+)/;
/**
 * The sessions in `show bgp summary` (FRR, Quagga; IOS's `show ip bgp summary` has the same columns):
 * a session is established when its State/PfxRcd column is a prefix count rather than a state name.
 * Each neighbor once, whatever the address families.
 */
export function parseBgpSummary(text) {
    const sessions = new Map();
    const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
    for (let i = 0; i < lines.length; i++) {
        let line = lines[i];
        // A neighbor address too long for its column stands alone, its figures on the next line.
        if (/^\S+$/.test(line) && /^\s+4\s/.test(lines[i + 1] ?? ''))
            line = `${line} ${lines[++i].trimStart()}`;
        const m = SUMMARY_ROW.exec(line);
        if (!m || parseClientAddress(m[1]) === undefined)
            continue;
        const asn = parseAsn(m[2]);
        if (asn === undefined)
            continue;
        const established = /^\d+$/.test(m[4]);
        const known = sessions.get(m[1]);
        if (known?.established) {
            if (established)
                sessions.set(m[1], { ...known, prefixes: (known.prefixes ?? 0) + Number(m[4]) });
            continue;
        }
        sessions.set(m[1], {
            neighbor: m[1],
            asn,
            established,
            state: established ? 'Established' : m[4],
            since: m[3],
            ...(established ? { prefixes: Number(m[4]) } : {}),
        });
    }
    return [...sessions.values()];
}
/**
 * `show ip bgp regexp _ASN_` (Zebra, Quagga, FRR): how many routes have a path through the AS; FRR
 * says nothing at all when none does. Undefined for a reply it cannot read (an error, another router).
 */
export function parseRoutesThrough(reply) {
    const body = reply.replace(/^show [^\n]*\n/, '').trim();
    if (body === '')
        return 0;
    const displayed = /^Displayed\s+(\d+) routes?\b/m.exec(body);
    return displayed ? Number(displayed[1]) : undefined;
}
//# sourceMappingURL=zebra-show-bgp.js.map