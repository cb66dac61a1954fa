import { appendFileSync } from 'node:fs';
import { auditLine } from '../capacity/audit-record.js';
import { type CycleOutcome, type LineInForce, planCycle, type PlanLoopStatus } from '../capacity/plan-cycle.js';
import { formatPlanFile } from '../capacity/plan-file.js';
import { formatRate, type RateUnit } from '../capacity/rate.js';
import { SlidingDemand } from '../capacity/sliding-demand.js';
import { startAtOverrides } from '../capacity/latency-start.js';
import type { Prefix } from '../core/prefix.js';
import type { Config } from '../config/config.js';
import { rankPops } from '../core/pop-ranking.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { currentUser } from '../io/current-user.js';
import { errorMessage } from '../io/error-message.js';
import { requestFactsOf } from '../logs/log-fields.js';
import { LogFollower } from '../logs/log-follower.js';
import { type LineOutcome, LogRun } from '../logs/log-run.js';
import type { Resolver } from '../resolver/resolver.js';

/** The most a window's end trails the clock, waiting for lines written or read late. */
const MAX_READ_LAG_SECONDS = 5;

export interface PlanLoopLog {
  line(text: string): void;
  /** Rate-limited per `kind`; true when written. */
  warnLimited(kind: string, text: string): boolean;
}

export interface PlanLoopDeps {
  readonly resolver: Resolver;
  /** The configuration in force now: capacity, watermarks, max_move and plan_mode are read every turn. */
  readonly config: () => Config;
  /** POPs that cannot take clients now. */
  readonly out: () => ReadonlySet<string>;
  /** The plan file's lines in force now. */
  readonly inForce: () => readonly LineInForce[];
  /** The latency overrides in force now: where their clients are, the plan's start. */
  readonly overrides?: () => ReadonlyArray<{ readonly prefix: Prefix; readonly pop: string }>;
  readonly log: PlanLoopLog;
  readonly version: string;
  /** After each turn (planned or not): metrics are written then. */
  readonly onTurn?: () => void;
}

/**
 * The closed loop of `--serve`: `demand_log` files followed, each line answered as log mode answers
 * it and counted into a sliding window of `demand_window` seconds; every `plan_interval` a plan made
 * from that window with the plan in force as its start (the same hysteresis as --plan), and written
 * to `plan_file` when it changes something within `max_move` (in `plan_mode shadow`, only logged), with
 * its audit line. Every process that watches the plan file, this one's exports included, takes it from
 * there. No plan is made until the logs have been followed for a whole window, nor from a window in
 * which a line could not be answered or no request came: an empty window is not a quiet hour.
 */
export class PlanLoop {
  readonly #deps: PlanLoopDeps;
  readonly #demand: SlidingDemand;
  readonly #follower: LogFollower;
  readonly #run: LogRun;
  readonly #startedMs = Date.now();
  #timer: NodeJS.Timeout | undefined;
  #lastFailureMs = Number.NEGATIVE_INFINITY;
  #projected = new Map<string, number>();
  #last: CycleOutcome | undefined;
  #plannedAt: number | undefined;
  #stopped = false;
  readonly #turns = { applied: 0, shadow: 0, overMaxMove: 0, skipped: 0 };
  readonly #lines = { counted: 0, bad: 0, untimed: 0, failed: 0 };

