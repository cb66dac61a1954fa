import { matchPop } from '../../core/pop-selection.js';
import { firstServing } from '../../core/pop-ranking.js';
import { isRouteServerAnswer } from '../../resolver/resolver.js';
import { startRouteServer } from '../../route-servers/route-server.js';
import { explainRow } from '../views/explain.js';
import { EXIT_FALLBACK, EXIT_OK } from '../process/io.js';
import { answerRecord, TSV_HEADER } from '../views/records.js';
import { explain } from '../views/report.js';
import { takeOneLook } from '../../runtime/first-look.js';
import { ONE_OFF } from './command.js';
/**
 * What batch mode would answer now, for `--verbose`: a one-shot answer follows the routes and the drain
 * file alone; batch also passes over POPs whose sessions are down or whose health check fails.
 */
export function liveAccount(ctx, decision) {
    const { paint, config } = ctx;
    const unavailable = ctx.pops.unavailable;
    if (!decision.route || decision.reason === 'invalid-key')
        return explainRow('batch answer', `${decision.answer} (the same)`, paint);
    const out = [];
    const nearest = decision.ranking
        ? firstServing(decision.ranking, unavailable, out)?.answer
        : matchPop(decision.route.asPath, config.pops, unavailable, out)?.answer;
    const rows = out.map((s) => explainRow('POP out', `AS${s.asn} = ${s.answer}: ${s.why}`, paint));
    const planned = decision.plan && (decision.reason === 'plan' || decision.plan.pop === decision.answer) ? decision.answer : undefined;
    const batch = planned ?? nearest ?? config.self;
    rows.push(explainRow('batch answer', batch === decision.answer ? `${batch} (the same)` : paint.bold(`${batch} (live state differs)`), paint));
    return rows.join('\n');
}
/** `supersparrow ADDRESS…`: one answer per address; status 1 when any was not the route server's real answer. */
export async function answerOnce(ctx, keys) {
    const { io, resolver, routeServer, log, config } = ctx;
    try {
        if (config.verbose)
            await takeOneLook(ctx.runtime);
        else
            await startRouteServer(routeServer);
        let status = EXIT_OK;
        if (config.format === 'tsv')
            io.stdout.write(`${TSV_HEADER}\n`);
        for (const key of keys) {
            const decision = await resolver.resolve(key);
            io.stdout.write(`${answerRecord(config.format, key, decision)}\n`);
            if (config.verbose) {
                explain(ctx, key, decision);
                log.raw(liveAccount(ctx, decision));
            }
            else if (decision.error || decision.reason === 'invalid-key')
                log.line(`${key}: ${decision.error ?? `not an IP address (${decision.keyRejection})`}`);
            if (!isRouteServerAnswer(decision))
                status = EXIT_FALLBACK;
        }
        return status;
    }
    finally {
        await routeServer.close();
    }
}
/** Addresses on the command line: each answered once; with --verbose, why, and what batch mode would answer now. */
export const command = {
    ...ONE_OFF,
    name: 'one-shot',
    live: (config) => config.verbose,
    answersFollow: 'drains',
    asksPassword: true,
    run: (ctx, input) => answerOnce(ctx, input.args),
};
//# sourceMappingURL=one-shot.js.map