import { AsPathSyntaxError, parseAsPathText, type AsPath } from '../core/as-path.js';
import { parsePrefix } from '../core/prefix.js';
import { NO_ROUTE, type RouteLookup } from '../core/route.js';

export type BirdReply = RouteLookup | { readonly kind: 'error'; readonly message: string };

/** A reply ends at the first line whose 4-digit code is followed by a space (BIRD's doc/reply_codes). */
export function birdReplyComplete(received: string): boolean {
  return /(?:^|\n)\d{4} [^\n]*\n$/.test(received);
}

/** Each line with its reply code; a line starting with a space continues the previous code. */
function codedLines(reply: string): Array<{ code: string; body: string }> {
  const out: Array<{ code: string; body: string }> = [];
  let code = '';
  for (const line of reply.split('\n')) {
    if (line === '') continue;
    const m = /^(\d{4})[- ](.*)$/.exec(line);
    if (m) { code = m[1]!; out.push({ code, body: m[2]! }); } else out.push({ code, body: line.slice(1) });
  }
  return out;
}

const ROUTE_LINE = /^(\S+\/\d+)?\s+\S+ \[[^\]]*\]( \*)?/;

/**
 * Parses `show route for ADDRESS all`. BIRD lists the best route first, marked `*`; the full AS path
 * is on its `BGP.as_path:` line, absent for a non-BGP (own) route. 8001 means no route.
 */
export function parseBirdShowRoute(reply: string): BirdReply {
  const lines = codedLines(reply);
  const last = lines[lines.length - 1];
  if (!last) return { kind: 'error', message: 'empty reply' };
  if (last.code === '8001') return NO_ROUTE;
  if (/^[89]/.test(last.code)) return { kind: 'error', message: `${last.code} ${last.body}` };
  let prefixText: string | undefined;
  let best = false;
  let collecting = false;
  let asPathText: string | undefined;
  for (const { code, body } of lines) {
    const route = code === '1007' ? ROUTE_LINE.exec(body) : null;
    if (route) {
      if (prefixText !== undefined) { collecting = false; continue; }
      if (route[1] === undefined) continue;
      prefixText = route[1];
      best = route[2] !== undefined;
      collecting = true;
      continue;
    }
    const path = collecting ? /^\s*BGP\.as_path:\s?(.*)$/.exec(body) : null;
    if (path) asPathText = path[1]!;
  }
  if (prefixText === undefined) return { kind: 'error', message: `unrecognised reply: ${last.code} ${last.body}`.slice(0, 120) };
  if (!best) return { kind: 'error', message: `the first route for ${prefixText} is not marked best` };
  const prefix = parsePrefix(prefixText, true);
  if (!prefix) return { kind: 'error', message: `unparseable prefix "${prefixText}"` };
  let asPath: AsPath;
  try {
    asPath = parseAsPathText(asPathText ?? '');
  } catch (e) {
    if (e instanceof AsPathSyntaxError) return { kind: 'error', message: e.message };
    throw e;
  }
  return { kind: 'route', route: { prefix, asPath } };
}
