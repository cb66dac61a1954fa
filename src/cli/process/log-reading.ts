import type { DemandCounter } from '../../capacity/demand.js';
import { rankPops } from '../../core/pop-ranking.js';
import { LogInputError, type LogSource, linesOf } from '../../logs/log-input.js';
import { requestFactsOf } from '../../logs/log-fields.js';
import { LogRun, type LineOutcome } from '../../logs/log-run.js';
import { lastErrorOf } from '../../route-servers/route-server.js';
import { takeOneLook } from '../../runtime/first-look.js';
import type { CliContext } from '../context.js';
import { Progress } from '../views/progress.js';
import { duration } from '../views/duration.js';
import { FAILED_MARK } from '../views/log-marks.js';

/** How long a run that answers every line gives a route server that has just been started to answer at all. */
const FIRST_ANSWER_MS = 5000;

/**
 * Takes the first look at the POPs and the route server (sessions, health, drains, a first answer).
 * When lines are to be answered and the route server does not answer, says so in one line, closes it
 * and gives false: such a run ends at once, not a line a second forever.
 */
export async function routeServerAnswers(ctx: CliContext, option: string, outcome: string, linesToAnswer = true): Promise<boolean> {
  await takeOneLook(ctx.runtime, Math.max(ctx.config.timeoutMs, FIRST_ANSWER_MS));
  if (!linesToAnswer || ctx.routeServer.available) return true;
  const why = lastErrorOf(ctx.routeServer)?.message;
  ctx.io.stderr.write(
    `supersparrow: ${option} needs the route server's answer for every line, and ${ctx.routeServer.description} does not answer${why ? ` (${why})` : ''}; ${outcome}\n`,
  );
  await ctx.routeServer.close();
  return false;
}

/**
 * Reads log sources in order and gives every line its exact answer (LogRun), each to `emit` in input
 * order with the index of the source it came from; stops early when `writable` says the output can take no more. Counts failed lines and
 * damaged inputs; closes the route server at the end.
 */
export async function answerLogLines(
  ctx: CliContext,
  sources: readonly LogSource[],
  emit: (line: string, outcome: LineOutcome, source: number) => void,
  writable: () => Promise<boolean> = async () => true,
  finished: () => Promise<unknown> = async () => undefined,
): Promise<{ failed: number; inputFaults: number }> {
  const { io, config, resolver, routeServer, log } = ctx;
  routeServer.start();
  const stats = (): void => log.line(`stats: ${resolver.stats.summary()}`);
  io.onSignal('SIGUSR2', stats);
  const totalBytes = sources.every((s) => s.size !== undefined) ? sources.reduce((n, s) => n + s.size!, 0) : undefined;
  const progress = io.stderr.isTTY === true ? new Progress(io.stderr, totalBytes) : undefined;
  let failed = 0;
  let inputFaults = 0;
  // Each source's first line, counted over all lines pushed: answers come out in input order, after.
  const starts: number[] = [];
  let pushed = 0;
  let emitted = 0;
  let current = 0;
  const run = new LogRun(
    resolver,
    {
      selector: { field: config.field, trustedProxies: config.trustedProxies },
      maxInFlight: config.concurrency,
      retryForMs: config.retryForMs,
      onWaiting: (waiting, why) => log.line(`waiting for the route server (${waiting} lookups): ${why}`),
      onAnsweringAgain: (ms) => log.line(`the route server answers again after ${duration(ms)}: lines get their real answers`),
      onGivingUp: (ms, why) =>
        log.line(
          `the route server has not answered for ${ms / 1000} s (retry_for): lines that need it are marked ${FAILED_MARK} at once until it answers again; last error: ${why}`,
        ),
    },
    (line, outcome) => {
      if (outcome.kind === 'failed') failed++;
      while (current + 1 < starts.length && starts[current + 1]! <= emitted) current++;
      emitted++;
      emit(line, outcome, current);
    },
  );
  try {
    reading: for (const source of sources) {
      starts.push(pushed);
      try {
        for await (const lines of linesOf(source, (n) => progress?.bytes(n))) {
          progress?.lines(lines.length);
          pushed += lines.length;
          await run.push(lines);
          if (!(await writable())) break reading;
        }
      } catch (e) {
        if (!(e instanceof LogInputError)) throw e;
        inputFaults++;
        log.line(e.message);
      }
    }
    await run.finish();
    await finished();
  } finally {
    io.offSignal('SIGUSR2', stats);
    progress?.stop();
    await routeServer.close();
  }
  return { failed, inputFaults };
}

/** A summary written by `--summary --format json` on another host: merged, not read as a log. */
export const isSummaryFile = (name: string): boolean => name.endsWith('.json');

/** Adds an answered line's request to a demand tally: its deciding prefix, ranking, time and (`withBytes`) size. */
export function countDemand(ctx: CliContext, demand: DemandCounter, line: string, outcome: LineOutcome, withBytes = true): void {
  if (outcome.kind !== 'answer' || !outcome.decision.address) return;
  const { decision } = outcome;
  const facts = requestFactsOf(line, withBytes);
  if (facts.fault) {
    demand.addBad(facts.fault);
    return;
  }
  const route = decision.route;
  const { pops, self } = ctx.config;
  demand.add(
    decision.address!,
    route?.prefix,
    () =>
      decision.ranking ??
      (route ? rankPops(route.asPath, route.otherPaths ?? [], pops, self) : [{ answer: self, asn: undefined, hops: 0 }]),
    facts.time,
    facts.bytes,
  );
}
