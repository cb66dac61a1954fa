import { AsPathSyntaxError, parseAsPathText, type AsPath } from '../core/as-path.js';
import type { Prefix } from '../core/prefix.js';
import { unreadable, type RouteReply } from '../core/route.js';

/** A route from a prefix and a path's text, or why the text is not a path; `context` says where it was. */
export function routeReply(prefix: Prefix, asPathText: string, context = ''): RouteReply {
  let asPath: AsPath;
  try {
    asPath = parseAsPathText(asPathText);
  } catch (e) {
    if (e instanceof AsPathSyntaxError) return unreadable(context === '' ? e.message : `${e.message} in ${context}`);
    throw e;
  }
  return { kind: 'route', route: { prefix, asPath } };
}
