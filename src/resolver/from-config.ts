import type { Config } from '../config/config.js';
import { createRouteServer } from '../route-servers/from-config.js';
import type { RouteServer } from '../route-servers/route-server.js';
import { Resolver, type ResolverOptions } from './resolver.js';

const WIDE_MIN_LENGTH = { 4: 8, 6: 16 } as const;

export function resolverOptions(config: Config): ResolverOptions {
  return {
    pops: config.pops,
    self: config.self,
    invalidKeyAnswer: config.invalidKey === 'self' ? config.self : 'NULL',
    cacheSize: config.cacheSize,
    cacheTimeoutMs: config.cacheTimeoutMs,
    negativeCacheTimeoutMs: config.negativeCacheTimeoutMs,
    // Log mode trades a longer listing now and then for one query per prefix; DNS for wider ECS scopes.
    widenMinLength: config.log || config.summary || config.pdns ? WIDE_MIN_LENGTH : undefined,
    maxPrefixChecks: config.log || config.summary ? config.concurrency : undefined,
  };
}

/** A resolver for a configuration, over the given route server or the one the configuration names. */
export async function createResolver(config: Config, routeServer?: RouteServer): Promise<Resolver> {
  return new Resolver(routeServer ?? (await createRouteServer(config)), resolverOptions(config));
}
