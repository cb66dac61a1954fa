import { parseAsn } from '../../core/asn.js';
import { logSources } from '../../logs/log-input.js';
import { DemandCounter } from '../../capacity/demand.js';
import { capacityProjection } from '../../capacity/projection.js';
import { answerLogLines, countDemand } from '../process/log-reading.js';
import { SummaryCounter } from '../../logs/summary.js';
import { LineWriter } from '../../io/line-writer.js';
import { EXIT_READER_CLOSED } from '../../io/output.js';
import { EXIT_FALLBACK, EXIT_OK, EXIT_USAGE } from '../process/io.js';
import { summaryText } from '../views/summary-view.js';
import { FAILED_MARK, NO_ADDRESS_MARK } from '../views/log-marks.js';
import { ONE_OFF, usesLogSettings } from './command.js';
import { errorMessage } from '../../io/error-message.js';
export { FAILED_MARK, NO_ADDRESS_MARK };
/** Lines written per output flush at most: output keeps pace without a write per line. */
const FLUSH_BYTES = 256 * 1024;
function markOf(outcome) {
    return outcome.kind === 'answer' ? outcome.decision.answer : outcome.kind === 'no-address' ? NO_ADDRESS_MARK : FAILED_MARK;
}
/** `--without` names a POP by host or AS; the host is what the tallies hold. */
function drainedPop(ctx, spec) {
    const asn = parseAsn(spec);
    if (asn !== undefined && ctx.config.pops.has(asn))
        return ctx.config.pops.get(asn);
    return [...ctx.config.pops.values()].includes(spec) ? spec : undefined;
}
/**
 * Log mode: every input line out, in order, with its POP first and a tab (annotate), or per-POP
 * totals (summary). Exact: each answer is the route server's real one; a line whose answer cannot be
 * had within `retry_for` is marked `!failed`. Status 1 when any line failed or an input was damaged.
 */
export async function serveLogs(ctx, files) {
    const { io, config, resolver, log, paint } = ctx;
    const drained = config.without.map((spec) => ({ spec, pop: drainedPop(ctx, spec) }));
    const unknown = drained.find((d) => d.pop === undefined);
    if (unknown) {
        io.stderr.write(`supersparrow: --without ${unknown.spec} is not a configured POP: give one of ` +
            `${[...config.pops].map(([asn, pop]) => `${pop} (AS${asn})`).join(', ')}\n`);
        return EXIT_USAGE;
    }
    let sources;
    try {
        sources = logSources(files, io.stdin);
    }
    catch (e) {
        io.stderr.write(`supersparrow: ${errorMessage(e)}\n`);
        return EXIT_USAGE;
    }
    const counter = new SummaryCounter();
    const demand = config.summary && (config.format === 'json' || config.capacity.length > 0) ? new DemandCounter(config.demandWindowSeconds) : undefined;
    // Latin1 both ways: every byte of a log line comes back out unchanged.
    const output = new LineWriter(io.stdout, 'latin1', FLUSH_BYTES);
    // Answers arrive in input order but at their own pace: they are written together, soon after.
    let flushScheduled = false;
    const flush = () => {
        flushScheduled = false;
        output.flush();
    };
    const { failed, inputFaults } = await answerLogLines(ctx, sources, (line, outcome) => {
        if (config.summary) {
            counter.add(outcome);
            if (demand)
                countDemand(ctx, demand, line, outcome);
            return;
        }
        output.add(`${markOf(outcome)}\t${line}\n`);
        if (!flushScheduled) {
            flushScheduled = true;
            setImmediate(flush);
        }
    }, 
    // False once the reader went away or the output failed: nothing more can be delivered.
    async () => (await output.ready()) === 'written', () => output.finished());
    if (config.summary) {
        const summary = counter.summary({
            top: 20,
            without: drained.length === 0 ? undefined : { drained: drained.map((d) => d.pop), pops: config.pops, self: config.self },
        });
        const unit = config.capacity[0]?.rate.unit ?? 'requests';
        const peak = config.capacity.length > 0 ? demand?.peak(unit) : undefined;
        const capacity = peak && {
            unit,
            rows: capacityProjection(peak, new Map(config.capacity.map((line) => [line.host, line.rate.perSecond])), drained.map((d) => d.pop)),
        };
        io.stdout.write(summaryText({ ...summary, ...(capacity ? { capacity } : {}), ...(demand && config.format === 'json' ? { demand: demand.toJson() } : {}) }, config.format, paint));
    }
    if (failed > 0)
        log.line(`${failed} lines could not be answered: marked ${FAILED_MARK}`);
    log.line(`end of input: ${resolver.stats.summary()}`);
    // An exact report cut short by its reader says so, as a shell shows a process ended by SIGPIPE.
    if (output.end === 'reader-closed')
        return EXIT_READER_CLOSED;
    return failed > 0 || inputFaults > 0 ? EXIT_FALLBACK : EXIT_OK;
}
/** `--log`, `--summary`: exact answers for log lines, on routes and drains alone. */
export const command = {
    ...ONE_OFF,
    name: 'log',
    live: () => false,
    answersFollow: 'drains',
    forPerson: (config, stdoutIsTerminal) => config.verbose || config.debug || (config.summary && stdoutIsTerminal),
    metered: true,
    uses: usesLogSettings,
    run: (ctx, input) => serveLogs(ctx, input.args),
};
//# sourceMappingURL=log.js.map