export { parseAsn, type Asn } from './asn.js';
export { parseAsPathText, formatAsPath, LOCAL_AS_PATH, AsPathSyntaxError, type AsPath, type AsPathSegment, type AsPathSegmentType } from './as-path.js';
export { parseClientKey, parseClientAddress, type ClientAddress, type AddressFamily, type KeyRejection, type ParsedKey } from './address.js';
export { parsePrefix, formatPrefix, prefixContains, type Prefix } from './prefix.js';
export { PrefixMap, type PrefixMatch } from './prefix-map.js';
export { DecisionCache } from './decision-cache.js';
export type { Route, RouteLookup } from './route.js';
export { matchPeer, type PeerMatch, type PeerTable } from './selection.js';
export { parseZebraShowBgp, parseLongerPrefixesCount, type ZebraReply } from './zebra-output.js';
export { RouteServerError, type RouteServer, type RouteServerFailure } from './route-server.js';
export { ZebraRouteServer, type ZebraOptions } from './zebra-route-server.js';
export { TableRouteServer } from './table-route-server.js';
export { parseRouteTable, loadRouteTable, RouteTableError } from './route-table-file.js';
export { VtySession, type VtySessionOptions } from './vty-session.js';
export { Resolver, type Decision, type DecisionReason, type ResolverOptions } from './resolver.js';
export { ResolverStats, LatencyHistogram } from './stats.js';
export {
  DEFAULT_CONFIG, DEFAULT_CONFIG_FILE, DIRECTIVES, ConfigError, parseConfigText, loadConfigFile, resolveConfig,
  type Config, type RouteServerType, type SettingsLayer,
} from './config.js';
export { createRouteServer, createResolver } from './setup.js';
export { runBatch, type BatchAnswerer } from './batch.js';
export { CliRouteServer, reconnectDelayMs, type CommandSession, type RouterDialect } from './cli-route-server.js';
export { FailoverRouteServer } from './failover-route-server.js';
export { BirdRouteServer, BirdSession, type BirdOptions } from './bird-route-server.js';
export { parseBirdShowRoute } from './bird-output.js';
export { GatedRouteServer } from './gated-route-server.js';
export { parseGiiWalkup, parseGatedPrefix } from './gated-output.js';
export { parseFrrJsonShowBgp } from './frr-json-output.js';
export { MrtRouteServer, loadMrtTable, type MrtTable, type MrtLoadOptions } from './mrt-route-server.js';
export { readMrtRecord, decodeAsPath, MrtError, type MrtPeer, type MrtRecord } from './mrt.js';
