import type { Config } from '../config/config.js';
import type { RouteServer } from '../route-servers/route-server.js';
import { Resolver, type ResolverOptions } from './resolver.js';
export declare function resolverOptions(config: Config): ResolverOptions;
/** A resolver for a configuration, over the given route server or the one the configuration names. */
export declare function createResolver(config: Config, routeServer?: RouteServer): Promise<Resolver>;
