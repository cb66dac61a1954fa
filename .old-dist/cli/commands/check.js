import { formatRate } from '../../capacity/rate.js';
import { join } from 'node:path';
import { formatPrefix } from '../../core/prefix.js';
import { atomicWriteProblem } from '../../io/atomic-file.js';
import { popCondition } from '../../pops/pop-availability.js';
import { firstAsnsOf, popAsnsOnPaths, unreachableOnRouter, unreachablePops } from '../../pops/pop-reach.js';
import { isRouteServerAnswer } from '../../resolver/resolver.js';
import { pathSearch, tableSource } from '../../route-servers/route-server.js';
import { serveChecks } from '../../engines/serve-checks.js';
import { takeOneLook } from '../../runtime/first-look.js';
import { EXIT_CHECK_FAILED, EXIT_OK } from '../process/io.js';
import { textTable } from '../views/text-table.js';
import { ONE_OFF } from './command.js';
/** An address no route server should route, asked to show that a lookup goes through. */
const PROBE_ADDRESS = '192.0.2.1';
/** The problems the runtime reported while the check ran (a drain file that does not read, a health folder refused). */
export function problemOf(event) {
    switch (event.kind) {
        case 'warning':
            return event.message;
        case 'config-rejected':
            return event.error.message;
        case 'route-server':
            return event.event.kind === 'table-rejected' ? event.event.error.message : undefined;
        default:
            return undefined;
    }
}
function lastRouteServerError(seen) {
    for (let i = seen.length - 1; i >= 0; i--) {
        const e = seen[i];
        if (e.kind === 'route-server' && (e.event.kind === 'down' || e.event.kind === 'lost'))
            return e.event.error.message;
    }
    return undefined;
}
function metricsDirProblem(dir) {
    const problem = atomicWriteProblem(join(dir, `supersparrow-check-${process.pid}.prom`));
    return problem === undefined ? undefined : `cannot write ${dir}: ${problem}; create it writable by this user (node_exporter reads it)`;
}
/** What each mode would do with this configuration, in a sentence each. */
export function modePlans(config, exportable) {
    const pops = [...config.pops.values()];
    const out = config.invalidKey === 'self' ? config.self : 'NULL';
    const rows = [
        {
            verdict: 'ok',
            what: 'batch (Apache prg:)',
            detail: `each address line gets one of ${pops.length} POPs or ${config.self} within ${config.deadlineMs} ms (else ${config.self}); ` +
                `a line that is no address gets ${out}; POPs out are passed over; config ${config.reload ? 'reloaded on change' : 'not reloaded'}`,
        },
    ];
    rows.push(config.dnsNames.length > 0
        ? {
            verdict: 'ok',
            what: 'pdns (PowerDNS pipe)',
            detail: `answers ${config.dnsNames.join(', ')} with the addresses of the chosen POP, TTL ${config.dnsTtl} s`,
        }
        : { verdict: 'ok', what: 'pdns (PowerDNS pipe)', detail: 'not set up: add dns_name and address lines to serve DNS' });
    const proxies = config.trustedProxies?.map(formatPrefix).join(', ');
    rows.push({
        verdict: 'ok',
        what: 'log (--log, --summary)',
        detail: `the client is ${config.field.kind === 'json' ? `JSON key ${config.field.key}` : `field ${config.field.position}`}` +
            `${proxies ? `, X-Forwarded-For trusted from ${proxies}` : ''}; exact answers, retried for ${config.retryForMs / 1000} s`,
    });
    rows.push(exportable
        ? { verdict: 'ok', what: 'export (--export)', detail: 'the whole table can be exported (nginx, haproxy, gdnsd, csv, mmdb)' }
        : {
            verdict: 'ok',
            what: 'export (--export)',
            detail: `not with route_server ${config.routeServer}: export from an MRT dump (route_server mrt) or a table`,
        });
    return rows;
}
/**
 * `--check`: as `nginx -t` does for nginx, everything a running map would need, tried once now: the
 * files read (the config already was, or this would not run), the route server logged in to and asked,
 * the health URLs probed, the drain file read, the metrics folder written. Exit 1 on any problem.
 */
