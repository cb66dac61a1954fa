import { parseAsn } from './asn.js';
export const LOCAL_AS_PATH = Object.freeze([]);
export class AsPathSyntaxError extends Error {
    name = 'AsPathSyntaxError';
}
const TOKEN = /\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|[^\s{}()[\]]+/g;
/**
 * Parses the text form routers print: `64600 64601`, `64600 {64610,64611}` (AS_SET),
 * `(65001 65002) 64600` (confederation), `[65001 65002]` (confed set, FRR), `Local` or empty.
 * BIRD writes sets with spaces (`{64610 64611}`); both separators are accepted.
 */
export function parseAsPathText(text) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed === 'Local')
        return LOCAL_AS_PATH;
    const segments = [];
    let sequence = [];
    const flush = () => {
        if (sequence.length > 0)
            segments.push({ type: 'sequence', asns: sequence });
        sequence = [];
    };
    let consumed = 0;
    for (const match of trimmed.matchAll(TOKEN)) {
        if (trimmed.slice(consumed, match.index).trim() !== '')
            throw new AsPathSyntaxError(`unexpected text in AS path "${text}"`);
        consumed = match.index + match[0].length;
        const token = match[0];
        const open = token[0];
        if (open === '{' || open === '(' || open === '[') {
            flush();
            const type = open === '{' ? 'set' : open === '(' ? 'confed-sequence' : 'confed-set';
            segments.push({ type, asns: parseAsnList(token.slice(1, -1), text) });
        }
        else {
            sequence.push(parseAsnOrThrow(token, text));
        }
    }
    if (trimmed.slice(consumed).trim() !== '')
        throw new AsPathSyntaxError(`unexpected text in AS path "${text}"`);
    flush();
    return segments;
}
function parseAsnList(body, whole) {
    const parts = body.split(/[\s,]+/).filter((p) => p !== '');
    if (parts.length === 0)
        throw new AsPathSyntaxError(`empty segment in AS path "${whole}"`);
    return parts.map((p) => parseAsnOrThrow(p, whole));
}
function parseAsnOrThrow(token, whole) {
    const asn = parseAsn(token);
    if (asn === undefined)
        throw new AsPathSyntaxError(`"${token}" is not an AS number in AS path "${whole}"`);
    return asn;
}
/** Formats a path the way FRR prints it. */
/** Whether the AS appears anywhere on the path, sets included. */
export function pathIncludes(path, asn) {
    return path.some((segment) => segment.asns.includes(asn));
}
export function formatAsPath(path) {
    if (path.length === 0)
        return 'Local';
    return path.map((segment) => formatSegment(segment)).join(' ');
}
export function formatSegment(segment, formatAsn = String) {
    const asns = segment.asns.map((asn, i) => formatAsn(asn, i));
    switch (segment.type) {
        case 'sequence':
            return asns.join(' ');
        case 'set':
            return `{${asns.join(',')}}`;
        case 'confed-sequence':
            return `(${asns.join(' ')})`;
        case 'confed-set':
            return `[${asns.join(',')}]`;
    }
}
//# sourceMappingURL=as-path.js.map