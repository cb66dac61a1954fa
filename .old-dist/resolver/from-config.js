import { createRouteServer } from '../route-servers/from-config.js';
import { Resolver } from './resolver.js';
const WIDE_MIN_LENGTH = { 4: 8, 6: 16 };
export function resolverOptions(config) {
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
export async function createResolver(config, routeServer) {
    return new Resolver(routeServer ?? (await createRouteServer(config)), resolverOptions(config));
}
//# sourceMappingURL=from-config.js.map