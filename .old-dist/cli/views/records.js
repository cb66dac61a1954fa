import { formatAsPath } from '../../core/as-path.js';
import { formatPrefix } from '../../core/prefix.js';
/** Tabs and line breaks in a key would break a TSV row: they are shown escaped. */
function tsvField(text) {
    return text.replace(/[\t\r\n\\]/g, (c) => (c === '\t' ? '\\t' : c === '\r' ? '\\r' : c === '\n' ? '\\n' : '\\\\'));
}
/** The columns of a TSV record, for runs that may print a header (one-shot, log); a map answers line for line. */
export const TSV_HEADER = '#key\tanswer\treason\tprefix\tas_path\tskipped\tranking\tplan';
/**
 * One key's answer as a record, so the kinds of `self` can be told apart: key, answer, reason
 * (peer, no-peer, no-route, plan, invalid-key, unavailable, timeout, error), prefix, AS path, the POPs
 * passed over with why, the POP ranking (`POP:hops,…`) and the plan line's prefix (`-` when none).
 * `plain` is the answer alone: the Apache contract.
 */
export function answerRecord(format, key, decision) {
    if (format === 'plain')
        return decision.answer;
    const prefix = decision.route ? formatPrefix(decision.route.prefix) : '-';
    const asPath = decision.route ? formatAsPath(decision.route.asPath) : '-';
    if (format === 'json') {
        return JSON.stringify({
            key,
            answer: decision.answer,
            reason: decision.reason,
            prefix: decision.route ? prefix : null,
            as_path: decision.route ? asPath : null,
            skipped: (decision.skipped ?? []).map((s) => ({ as: s.asn, pop: s.answer, why: s.why })),
            ranking: decision.ranking ? decision.ranking.map((r) => ({ pop: r.answer, as: r.asn ?? null, hops: r.hops })) : null,
            plan: decision.plan ? { prefix: formatPrefix(decision.plan.prefix), pop: decision.plan.pop } : null,
        });
    }
    const skipped = decision.skipped?.length ? decision.skipped.map((s) => `AS${s.asn}=${s.answer}: ${s.why}`).join('; ') : '-';
    const ranking = decision.ranking ? decision.ranking.map((r) => `${r.answer}:${r.hops}`).join(',') : '-';
    const plan = decision.plan ? formatPrefix(decision.plan.prefix) : '-';
    return [tsvField(key), decision.answer, decision.reason, prefix, asPath, tsvField(skipped), ranking, plan].join('\t');
}
//# sourceMappingURL=records.js.map