import { parseClientKey } from '../../core/address.js';
import { isRouteServerAnswer } from '../../resolver/resolver.js';
import { explainDecision } from './explain.js';
/** The `--verbose` account of one answer, headed by its key. */
export function explain(ctx, key, decision) {
    ctx.log.raw(`${ctx.paint.bold(key.slice(0, 200))}\n${explainDecision(key, decision, ctx.paint)}`);
}
/** Explains when asked, and warns (rate-limited, counted) about bad keys and fallbacks. */
export function report(ctx, key, decision) {
    const { log, resolver } = ctx;
    if (ctx.config.verbose)
        explain(ctx, key, decision);
    if (decision.reason === 'invalid-key') {
        log.warnLimited('invalid-key', `ignored a key that is not an IP address (${decision.keyRejection}): ${JSON.stringify(key.slice(0, 80))}; ` +
            `answered ${decision.answer}; ${resolver.stats.invalidKeys} so far${looksLikeLogLine(key) ? LOG_LINE_HINT : ''}`);
    }
    else if (!isRouteServerAnswer(decision)) {
        log.warnLimited(`fallback-${decision.reason}`, `answered ${decision.answer} for ${decision.address?.text}: ${decision.error}; ${resolver.stats.fallbacks} fallbacks so far`);
    }
}
const LOG_LINE_HINT = '; these look like whole log lines: --log finds the client in each (--field N for another field)';
/** A key that starts with an address and goes on: a log line piped whole into batch mode. */
function looksLikeLogLine(key) {
    const space = key.search(/[ \t]/);
    return space > 0 && parseClientKey(key.slice(0, space)).ok;
}
//# sourceMappingURL=report.js.map