import { AsPathSyntaxError, parseAsPathText } from '../core/as-path.js';
import { formatPrefix, parsePrefix } from '../core/prefix.js';
import { PrefixMap } from '../core/prefix-map.js';
import type { Route } from '../core/route.js';

export class RouteTableError extends Error {
  override name = 'RouteTableError';
}

/**
 * Parses a route table: one `PREFIX AS-PATH` line per prefix (the best path, origin rightmost),
 * `Local` or nothing for an own route, `#` comments. Returns routes marked with exclusivity.
 */
export function parseRouteTable(text: string, file: string): PrefixMap<Route> {
  const routes = new PrefixMap<Route>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.replace(/#.*/, '').trim();
      if (line === '') return;
      const where = `${file}:${i + 1}`;
      const [prefixText = '', ...rest] = line.split(/\s+/);
      const prefix = parsePrefix(prefixText);
      if (!prefix)
        throw new RouteTableError(
          `${where}: expected "PREFIX AS-PATH", e.g. "192.0.2.0/24 64600 64702"; "${prefixText}" is not a prefix with its host bits zero`,
        );
      if (routes.get(prefix)) throw new RouteTableError(`${where}: ${formatPrefix(prefix)} is listed twice; keep only its best path`);
      try {
        routes.set(prefix, { prefix, asPath: parseAsPathText(rest.join(' ')) });
      } catch (e) {
        if (e instanceof AsPathSyntaxError) throw new RouteTableError(`${where}: ${e.message}`);
        throw e;
      }
    });
  return markExclusive(routes);
}

/** Each route learns whether a more-specific route lies inside it. */
function markExclusive(routes: PrefixMap<Route>): PrefixMap<Route> {
  const covering = new Set<Route>();
  for (const { prefix } of routes.entries()) {
    const parent = routes.coveringMatch(prefix);
    if (parent) covering.add(parent.value);
  }
  const marked = new PrefixMap<Route>();
  for (const { prefix, value } of routes.entries()) marked.set(prefix, { ...value, exclusive: !covering.has(value) });
  return marked;
}
