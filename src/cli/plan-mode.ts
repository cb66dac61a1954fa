import { readFileSync } from 'node:fs';
import { DemandCounter, DemandJsonError } from '../capacity/demand.js';
import { formatPlanFile } from '../capacity/plan-file.js';
import { planCapacity } from '../capacity/planner.js';
import { parseAsn } from '../core/asn.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { errorMessage } from '../io/error-message.js';
import { logSources, type LogSource } from '../logs/log-input.js';
import type { CliContext } from './context.js';
import { EXIT_FALLBACK, EXIT_OK, EXIT_USAGE } from './io.js';
import { answerLogLines, countDemand } from './log-reading.js';
import { planText, unitOf, warnings, type PlanReport } from './plan-view.js';
import { takeOneLook } from './status-view.js';

/** A summary written by `--summary --format json` on another host: merged, not read as a log. */
const isSummaryFile = (name: string): boolean => name.endsWith('.json');

/**
 * `--plan [LOGS…]`: the demand the logs show at their busiest window, each POP's capacity, and which
 * prefixes move where so that none is over its high watermark, printed; with `--apply`, written to the
 * plan file too, atomically. Exact, as log mode is: a plan made from lines that could not be answered
 * is shown but not applied, and the status says so (1); 1 too when some demand could not be placed.
 */
export async function planMode(ctx: CliContext, inputs: readonly string[], apply: boolean): Promise<number> {
  const { io, config, log } = ctx;
  if (config.capacity.length === 0) {
    io.stderr.write('supersparrow: --plan needs each POP\'s capacity: add "capacity www.y.example.net 800/s" lines to the config file\n');
    return EXIT_USAGE;
  }
  if (apply && config.planFile === undefined) {
    io.stderr.write('supersparrow: --apply writes the plan to plan_file: add "plan_file /var/lib/supersparrow/plan" to the config file\n');
    return EXIT_USAGE;
  }
  const without = new Set<string>();
  for (const spec of config.without) {
    const asn = parseAsn(spec);
    const pop = asn !== undefined ? config.pops.get(asn) : [...config.pops.values(), config.self].find((p) => p === spec);
    if (pop === undefined) {
      io.stderr.write(`supersparrow: --without ${spec} is not a configured POP\n`);
      return EXIT_USAGE;
    }
    without.add(pop);
  }
  const demand = new DemandCounter(config.demandWindowSeconds);
  const summaries = inputs.filter(isSummaryFile);
  try {
    for (const file of summaries) demand.merge((JSON.parse(readFileSync(file, 'utf8')) as { demand?: unknown }).demand, file);
  } catch (e) {
    io.stderr.write(`supersparrow: ${e instanceof DemandJsonError ? e.message : `cannot read summary: ${errorMessage(e)}`}\n`);
    return EXIT_USAGE;
  }
  const logs = inputs.filter((name) => !isSummaryFile(name));
  let sources: LogSource[] = [];
  try {
    sources = logs.length === 0 && summaries.length > 0 ? [] : logSources(logs, io.stdin);
  } catch (e) {
    io.stderr.write(`supersparrow: ${errorMessage(e)}\n`);
    return EXIT_USAGE;
  }
  // Where each POP stands now (sessions, health, drains): nothing is moved to one that is out.
  await takeOneLook(ctx);
  const out = new Set(without);
  for (const [asn, pop] of config.pops) if (ctx.pops.unavailable?.(asn, pop) !== undefined) out.add(pop);
  const unit = unitOf(config.capacity.map((line) => line.rate.unit));
  const { failed, inputFaults } = await answerLogLines(ctx, sources, (line, outcome) =>
    countDemand(ctx, demand, line, outcome, unit === 'bits'),
  );
  if (demand.untimed > 0)
    log.line(`${demand.untimed} requests gave no time (no [dd/Mon/yyyy:hh:mm:ss zone] or JSON time): left out of the demand`);
  const peak = demand.peak(unit);
  if (!peak) {
    io.stderr.write('supersparrow: no request in the logs had a time, so there is no demand to plan for\n');
    return EXIT_FALLBACK;
  }
  const capacity = new Map(config.capacity.map((line) => [line.host, line.rate.perSecond]));
  const plan = planCapacity({
    prefixes: peak.prefixes,
    capacity,
    out,
    highWatermark: config.highWatermark,
    lowWatermark: config.lowWatermark,
    previous: ctx.runtime.plan.entries.map((e) => ({ prefix: e.prefix, pop: e.pop })),
  });
  const report: PlanReport = { plan, peak, highWatermark: config.highWatermark, lowWatermark: config.lowWatermark, out: [...out] };
  io.stdout.write(planText(report, config.format, ctx.stdoutPaint));
  const status = failed > 0 || inputFaults > 0 || warnings(report).length > 0 ? EXIT_FALLBACK : EXIT_OK;
  if (failed > 0) log.line(`${failed} lines could not be answered: the demand is incomplete`);
  if (apply) {
    if (failed > 0 || inputFaults > 0) {
      log.line(`plan not applied: it rests on incomplete demand; ${config.planFile} is unchanged`);
      return EXIT_FALLBACK;
    }
    const header = [
      `supersparrow plan, made ${new Date().toISOString()} by ${ctx.version}`,
      `from ${inputs.length === 0 ? 'standard input' : inputs.join(' ')}: ${peak.windowSeconds} s from ${new Date(peak.startSeconds * 1000).toISOString()}`,
      `high watermark ${config.highWatermark * 100} %, low ${config.lowWatermark * 100} %; out: ${[...out].join(' ') || 'none'}`,
      'PREFIX POP: clients inside PREFIX are sent to POP while it can take them',
    ];
    try {
      writeFileAtomic(config.planFile!, formatPlanFile(plan, header));
    } catch (e) {
      log.line(`plan not applied: cannot write ${config.planFile}: ${errorMessage(e)}`);
      return EXIT_FALLBACK;
    }
    log.line(`plan applied: ${plan.moves.length} prefix${plan.moves.length === 1 ? '' : 'es'} written to ${config.planFile}`);
  }
  return status;
}
