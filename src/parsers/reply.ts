import { AsPathSyntaxError, parseAsPathText, type AsPath } from '../core/as-path.js';
import type { Prefix } from '../core/prefix.js';
import { unreadable, type RouteReply } from '../core/route.js';

/** Paths repeat across replies (few neighbours, many prefixes): each text is parsed once. */
const KNOWN_PATHS_LIMIT = 4096;
const knownPaths = new Map<string, AsPath>();

/** A route from a prefix and a path's text, or why the text is not a path; `context` says where it was. */
export function routeReply(prefix: Prefix, asPathText: string, context = ''): RouteReply {
  let asPath = knownPaths.get(asPathText);
  if (asPath) return { kind: 'route', route: { prefix, asPath } };
  try {
    asPath = parseAsPathText(asPathText);
    if (knownPaths.size >= KNOWN_PATHS_LIMIT) knownPaths.clear();
    knownPaths.set(asPathText, asPath);
  } catch (e) {
    if (e instanceof AsPathSyntaxError) return unreadable(context === '' ? e.message : `${e.message} in ${context}`);
    throw e;
  }
  return { kind: 'route', route: { prefix, asPath } };
}
