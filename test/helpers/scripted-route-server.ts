import type { ClientAddress } from '../../src/core/address.js';
import { parseAsPathText } from '../../src/core/as-path.js';
import { parsePrefix, prefixContains, prefixCovers, type Prefix } from '../../src/core/prefix.js';
import { NO_ROUTE, type RouteLookup } from '../../src/core/route.js';
import type { RouteServerError, RouteServer } from '../../src/route-servers/route-server.js';

/**
 * An in-process route server whose timing and failures a test scripts, for the resolver's own logic
 * (deadlines, coalescing, fallbacks). Real route servers are exercised in test/integration.
 */
export class ScriptedRouteServer implements RouteServer {
  readonly description = 'scripted';
  available = true;
  lookups: string[] = [];
  exclusivityChecks: string[] = [];
  delayMs = 0;
  hang = false;
  failWith: RouteServerError | undefined;
  exclusive = true;
  readonly #routes: Array<{ prefix: Prefix; path: string }>;
  readonly #hung: Array<() => void> = [];

  constructor(routes: Record<string, string>) {
    this.#routes = Object.entries(routes)
      .map(([p, path]) => ({ prefix: parsePrefix(p)!, path }))
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  start(): void {}

  async lookup(address: ClientAddress): Promise<RouteLookup> {
    this.lookups.push(address.text);
    if (this.hang) await new Promise<void>((resolve) => this.#hung.push(resolve));
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failWith) throw this.failWith;
    const route = this.#routes.find((r) => prefixContains(r.prefix, address));
    if (!route) return NO_ROUTE;
    // `BEST | OTHER | …`: the route server's other paths too, as a detail reply lists them.
    const [best = '', ...others] = route.path.split('|');
    return {
      kind: 'route',
      route: {
        prefix: route.prefix,
        asPath: parseAsPathText(best),
        ...(others.length > 0 ? { otherPaths: others.map((o) => parseAsPathText(o)) } : {}),
      },
    };
  }

  async routesWithin(prefix: Prefix): Promise<readonly Prefix[] | undefined> {
    this.exclusivityChecks.push(`${prefix.network}/${prefix.length}`);
    if (!this.exclusive) return undefined;
    return this.#routes.filter((r) => prefixCovers(prefix, r.prefix)).map((r) => r.prefix);
  }

  release(): void {
    this.hang = false;
    for (const r of this.#hung.splice(0)) r();
  }

  async close(): Promise<void> {
    this.release();
  }
}
