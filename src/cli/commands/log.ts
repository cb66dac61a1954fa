import { parseAsn } from '../../core/asn.js';
import { type LogSource, logSources } from '../../logs/log-input.js';
import type { LineOutcome } from '../../logs/log-run.js';
import { DemandCounter } from '../../capacity/demand.js';
import { capacityProjection } from '../../capacity/projection.js';
import { answerLogLines, countDemand } from '../process/log-reading.js';
import { rttTallier, servedByProblem } from '../process/rtt-reading.js';
import { RttTally } from '../../quality/rtt-tally.js';
import { SummaryCounter } from '../../logs/summary.js';
import { LineWriter } from '../../io/line-writer.js';
import { EXIT_READER_CLOSED } from '../../io/output.js';
import { EXIT_FALLBACK, EXIT_OK, EXIT_USAGE } from '../process/io.js';
import type { CliContext } from '../context.js';
import { summaryText } from '../views/summary-view.js';

import { FAILED_MARK, NO_ADDRESS_MARK } from '../views/log-marks.js';
import { type Command, ONE_OFF, usesLogSettings } from './command.js';
import { errorMessage } from '../../io/error-message.js';

export { FAILED_MARK, NO_ADDRESS_MARK };

/** Lines written per output flush at most: output keeps pace without a write per line. */
const FLUSH_BYTES = 256 * 1024;

function markOf(outcome: LineOutcome): string {
  return outcome.kind === 'answer' ? outcome.decision.answer : outcome.kind === 'no-address' ? NO_ADDRESS_MARK : FAILED_MARK;
}

/** `--without` names a POP by host or AS; the host is what the tallies hold. */
function drainedPop(ctx: CliContext, spec: string): string | undefined {
  const asn = parseAsn(spec);
  if (asn !== undefined && ctx.config.pops.has(asn)) return ctx.config.pops.get(asn);
  return [...ctx.config.pops.values()].includes(spec) ? spec : undefined;
}

/**
 * Log mode: every input line out, in order, with its POP first and a tab (annotate), or per-POP
 * totals (summary). Exact: each answer is the route server's real one; a line whose answer cannot be
 * had within `retry_for` is marked `!failed`. Status 1 when any line failed or an input was damaged.
 */
export async function serveLogs(ctx: CliContext, files: readonly string[], servedBy: readonly string[] = []): Promise<number> {
  const { io, config, resolver, log, paint } = ctx;
  const drained = config.without.map((spec) => ({ spec, pop: drainedPop(ctx, spec) }));
  const unknown = drained.find((d) => d.pop === undefined);
  if (unknown) {
    io.stderr.write(
      `supersparrow: --without ${unknown.spec} is not a configured POP: give one of ` +
        `${[...config.pops].map(([asn, pop]) => `${pop} (AS${asn})`).join(', ')}\n`,
    );
    return EXIT_USAGE;
  }
  let sources: LogSource[];
  try {
    sources = logSources(files, io.stdin);
  } catch (e) {
    io.stderr.write(`supersparrow: ${errorMessage(e)}\n`);
    return EXIT_USAGE;
  }
  const counter = new SummaryCounter();
  const demand =
    config.summary && (config.format === 'json' || config.capacity.length > 0) ? new DemandCounter(config.demandWindowSeconds) : undefined;
  // A POP's summary for --quality elsewhere: its round trips, when it knows which POP served them.
  const rtt = config.summary && config.format === 'json' ? config.rttField : undefined;
  if (servedBy.length > 0) {
    const fault =
      rtt === undefined
        ? '--served-by with --summary is for --format json with rtt_field set: the round trips --quality merges'
        : servedByProblem('--summary', servedBy, sources.length, config);
    if (fault !== undefined) {
      io.stderr.write(`supersparrow: ${fault}\n`);
      return EXIT_USAGE;
    }
  }
  const quality = rtt && (servedBy.length > 0 || config.servedByField !== undefined) ? new RttTally() : undefined;
  const tallyRtt = quality && rtt ? rttTallier(quality, rtt, servedBy, config) : undefined;
  // Latin1 both ways: every byte of a log line comes back out unchanged.
  const output = new LineWriter(io.stdout, 'latin1', FLUSH_BYTES);
  // Answers arrive in input order but at their own pace: they are written together, soon after.
  let flushScheduled = false;
  const flush = (): void => {
    flushScheduled = false;
    output.flush();
  };
  const { failed, inputFaults } = await answerLogLines(
    ctx,
    sources,
    (line, outcome, source) => {
      if (config.summary) {
        counter.add(outcome);
        if (demand) countDemand(ctx, demand, line, outcome);
        tallyRtt?.(line, outcome, source);
        return;
      }
      output.add(`${markOf(outcome)}\t${line}\n`);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    },
    // False once the reader went away or the output failed: nothing more can be delivered.
    async () => (await output.ready()) === 'written',
    () => output.finished(),
  );
  if (config.summary) {
    const summary = counter.summary({
      top: 20,
      without: drained.length === 0 ? undefined : { drained: drained.map((d) => d.pop!), pops: config.pops, self: config.self },
    });
    const unit = config.capacity[0]?.rate.unit ?? 'requests';
    const peak = config.capacity.length > 0 ? demand?.peak(unit) : undefined;
    const capacity = peak && {
      unit,
      rows: capacityProjection(
        peak,
        new Map(config.capacity.map((line) => [line.host, line.rate.perSecond])),
        drained.map((d) => d.pop!),
      ),
    };
    io.stdout.write(
      summaryText(
        {
          ...summary,
          ...(capacity ? { capacity } : {}),
          ...(demand && config.format === 'json' ? { demand: demand.toJson() } : {}),
          ...(quality ? { quality: quality.toJson() } : {}),
        },
        config.format,
        paint,
      ),
    );
  }
  if (failed > 0) log.line(`${failed} lines could not be answered: marked ${FAILED_MARK}`);
  log.line(`end of input: ${resolver.stats.summary()}`);
  // An exact report cut short by its reader says so, as a shell shows a process ended by SIGPIPE.
  if (output.end === 'reader-closed') return EXIT_READER_CLOSED;
  return failed > 0 || inputFaults > 0 ? EXIT_FALLBACK : EXIT_OK;
}

/** `--log`, `--summary`: exact answers for log lines, on routes and drains alone. */
export const command: Command = {
  ...ONE_OFF,
  name: 'log',
  live: () => false,
  answersFollow: 'drains',
  forPerson: (config, stdoutIsTerminal) => config.verbose || config.debug || (config.summary && stdoutIsTerminal),
  metered: true,
  uses: usesLogSettings,
  run: (ctx, input) => serveLogs(ctx, input.args, input.action.servedBy),
};
