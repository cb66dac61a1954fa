import { existsSync, readFileSync } from 'node:fs';
import { DemandCounter } from '../../capacity/demand.js';
import { parsePlanFile } from '../../capacity/plan-file.js';
import { overrideRoom } from '../../capacity/override-room.js';
import { popsOut } from '../../pops/pops-out.js';
import type { RateUnit } from '../../capacity/rate.js';
import { type PlanEntry, PlannedPrefixes } from '../../core/planned-prefixes.js';
import { writeFileAtomic } from '../../io/atomic-file.js';
import { formatLatencyFile, latencyOverrides } from '../../quality/latency-overrides.js';
import { formatPrefix } from '../../core/prefix.js';
import { errorMessage } from '../../io/error-message.js';
import { logSources, type LogSource } from '../../logs/log-input.js';
import { type QualityReport, qualityReport } from '../../quality/quality-report.js';
import { RttTally } from '../../quality/rtt-tally.js';
import type { CliContext } from '../context.js';
import { EXIT_FALLBACK, EXIT_OK, EXIT_USAGE } from '../process/io.js';
import { answerLogLines, countDemand, isSummaryFile, routeServerAnswers } from '../process/log-reading.js';
import { mergeSummaries, rttTallier, servedByProblem } from '../process/rtt-reading.js';
import { unitOf } from '../views/plan-view.js';
import { qualityText } from '../views/quality-view.js';
import { type Command, ONE_OFF, usesLogSettings } from './command.js';

/**
 * `--quality [--served-by HOST] LOGS…`: each client's round-trip time (rtt_field) by the prefix that
 * decides its answer and the POP that served it (--served-by, or served_by_field), then per prefix
 * each POP's median and 90th percentile, and the prefixes where another POP is measurably faster than
 * the one answers choose now. Exact, as log mode is: lines that could not be answered make status 1.
 */
export async function qualityMode(
  ctx: CliContext,
  inputs: readonly string[],
  servedBy: readonly string[] = [],
  apply = false,
): Promise<number> {
  const { io, config, log } = ctx;
  const rtt = config.rttField;
  if (rtt === undefined) {
    io.stderr.write(
      'supersparrow: --quality reads each client\'s round-trip time: add "rtt_field tcpinfo_rtt us" (a JSON key, or a field number) to the config file, and $tcpinfo_rtt to nginx\'s log_format\n',
    );
    return EXIT_USAGE;
  }
  const summaries = inputs.filter(isSummaryFile);
  const logs = inputs.filter((name) => !isSummaryFile(name));
  const readsLogs = logs.length > 0 || summaries.length === 0;
  const servedByFault = readsLogs ? servedByProblem('--quality', servedBy, logs.length, config) : undefined;
  if (servedByFault !== undefined) {
    io.stderr.write(`supersparrow: ${servedByFault}\n`);
    return EXIT_USAGE;
  }
  if (apply && config.latencyFile === undefined) {
    io.stderr.write(
      'supersparrow: --quality --apply writes latency_file: add "latency_file /var/lib/supersparrow/latency" to the config file\n',
    );
    return EXIT_USAGE;
  }
  let sources: LogSource[];
  try {
    sources = readsLogs ? logSources(logs, io.stdin) : [];
  } catch (e) {
    io.stderr.write(`supersparrow: ${errorMessage(e)}\n`);
    return EXIT_USAGE;
  }
  const tally = new RttTally();
  const demand = new DemandCounter(config.demandWindowSeconds);
  const summaryFault = mergeSummaries(summaries, tally, apply ? demand : undefined);
  if (summaryFault !== undefined) {
    io.stderr.write(`supersparrow: ${summaryFault}\n`);
    return EXIT_USAGE;
  }
  if (!(await routeServerAnswers(ctx, '--quality', 'nothing measured', readsLogs))) return EXIT_FALLBACK;
  const unit = unitOf(config.capacity.map((line) => line.rate.unit));
  const tallyRtt = rttTallier(tally, rtt, servedBy, config);
  const { failed, inputFaults } = await answerLogLines(ctx, sources, (line, outcome, source) => {
    if (apply) countDemand(ctx, demand, line, outcome, unit === 'bits');
    tallyRtt(line, outcome, source);
  });
  const report = qualityReport(tally, { marginMs: config.qualityMarginMs, minSamples: config.qualitySamples });
  io.stdout.write(qualityText(report, config.format, ctx.stdoutPaint));
  if (failed > 0) log.line(`${failed} lines could not be answered: left out of the report, which is incomplete`);
  if (failed > 0 || inputFaults > 0) {
    if (apply) log.line(`latency overrides not applied: the report is incomplete; ${config.latencyFile} is unchanged`);
    return EXIT_FALLBACK;
  }
  return apply ? applyOverrides(ctx, report, demand, unit) : EXIT_OK;
}

