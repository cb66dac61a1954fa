export { parseAsn, type Asn } from './core/asn.js';
export { parseAsPathText, formatAsPath, LOCAL_AS_PATH, AsPathSyntaxError, type AsPath, type AsPathSegment, type AsPathSegmentType } from './core/as-path.js';
export { parseClientKey, parseClientAddress, type ClientAddress, type AddressFamily, type KeyRejection, type ParsedKey } from './core/address.js';
export { parsePrefix, formatPrefix, prefixContains, type Prefix } from './core/prefix.js';
export { PrefixMap, type PrefixMatch } from './core/prefix-map.js';
export { DecisionCache } from './core/decision-cache.js';
export type { Route, RouteLookup } from './core/route.js';
export { matchPeer, type PeerMatch, type PeerTable } from './core/pop-selection.js';
export { parseZebraShowBgp, parseLongerPrefixesCount, type ZebraReply } from './parsers/zebra-show-bgp.js';
export { RouteServerError, type RouteServer, type RouteServerFailure } from './route-servers/route-server.js';
export { ZebraRouteServer, type ZebraOptions } from './route-servers/vty-route-server.js';
export { TableRouteServer } from './route-servers/table-route-server.js';
export { parseRouteTable, loadRouteTable, RouteTableError } from './parsers/route-table.js';
export { VtySession, type VtySessionOptions } from './sessions/vty-session.js';
export { Resolver, type Decision, type DecisionReason, type ResolverOptions } from './resolver/resolver.js';
export { ResolverStats, LatencyHistogram } from './resolver/stats.js';
export {
  DEFAULT_CONFIG, DEFAULT_CONFIG_FILE, DIRECTIVES, ConfigError, parseConfigText, loadConfigFile, resolveConfig,
  type Config, type RouteServerType, type SettingsLayer,
} from './config/config.js';
export { createRouteServer, createResolver } from './route-servers/from-config.js';
export { runBatch, type BatchAnswerer } from './batch/batch-loop.js';
export { CliRouteServer, reconnectDelayMs, type CommandSession, type RouterDialect } from './route-servers/session-route-server.js';
export { FailoverRouteServer } from './route-servers/failover-route-server.js';
export { BirdRouteServer, BirdSession, type BirdOptions } from './route-servers/bird-route-server.js';
export { parseBirdShowRoute } from './parsers/bird-show-route.js';
export { GatedRouteServer } from './route-servers/gii-route-server.js';
export { parseGiiWalkup, parseGatedPrefix } from './parsers/gii-walkup.js';
export { parseFrrJsonShowBgp } from './parsers/frr-json-show-bgp.js';
export { MrtRouteServer, loadMrtTable, type MrtTable, type MrtLoadOptions } from './route-servers/mrt-route-server.js';
export { readMrtRecord, decodeAsPath, MrtError, type MrtPeer, type MrtRecord } from './parsers/mrt.js';
