import type { PopTable } from '../../src/core/pop-selection.js';
import { Resolver, type ResolverOptions } from '../../src/resolver/resolver.js';
import type { RouteServer } from '../../src/route-servers/route-server.js';
import { FAR, X, Y, Z } from './route-cases.js';

/** The testbeds' POPs (helpers/cli.ts PEERS). */
export const TESTBED_POPS: PopTable = new Map([
  [64700, X],
  [64701, Z],
  [64702, Y],
  [4200000001, FAR],
]);

/**
 * A resolver over `routeServer` with the testbeds' POPs, self X, bad keys NULL and no cache unless
 * told otherwise.
 */
export function resolverOver(routeServer: RouteServer, options: Partial<ResolverOptions> = {}): Resolver {
  return new Resolver(routeServer, {
    pops: TESTBED_POPS,
    self: X,
    invalidKeyAnswer: 'NULL',
    cacheSize: 0,
    cacheTimeoutMs: 0,
    ...options,
  });
}
