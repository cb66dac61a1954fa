import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { DemandCounter, DemandJsonError } from '../../capacity/demand.js';
import { formatPlanFile } from '../../capacity/plan-file.js';
import { planDiff } from '../../capacity/plan-diff.js';
import { auditLine } from '../../capacity/audit-record.js';
import { currentUser } from '../../io/current-user.js';
import { type PlanInput, planCapacity } from '../../capacity/planner.js';
import { lossOfEachPop } from '../../capacity/pop-loss.js';
import { startAtOverrides } from '../../capacity/latency-start.js';
import { formatRate } from '../../capacity/rate.js';
import { FINEST_SPLIT } from '../../capacity/demand-item.js';
import { explainPlan } from '../../capacity/plan-explain.js';
import { parseClientAddress } from '../../core/address.js';
import { parsePrefix, prefixAround, type Prefix } from '../../core/prefix.js';
import { printable } from '../../io/printable.js';
import { parseAsn } from '../../core/asn.js';
import { popsOut } from '../../pops/pops-out.js';
import { writeFileAtomic } from '../../io/atomic-file.js';
import { errorMessage } from '../../io/error-message.js';
import { logSources, type LogSource } from '../../logs/log-input.js';
import type { CliContext } from '../context.js';
import { EXIT_FALLBACK, EXIT_OK, EXIT_USAGE } from '../process/io.js';
import { answerLogLines, countDemand, isSummaryFile, routeServerAnswers } from '../process/log-reading.js';
import { planText, unitOf, warnings, type PlanReport } from '../views/plan-view.js';
import { type Command, ONE_OFF } from './command.js';

/**
 * `--plan [LOGS…]`: the demand the logs show at their busiest window, each POP's capacity, and which
 * prefixes move where so that none is over its high watermark, printed; with `--apply`, written to the
 * plan file too, atomically. Exact, as log mode is: a plan made from lines that could not be answered
 * is shown but not applied, and the status says so (1); 1 too when some demand could not be placed.
 */
