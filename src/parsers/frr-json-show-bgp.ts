import type { AsPath, AsPathSegment, AsPathSegmentType } from '../core/as-path.js';
import { parsePrefix } from '../core/prefix.js';
import { NO_ROUTE } from '../core/route.js';
import type { ZebraReply } from './zebra-show-bgp.js';

interface FrrJsonPath {
  aspath?: { string?: string; segments?: Array<{ type?: string; list?: unknown[] }> };
  bestpath?: { overall?: boolean };
}

const SEGMENT_TYPES: Readonly<Record<string, AsPathSegmentType>> = {
  'as-sequence': 'sequence', 'as-set': 'set', 'as-confed-sequence': 'confed-sequence', 'as-confed-set': 'confed-set',
};

/** Parses FRR's `show ip bgp ADDRESS json` / `show bgp ipv6 ADDRESS json`: `{}` is no route. */
export function parseFrrJsonShowBgp(text: string): ZebraReply {
  const trimmed = text.trim();
  if (trimmed.startsWith('%')) {
    return /^% ?Network not in table/.test(trimmed) ? NO_ROUTE : { kind: 'error', message: trimmed.split('\n')[0]! };
  }
  let reply: { prefix?: unknown; paths?: unknown };
  try {
    reply = JSON.parse(trimmed) as typeof reply;
  } catch {
    return { kind: 'error', message: `not JSON: ${trimmed.slice(0, 80)}` };
  }
  if (typeof reply !== 'object' || reply === null) return { kind: 'error', message: 'not a JSON object' };
  if (reply.prefix === undefined && reply.paths === undefined) return NO_ROUTE;
  const prefix = typeof reply.prefix === 'string' ? parsePrefix(reply.prefix, true) : undefined;
  if (!prefix) return { kind: 'error', message: `no usable "prefix" in ${trimmed.slice(0, 80)}` };
  const paths = Array.isArray(reply.paths) ? (reply.paths as FrrJsonPath[]) : [];
  const best = paths.filter((p) => p.bestpath?.overall === true);
  if (best.length === 0) return paths.length === 0 ? NO_ROUTE : { kind: 'error', message: `no path of ${reply.prefix} is marked best` };
  if (best.length > 1) return { kind: 'error', message: `${best.length} paths of ${reply.prefix} are marked best` };
  const asPath = segmentsOf(best[0]!);
  return asPath instanceof Error ? { kind: 'error', message: asPath.message } : { kind: 'route', route: { prefix, asPath } };
}

function segmentsOf(path: FrrJsonPath): AsPath | Error {
  const segments: AsPathSegment[] = [];
  for (const s of path.aspath?.segments ?? []) {
    const type = SEGMENT_TYPES[s.type ?? ''];
    const asns = (s.list ?? []).filter((n): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff);
    if (!type || asns.length !== (s.list ?? []).length) return new Error(`unreadable AS path segment ${JSON.stringify(s).slice(0, 80)}`);
    if (asns.length > 0) segments.push({ type, asns });
  }
  return segments;
}