export async function checkConfig(ctx, seen, runAs, sharedInputs = []) {
    const { routeServer, resolver, pops, config, io } = ctx;
    const rows = [];
    const add = (verdict, what, detail) => {
        rows.push({ verdict, what, detail });
    };
    try {
        add('ok', 'config', `${ctx.configFile ?? 'no file: defaults and options'} read${runAs ? ` as ${runAs}` : ''}`);
        for (const problem of sharedInputs)
            add(config.allowSharedFiles ? 'ok' : 'problem', 'shared file', problem);
        if (anycastOnly(config)) {
            // --exabgp asks no route server: what it uses is checked, and nothing it does not.
            await takeOneLook(ctx.runtime);
            add('ok', 'route server', 'none: no peer lines, so only --exabgp can run, and it asks no route server');
            for (const line of config.anycast)
                add('ok', 'anycast', `${formatPrefix(line.prefix)} next-hop ${line.nextHop}, announced while ${config.self} can take clients`);
            for (const h of pops.health())
                add(h.record.up && h.record.probedAtMs > 0 ? 'ok' : 'problem', 'health check', `${h.url} for ${h.host}: ${h.record.detail}`);
            if (pops.drainFile)
                add('ok', 'drain file', pops.drainFile);
            for (const event of seen) {
                const problem = problemOf(event);
                if (problem)
                    add('problem', 'warning', problem);
            }
            return report();
        }
        await takeOneLook(ctx.runtime);
        const decision = await resolver.resolve(PROBE_ADDRESS);
        const answering = isRouteServerAnswer(decision);
        if (answering)
            add('ok', 'route server', `${routeServer.description}: answered a lookup of ${PROBE_ADDRESS} in ${decision.elapsedMs.toFixed(0)} ms`);
        else {
            // The route server's own words (a refused password) say more than the fallback's.
            const why = lastRouteServerError(seen) ?? decision.error ?? decision.reason;
            add('problem', 'route server', `${routeServer.description}: ${why}${why.includes('; ') ? '' : '; check the host, port and route_server settings'}`);
        }
        const view = tableSource(routeServer)?.decided();
        const neighbours = pops.bgpSessions?.map((s) => s.asn) ?? (view ? firstAsnsOf(view) : undefined);
        const onPaths = view ? popAsnsOnPaths(view.table) : undefined;
        let unreachable = new Map(unreachablePops(config.pops, config.self, neighbours, onPaths).map((u) => [u.asn, u]));
        if (!onPaths) {
            // A live router: a POP that is no neighbour may still be on its paths (behind another POP): asked.
            const asked = pathSearch(routeServer);
            const confirmed = new Map();
            for (const [asn, pop] of unreachable) {
                const routes = await asked?.routesThrough(asn).catch(() => undefined);
                if (routes === 0)
                    confirmed.set(asn, unreachableOnRouter(asn, pop.answer, neighbours ?? []));
            }
            unreachable = confirmed;
        }
        for (const state of pops.states()) {
            const never = unreachable.get(state.asn);
            if (never)
                add('problem', `POP ${state.answer}`, never.detail);
            else if (!answering && state.causes.length === 0)
                add('problem', `POP ${state.answer}`, `AS${state.asn} unknown: the route server does not answer, so no client would be sent there`);
            else
                add(state.causes.length === 0 ? 'ok' : 'problem', `POP ${state.answer}`, `AS${state.asn} ${popCondition(state)}${state.why ? `: ${state.why}` : ''}`);
        }
        for (const h of pops.health())
            add(h.record.up && h.record.probedAtMs > 0 ? 'ok' : 'problem', 'health check', `${h.url} for ${h.host}: ${h.record.detail}`);
        if (pops.drainFile)
            add('ok', 'drain file', pops.drainFile);
        if (config.planFile)
            add('ok', 'plan file', `${config.planFile}: ${ctx.runtime.plan.size} planned prefixes in force`);
        for (const line of config.capacity)
            add('ok', 'capacity', `${line.host} ${formatRate(line.rate.perSecond, line.rate.unit)} (--plan keeps it at or below ${config.highWatermark * 100} %)`);
        if (config.metricsDir) {
            const problem = metricsDirProblem(config.metricsDir);
            add(problem ? 'problem' : 'ok', 'metrics', problem ?? `${config.metricsDir} writable`);
        }
        for (const event of seen) {
            const problem = problemOf(event);
            if (problem)
                add('problem', 'warning', problem);
        }
        const exportable = tableSource(routeServer) !== undefined;
        for (const row of await serveChecks(config, exportable))
            add(row.ok ? 'ok' : 'problem', row.what, row.detail);
        for (const row of modePlans(config, exportable))
            rows.push(row.what.startsWith('batch') && !answering
                ? { ...row, verdict: 'problem', detail: `every line would get ${config.self}: the route server does not answer` }
                : row);
    }
    finally {
        await routeServer.close();
    }
    return report();
    function report() {
        const problems = rows.filter((r) => r.verdict === 'problem').length;
        const paint = ctx.stdoutPaint;
        io.stdout.write(`${textTable([['result', 'what', 'detail'], ...rows.map((r) => [r.verdict, r.what, r.detail])], [false, false, false], paint, (text, r, c) => (c === 0 && r > 0 ? (text.trim() === 'ok' ? paint.green : paint.red) : undefined))}\n`);
        io.stdout.write(problems === 0 ? 'configuration OK\n' : `${problems} problem${problems === 1 ? '' : 's'}\n`);
        return problems === 0 ? EXIT_OK : EXIT_CHECK_FAILED;
    }
}
/** A config for --exabgp alone: anycast lines and no POP to send clients to. */
function anycastOnly(config) {
    return config.anycast.length > 0 && config.pops.size === 0;
}
/** `--check [--as USER]`. */
export const command = {
    ...ONE_OFF,
    name: 'check',
    forPerson: () => true,
    tables: true,
    withoutPops: anycastOnly,
    sharedInputs: 'report',
    events: 'keep',
    // Its verdict is its status: a config it cannot read or parse is a problem found, as any other.
    configProblemStatus: EXIT_CHECK_FAILED,
    run: (ctx, input) => checkConfig(ctx, input.seen, input.action.as, input.shared),
};
//# sourceMappingURL=check.js.map