export async function planMode(ctx: CliContext, inputs: readonly string[], how: PlanApply, explain?: string): Promise<number> {
  const { io, config, log } = ctx;
  const apply = how !== 'show';
  const explained = explain === undefined ? undefined : prefixOrAddress(explain);
  if (explain !== undefined && explained === undefined) {
    io.stderr.write(
      `supersparrow: --explain takes a prefix or an address (192.168.201.0/24, 2001:db8::/48, 192.0.2.7); got "${printable(explain)}"\n`,
    );
    return EXIT_USAGE;
  }
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
  if (!(await routeServerAnswers(ctx, '--plan', 'nothing planned', sources.length > 0 || logs.length > 0))) return EXIT_FALLBACK;
  const out = new Set([...without, ...popsOut(config, ctx.pops)]);
  const unit = unitOf(config.capacity.map((line) => line.rate.unit));
  const { failed, inputFaults } = await answerLogLines(ctx, sources, (line, outcome) =>
    countDemand(ctx, demand, line, outcome, unit === 'bits'),
  );
  if (demand.untimed > 0)
    log.line(`${demand.untimed} requests gave no time (no [dd/Mon/yyyy:hh:mm:ss zone] or JSON time): left out of the demand`);
  const { times, sizes } = demand.bad;
  if (times > 0) log.line(`${times} bad lines: a time unreadable, out of range or more than a day ahead; left out of the demand`);
  if (sizes > 0) log.line(`${sizes} bad lines: a response size past 1 TB; left out of the demand`);
  const peak = demand.peak(unit);
  if (!peak) {
    io.stderr.write('supersparrow: no request in the logs had a time, so there is no demand to plan for\n');
    return EXIT_FALLBACK;
  }
  const capacity = new Map(config.capacity.map((line) => [line.host, line.rate.perSecond]));
  const inForce = ctx.runtime.plan.entries.map((e) => ({ prefix: e.prefix, pop: e.pop }));
  // Clients a latency override sends elsewhere are there now: the plan starts from it.
  const overrides = ctx.runtime.answering.entries.filter((e) => e.latency === true);
  const input: PlanInput = {
    prefixes: startAtOverrides(peak.prefixes, overrides, out),
    capacity,
    out,
    highWatermark: config.highWatermark,
    lowWatermark: config.lowWatermark,
    previous: inForce,
  };
  const plan = planCapacity(input);
  const diff = planDiff(inForce, plan.moves, peak.prefixes);
  const report: PlanReport = {
    plan,
    peak,
    highWatermark: config.highWatermark,
    lowWatermark: config.lowWatermark,
    out: [...out],
    diff: config.planFile === undefined ? undefined : diff,
    explanation: explained === undefined ? undefined : explainPlan(explained, peak.prefixes, plan, out),
    losses: lossOfEachPop(input, plan),
  };
  io.stdout.write(planText(report, config.format, ctx.stdoutPaint));
  const status = failed > 0 || inputFaults > 0 || warnings(report).length > 0 ? EXIT_FALLBACK : EXIT_OK;
  if (failed > 0) log.line(`${failed} lines could not be answered: the demand is incomplete`);
  if (apply) {
    if (failed > 0 || inputFaults > 0) {
      log.line(`plan not applied: it rests on incomplete demand; ${config.planFile} is unchanged`);
      return EXIT_FALLBACK;
    }
    const share = plan.totalDemand > 0 ? diff.moved / plan.totalDemand : 0;
    if (how === 'capped' && share > config.maxMove + 1e-9) {
      log.line(
        `plan not applied: it sends ${formatRate(diff.moved, peak.unit)} somewhere new, ${(share * 100).toFixed(1)} % of the demand, over max_move ${(config.maxMove * 100).toFixed(0)} %; ${config.planFile} is unchanged (--force applies it)`,
      );
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
    if (config.auditFile !== undefined) {
      try {
        appendFileSync(
          config.auditFile,
          auditLine({
            time: new Date(),
            user: currentUser(),
            version: ctx.version,
            planFile: config.planFile,
            inputs: inputs.length === 0 ? [{ file: '-' }] : inputs.map((file) => ({ file, sha256: inputDigest(file) })),
            window: { startSeconds: peak.startSeconds, seconds: peak.windowSeconds },
            unit: peak.unit,
            highWatermark: config.highWatermark,
            lowWatermark: config.lowWatermark,
            maxMove: config.maxMove,
            forced: how === 'forced',
            by: 'plan',
            out: report.out,
            plan,
            diff,
          }),
          { mode: 0o640 },
        );
      } catch (e) {
        log.line(`plan applied but not audited: cannot append to ${config.auditFile}: ${errorMessage(e)}`);
        return EXIT_FALLBACK;
      }
    }
  }
  return status;
}

/** A prefix as given, or an address as the /24 or /48 around it: the finest block a plan moves. */
function prefixOrAddress(text: string): Prefix | undefined {
  const prefix = parsePrefix(text);
  if (prefix) return prefix;
  const address = parseClientAddress(text);
  return address ? prefixAround(address, FINEST_SPLIT[address.family]) : undefined;
}

/** How --plan ends: shown only, applied within max_move, or applied whatever it moves (--force). */
export type PlanApply = 'show' | 'capped' | 'forced';

/** A digest of an input as read: a log rotated or rewritten later is told apart from the one planned on. */
function inputDigest(file: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

/** `--plan [--apply [--force]] [--explain PREFIX] [LOGS…]`: made from where clients would go with no plan in force, on routes and drains. */
export const command: Command = {
  ...ONE_OFF,
  name: 'plan',
  answersFollow: 'drains',
  forPerson: () => true,
  tables: true,
  events: 'log-once-answered',
  run: (ctx, { args, action }) =>
    planMode(ctx, args, action.apply === true ? (action.force === true ? 'forced' : 'capped') : 'show', action.explain),
};
