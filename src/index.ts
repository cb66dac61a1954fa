// The library: decide a POP for a client address from a route server's best path.
export type { ClientAddress, AddressFamily, KeyRejection, ParsedKey } from './core/address.js';
export { parseClientKey } from './core/address.js';
export type { Asn } from './core/asn.js';
export type { AsPath, AsPathSegment, AsPathSegmentType } from './core/as-path.js';
export { parseAsPathText, formatAsPath, AsPathSyntaxError } from './core/as-path.js';
export type { Prefix } from './core/prefix.js';
export { parsePrefix, formatPrefix } from './core/prefix.js';
export type { Route, RouteLookup, RouteReply, UnreadableReply } from './core/route.js';
export type { PopTable, PopMatch } from './core/pop-selection.js';
export { matchPop } from './core/pop-selection.js';
export type { PopRanking, RankedPop } from './core/pop-ranking.js';
export { rankPops, firstServing } from './core/pop-ranking.js';
export type { PlanEntry } from './core/planned-prefixes.js';
export { PlannedPrefixes } from './core/planned-prefixes.js';

export type { Plan, PlanInput, PlannedMove, PopLoad, PrefixDemand } from './capacity/planner.js';
export { planCapacity } from './capacity/planner.js';
export type { Rate, RateUnit } from './capacity/rate.js';
export { parseRate, formatRate } from './capacity/rate.js';
export type { DemandJson, PeakDemand } from './capacity/demand.js';
export { DemandCounter } from './capacity/demand.js';
export { parsePlanFile, formatPlanFile, PlanFileError } from './capacity/plan-file.js';
export type { PopRtt, PrefixQuality, QualityReport, QualityRules } from './quality/quality-report.js';
export { qualityReport } from './quality/quality-report.js';
export { RttTally } from './quality/rtt-tally.js';
export type { LatencyOverride, LatencyOverrides } from './quality/latency-overrides.js';
export { latencyOverrides, formatLatencyFile } from './quality/latency-overrides.js';

export type { Config, RouteServerType, SettingsLayer } from './config/config.js';
export { ConfigError, DEFAULT_CONFIG } from './config/config.js';
export { parseConfigText, resolveConfig } from './config/parse.js';
export { loadConfigFile } from './config/files.js';

export type { Decision, DecisionReason, ResolverOptions } from './resolver/resolver.js';
export { Resolver } from './resolver/resolver.js';
export { createResolver } from './resolver/from-config.js';

export type {
  RouteServer,
  RouteServerEvent,
  RouteServerListener,
  RouteServerFailure,
  SessionSource,
  TableSource,
} from './route-servers/route-server.js';
export { RouteServerError, sessionSource, startRouteServer, tableSource } from './route-servers/route-server.js';
export type { BgpSession } from './core/bgp-session.js';
export type { RuntimeEvent, RuntimeListener } from './runtime/runtime-event.js';
export { Runtime, type RuntimeOptions } from './runtime/runtime.js';
export { createRouteServer } from './route-servers/from-config.js';
export type { RouterCommands, RouterSession } from './route-servers/session-route-server.js';
export { SessionRouteServer } from './route-servers/session-route-server.js';
export type { VtyFlavour, VtyRouteServerOptions } from './route-servers/vty-route-server.js';
export { VtyRouteServer } from './route-servers/vty-route-server.js';
export { GatedRouteServer } from './route-servers/gii-route-server.js';
export { BirdRouteServer } from './route-servers/bird-route-server.js';
export { MrtRouteServer } from './route-servers/mrt-route-server.js';
export { TableRouteServer, loadRouteTable } from './route-servers/table-route-server.js';
export { FailoverRouteServer } from './route-servers/failover-route-server.js';
export { RouteTableError } from './parsers/route-table.js';
export { MrtError } from './parsers/mrt.js';

export { parseZebraShowBgp } from './parsers/zebra-show-bgp.js';
export { parseFrrJsonShowBgp } from './parsers/frr-json-show-bgp.js';
export { parseBirdShowRoute } from './parsers/bird-show-route.js';
export { parseGiiWalkup } from './parsers/gii-walkup.js';

export type { BatchAnswerer } from './batch/batch-loop.js';
export { runBatch } from './batch/batch-loop.js';