/** Writes latency_file from the report and the overrides in force, each change said on stderr. */
function applyOverrides(ctx: CliContext, report: QualityReport, demand: DemandCounter, unit: RateUnit): number {
  const { config, log } = ctx;
  const file = config.latencyFile!;
  const answers = new Set([...config.pops.values(), config.self]);
  let inForce: PlanEntry[] = [];
  try {
    inForce = existsSync(file) ? parsePlanFile(readFileSync(file, 'utf8'), file, answers) : [];
  } catch (e) {
    log.line(`latency overrides not applied: ${errorMessage(e)}; ${file} is unchanged`);
    return EXIT_FALLBACK;
  }
  const out = popsOut(config, ctx.pops);
  const now = Date.now();
  const room = overrideRoom(
    demand.peak(unit),
    new Map(config.capacity.map((line) => [line.host, line.rate.perSecond])),
    config.highWatermark,
    answeringWith(ctx.runtime.plan, inForce, now),
    (pop) => !out.has(pop),
    now,
  );
  const overrides = latencyOverrides(report, inForce, room);
  const header = [
    `supersparrow latency overrides, made ${new Date().toISOString()} by ${ctx.version}`,
    `margin ${config.qualityMarginMs} ms on ${config.qualitySamples}+ samples at each POP; below the plan's lines`,
    'PREFIX POP: clients inside PREFIX are sent to POP, measured faster for them, while it can take them',
  ];
  try {
    writeFileAtomic(file, formatLatencyFile(overrides.lines, header));
  } catch (e) {
    log.line(`latency overrides not applied: cannot write ${file}: ${errorMessage(e)}`);
    return EXIT_FALLBACK;
  }
  for (const [what, changes] of [
    ['added', overrides.added],
    ['withdrawn', overrides.withdrawn],
    ['refused', overrides.refused],
  ] as const)
    for (const c of changes) log.line(`latency override ${what}: ${formatPrefix(c.prefix)} → ${c.pop}: ${c.why}`);
  log.line(
    `latency overrides applied: ${overrides.lines.length} in ${file} (${overrides.added.length} added, ${overrides.kept.length} kept, ${overrides.withdrawn.length} withdrawn, ${overrides.refused.length} refused)`,
  );
  return EXIT_OK;
}

/** The answers with the overrides in force beneath the plan's lines (--quality's own answers are made without them). */
function answeringWith(plan: PlannedPrefixes, overrides: readonly PlanEntry[], nowMs: number): PlannedPrefixes {
  const beneath = overrides.filter((o) => plan.covering(o.prefix, nowMs) === undefined).map((o): PlanEntry => ({ ...o, latency: true }));
  return beneath.length === 0 ? plan : new PlannedPrefixes([...plan.entries, ...beneath]);
}

/** `--quality [--served-by HOST] [LOGS…]`: measured against the answers given now (routes, drains). */
export const command: Command = {
  ...ONE_OFF,
  name: 'quality',
  answersFollow: 'drains',
  forPerson: () => true,
  tables: true,
  events: 'log-once-answered',
  uses: usesLogSettings,
  latencyOverrides: false,
  run: (ctx, { args, action }) => qualityMode(ctx, args, action.servedBy, action.apply === true),
};
