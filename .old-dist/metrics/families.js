import { popCondition } from '../pops/pop-availability.js';
import { histogramSamples } from './prometheus.js';
const CONDITIONS = ['up', 'drained', 'down', 'unhealthy'];
/** The POPs' state, the route server and its sessions, the health checks: the same on every process of a host. */
export function hostFamilies(s) {
    const pops = [...s.pops].sort((a, b) => a.answer.localeCompare(b.answer));
    const families = [
        {
            name: 'supersparrow_route_server_up',
            help: 'Whether the route server answers (1) or not (0).',
            type: 'gauge',
            samples: [{ labels: { route_server: s.routeServer.description }, value: s.routeServer.available ? 1 : 0 }],
        },
        {
            name: 'supersparrow_pop_up',
            help: 'Whether the POP takes new clients (1) or is out (0).',
            type: 'gauge',
            samples: pops.map((p) => ({ labels: { pop: p.answer, as: String(p.asn) }, value: p.causes.length === 0 ? 1 : 0 })),
        },
        {
            name: 'supersparrow_pop_state',
            help: 'The POP state: 1 for the state it is in (up, drained, down for its BGP sessions, unhealthy).',
            type: 'gauge',
            samples: pops.flatMap((p) => CONDITIONS.map((state) => ({ labels: { pop: p.answer, as: String(p.asn), state }, value: popCondition(p) === state ? 1 : 0 }))),
        },
        {
            name: 'supersparrow_pop_state_since_seconds',
            help: 'Unix time of the POP state change last seen.',
            type: 'gauge',
            samples: pops.map((p) => ({ labels: { pop: p.answer, as: String(p.asn) }, value: p.sinceMs / 1000 })),
        },
    ];
    if (s.sessions) {
        families.push({
            name: 'supersparrow_bgp_session_established',
            help: "Whether the route server's BGP session with the neighbor is Established.",
            type: 'gauge',
            samples: s.sessions.map((x) => ({ labels: { neighbor: x.neighbor, as: String(x.asn) }, value: x.established ? 1 : 0 })),
        });
    }
    if (s.health.length > 0) {
        families.push({
            name: 'supersparrow_health_check_up',
            help: 'Whether the health check passes (rise and fall counted).',
            type: 'gauge',
            samples: s.health.map((h) => ({ labels: { pop: h.host, url: h.url }, value: h.record.up ? 1 : 0 })),
        });
    }
    return families;
}
function counter(name, help, value) {
    return { name, help, type: 'counter', samples: [{ value }] };
}
/** One process's counters: answers per POP and reason, cache, route-server queries and their latency. */
export function processFamilies(stats, startedMs) {
    const answers = [...stats.answers].flatMap(([reason, byAnswer]) => [...byAnswer].map(([answer, n]) => ({ labels: { answer, reason }, value: n })));
    const latency = stats.routeServerLatency;
    return [
        {
            name: 'supersparrow_answers_total',
            help: 'Answers given, by answer (a POP, self, NULL) and reason (peer, no-peer, no-route, invalid-key, unavailable, timeout, error).',
            type: 'counter',
            samples: answers,
        },
        counter('supersparrow_lookups_total', 'Keys looked up.', stats.lookups),
        counter('supersparrow_cache_hits_total', 'Lookups answered from the cache.', stats.cacheHits),
        counter('supersparrow_fallbacks_total', 'Answers that fell back to self: the route server down, too slow or unreadable.', stats.fallbacks),
        counter('supersparrow_invalid_keys_total', 'Keys that were not IP addresses.', stats.invalidKeys),
        counter('supersparrow_route_server_queries_total', 'Queries sent to the route server.', stats.routeServerQueries),
        {
            name: 'supersparrow_route_server_latency_seconds',
            help: 'Time from a route-server query to its reply.',
            type: 'histogram',
            samples: histogramSamples(latency.boundsS, latency.cumulative(), latency.sumS, latency.count),
        },
        {
            name: 'supersparrow_start_time_seconds',
            help: 'Unix time the process started.',
            type: 'gauge',
            samples: [{ value: Math.floor(startedMs / 1000) }],
        },
    ];
}
/** --serve's exports: what an alert needs to see one fall behind. */
export function exportFamilies(records) {
    const labels = (r) => ({ file: r.file, format: r.format });
    return [
        {
            name: 'supersparrow_export_writes_total',
            help: 'Times the export file was replaced with changed blocks.',
            type: 'counter',
            samples: records.map((r) => ({ labels: labels(r), value: r.writes })),
        },
        {
            name: 'supersparrow_export_failures_total',
            help: 'Failures by step: write (the file), push (HAProxy runtime API), command (the reload command).',
            type: 'counter',
            samples: records.flatMap((r) => ['write', 'push', 'command'].map((step) => ({ labels: { ...labels(r), step }, value: r.failures[step] }))),
        },
        {
            name: 'supersparrow_export_written_seconds',
            help: 'Unix time the export file was last replaced (0: not yet).',
            type: 'gauge',
            samples: records.map((r) => ({ labels: labels(r), value: r.writtenAtMs / 1000 })),
        },
        {
            name: 'supersparrow_export_behind',
            help: 'Whether the file, HAProxy or the reload command is behind the state now (1) or current (0).',
            type: 'gauge',
            samples: records.map((r) => ({ labels: labels(r), value: r.behind ? 1 : 0 })),
        },
    ];
}
/** --serve's closed loop: what its plans project, what the logs measure, and how far apart they are. */
export function planLoopFamilies(s) {
    const unit = s.unit === 'requests' ? 'requests per second' : 'bits per second';
    return [
        {
            name: 'supersparrow_plan_projected_use',
            help: `Share of its capacity the plan applied last (in shadow mode, made last) projected for the POP.`,
            type: 'gauge',
            samples: s.pops.map((p) => ({ labels: { pop: p.pop }, value: p.projected })),
        },
        {
            name: 'supersparrow_plan_measured_use',
            help: 'Share of its capacity the POP carries now: the last demand window of the logs, each block where the plan in force sends it.',
            type: 'gauge',
            samples: s.pops.map((p) => ({ labels: { pop: p.pop }, value: p.measured })),
        },
        {
            name: 'supersparrow_plan_divergence',
            help: 'The largest gap over the POPs between projected and measured use, as a share of capacity (alarm at 0.05).',
            type: 'gauge',
            samples: [{ labels: {}, value: s.divergence }],
        },
        {
            name: 'supersparrow_plan_demand',
            help: `Demand of the last window, in ${unit}.`,
            type: 'gauge',
            samples: [{ labels: {}, value: s.demand }],
        },
        {
            name: 'supersparrow_plan_demand_moved',
            help: `Demand the last plan sends away from its nearest POP, in ${unit}.`,
            type: 'gauge',
            samples: [{ labels: {}, value: s.moved }],
        },
        {
            name: 'supersparrow_plan_last_seconds',
            help: 'Unix time of the last plan made (0: none yet).',
            type: 'gauge',
            samples: [{ labels: {}, value: s.plannedAt ?? 0 }],
        },
        {
            name: 'supersparrow_plan_turns_total',
            help: 'Plan turns by result: applied, shadow (made, not applied), over_max_move (refused), skipped (no plan could be made).',
            type: 'counter',
            samples: [
                { labels: { result: 'applied' }, value: s.turns.applied },
                { labels: { result: 'shadow' }, value: s.turns.shadow },
                { labels: { result: 'over_max_move' }, value: s.turns.overMaxMove },
                { labels: { result: 'skipped' }, value: s.turns.skipped },
            ],
        },
        {
            name: 'supersparrow_demand_lines_total',
            help: 'demand_log lines by what became of them: counted, bad (a time or size no request can have), untimed, failed (not answered).',
            type: 'counter',
            samples: [
                { labels: { result: 'counted' }, value: s.lines.counted },
                { labels: { result: 'bad' }, value: s.lines.bad },
                { labels: { result: 'untimed' }, value: s.lines.untimed },
                { labels: { result: 'failed' }, value: s.lines.failed },
            ],
        },
    ];
}
//# sourceMappingURL=families.js.map