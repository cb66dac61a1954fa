import { AsPathSyntaxError, parseAsPathText } from '../core/as-path.js';
import { unreadable } from '../core/route.js';
/** Paths repeat across replies (few neighbours, many prefixes): each text is parsed once. */
const KNOWN_PATHS_LIMIT = 4096;
const knownPaths = new Map();
/** A route from a prefix and a path's text, or why the text is not a path; `context` says where it was. */
export function routeReply(prefix, asPathText, context = '', otherPathTexts) {
    const asPath = pathOf(asPathText, context);
    if (asPath instanceof AsPathSyntaxError)
        return unreadable(asPath.message);
    if (otherPathTexts === undefined)
        return { kind: 'route', route: { prefix, asPath } };
    const otherPaths = [];
    for (const text of otherPathTexts) {
        const other = pathOf(text, context);
        if (other instanceof AsPathSyntaxError)
            return unreadable(other.message);
        otherPaths.push(other);
    }
    return { kind: 'route', route: { prefix, asPath, otherPaths } };
}
function pathOf(text, context) {
    const known = knownPaths.get(text);
    if (known)
        return known;
    try {
        const asPath = parseAsPathText(text);
        if (knownPaths.size >= KNOWN_PATHS_LIMIT)
            knownPaths.clear();
        knownPaths.set(text, asPath);
        return asPath;
    }
    catch (e) {
        if (e instanceof AsPathSyntaxError)
            return context === '' ? e : new AsPathSyntaxError(`${e.message} in ${context}`);
        throw e;
    }
}
//# sourceMappingURL=reply.js.map