  constructor(deps: PlanLoopDeps) {
    this.#deps = deps;
    const config = deps.config();
    this.#demand = new SlidingDemand(config.demandWindowSeconds);
    this.#run = new LogRun(
      deps.resolver,
      {
        selector: { field: config.field, trustedProxies: config.trustedProxies },
        maxInFlight: config.concurrency,
        retryForMs: config.retryForMs,
        onWaiting: (waiting, why) => deps.log.warnLimited('demand', `demand: ${waiting} lines wait for the route server: ${why}`),
        onGivingUp: (_ms, why) =>
          deps.log.warnLimited('demand', `demand: lines the route server cannot answer are left out, and no plan is made: ${why}`),
      },
      (line, outcome) => this.#count(line, outcome),
    );
    this.#follower = new LogFollower(config.demandLogs, {
      onLines: (lines) => this.#run.push(lines),
      onProblem: (file, message) => deps.log.warnLimited(`demand ${file}`, `demand_log ${file}: ${message}; waiting for it`),
      onNotice: (file, message) => deps.log.line(`demand_log ${file}: ${message}`),
    });
  }

  async start(): Promise<void> {
    const config = this.#deps.config();
    await this.#follower.start();
    this.#deps.log.line(
      `demand: following ${config.demandLogs.join(' ')}; a plan every ${config.planIntervalSeconds} s (${config.planMode}) from the last ${config.demandWindowSeconds} s, the first once that much has been read`,
    );
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#follower.stop();
  }

  status(): PlanLoopStatus {
    const config = this.#deps.config();
    const capacity = new Map(config.capacity.map((c) => [c.host, c.rate.perSecond]));
    const measured = this.#last?.measured ?? new Map<string, number>();
    const pops = [...capacity].map(([pop, cap]) => ({
      pop,
      capacity: cap,
      projected: (this.#projected.get(pop) ?? 0) / cap,
      measured: (measured.get(pop) ?? 0) / cap,
    }));
    return {
      mode: config.planMode,
      unit: unitOf(config),
      plannedAt: this.#plannedAt,
      demand: this.#last?.plan.totalDemand ?? 0,
      moved: this.#last?.plan.moves.reduce((s, m) => s + m.demand, 0) ?? 0,
      pops,
      divergence: this.#last ? Math.max(0, ...pops.map((p) => Math.abs(p.projected - p.measured))) : 0,
      turns: { ...this.#turns },
      lines: { ...this.#lines },
    };
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      try {
        this.#turn();
      } catch (e) {
        this.#deps.log.warnLimited('plan', `plan: this turn failed: ${errorMessage(e)}; the plan in force stays`);
      }
      try {
        this.#deps.onTurn?.();
      } finally {
        this.#schedule();
      }
    }, this.#deps.config().planIntervalSeconds * 1000);
    this.#timer.unref();
  }

  #count(line: string, outcome: LineOutcome): void {
    if (outcome.kind === 'failed') {
      this.#lines.failed++;
      this.#lastFailureMs = Date.now();
      return;
    }
    if (outcome.kind !== 'answer') return;
    const { decision } = outcome;
    const address = decision.address;
    if (!address) return;
    const config = this.#deps.config();
    const facts = requestFactsOf(line, unitOf(config) === 'bits');
    if (facts.fault) {
      this.#lines.bad++;
      return;
    }
    if (facts.time === undefined) {
      this.#lines.untimed++;
      return;
    }
    this.#lines.counted++;
    const route = decision.route;
    this.#demand.add(
      address,
      route?.prefix,
      route,
      () =>
        decision.ranking ??
        (route
          ? rankPops(route.asPath, route.otherPaths ?? [], config.pops, config.self)
          : [{ answer: config.self, asn: undefined, hops: 0 }]),
      facts.time,
      facts.bytes,
    );
  }

  #turn(): void {
    const config = this.#deps.config();
    const { log } = this.#deps;
    const span = config.demandWindowSeconds;
    const nowMs = Date.now();
    if (nowMs - this.#startedMs < span * 1000) return;
    const skip = (why: string): void => {
      this.#turns.skipped++;
      log.warnLimited('plan', `plan: none made: ${why}; the plan in force stays`);
    };
    if (nowMs - this.#lastFailureMs < span * 1000) {
      skip(`a line of the last ${span} s could not be answered`);
      return;
    }
    // The window ends before the newest second seen, which may not be all read yet (a server's log
    // buffer, the follower's poll, lines waiting for the route server), but no more than
    // MAX_READ_LAG_SECONDS behind the clock: a log that goes quiet is seen to.
    const now = Math.floor(nowMs / 1000);
    const end = Math.max(Math.min(now, this.#demand.newestSeconds), now - MAX_READ_LAG_SECONDS);
    const unit = unitOf(config);
    const demand = this.#demand.recent(end, unit);
    if (demand.requests === 0) {
      skip(`no request in the last ${span} s of ${config.demandLogs.join(' ')}`);
      return;
    }
    const out = this.#deps.out();
    const inForce = this.#deps.inForce();
    const outcome = planCycle({
      demand: { ...demand, prefixes: startAtOverrides(demand.prefixes, this.#deps.overrides?.() ?? [], out) },
      capacity: new Map(config.capacity.map((c) => [c.host, c.rate.perSecond])),
      out,
      highWatermark: config.highWatermark,
      lowWatermark: config.lowWatermark,
      maxMove: config.maxMove,
      inForce,
    });
    this.#last = outcome;
    this.#plannedAt = nowMs / 1000;
    const rate = (n: number): string => formatRate(n, unit);
    const what = `${outcome.diff.added.length} added (${rate(outcome.diff.moved)}), ${outcome.diff.returned.length} returned, ${outcome.diff.kept.length} kept`;
    if (this.#projected.size === 0 || config.planMode === 'shadow') this.#projected = new Map(outcome.projected);
    if (outcome.action === 'unchanged') return;
    if (outcome.action === 'over-max-move') {
      this.#turns.overMaxMove++;
      log.warnLimited(
        'plan',
        `plan not applied: it sends ${rate(outcome.diff.moved)} somewhere new, ${(outcome.movedShare * 100).toFixed(1)} % of the demand, over max_move ${(config.maxMove * 100).toFixed(0)} %`,
      );
      return;
    }
    const capped =
      outcome.action === 'capped'
        ? `; capped by max_move ${(config.maxMove * 100).toFixed(0)} %: ${outcome.moves.length} of ${outcome.plan.moves.length} lines now, the rest on later turns`
        : '';
    if (config.planMode === 'shadow') {
      this.#turns.shadow++;
      log.line(`plan (shadow, not applied): ${what}${capped}`);
      return;
    }
    const header = [
      `supersparrow plan, made ${new Date(nowMs).toISOString()} by ${this.#deps.version} in --serve`,
      `from ${config.demandLogs.join(' ')}: the ${span} s to ${new Date(end * 1000).toISOString()}`,
      `high watermark ${config.highWatermark * 100} %, low ${config.lowWatermark * 100} %; out: ${[...out].join(' ') || 'none'}`,
      'PREFIX POP: clients inside PREFIX are sent to POP while it can take them',
    ];
    try {
      writeFileAtomic(config.planFile!, formatPlanFile({ moves: outcome.moves }, header));
    } catch (e) {
      log.warnLimited('plan', `plan not applied: cannot write ${config.planFile}: ${errorMessage(e)}`);
      return;
    }
    this.#turns.applied++;
    this.#projected = new Map(outcome.projected);
    log.line(`plan applied: ${what}${capped}; ${outcome.moves.length} lines in ${config.planFile}`);
    if (config.auditFile === undefined) return;
    try {
      appendFileSync(
        config.auditFile,
        auditLine({
          time: new Date(nowMs),
          user: currentUser(),
          version: this.#deps.version,
          planFile: config.planFile,
          inputs: config.demandLogs.map((file) => ({ file })),
          window: { startSeconds: demand.startSeconds, seconds: span },
          unit,
          highWatermark: config.highWatermark,
          lowWatermark: config.lowWatermark,
          maxMove: config.maxMove,
          forced: false,
          by: 'serve',
          out: [...out],
          plan: {
            ...outcome.plan,
            moves: outcome.moves,
            pops: outcome.plan.pops.map((p) => ({ ...p, after: outcome.projected.get(p.pop) ?? 0 })),
          },
          diff: outcome.diff,
        }),
        { mode: 0o640 },
      );
    } catch (e) {
      log.warnLimited('audit', `plan applied but not audited: cannot append to ${config.auditFile}: ${errorMessage(e)}`);
    }
  }
}

function unitOf(config: Config): RateUnit {
  return config.capacity[0]?.rate.unit ?? 'requests';
}
