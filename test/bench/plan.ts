import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { planCapacity, type PrefixDemand } from '../../src/capacity/planner.js';
import { pairedCpu } from './cpu.js';
import type { RankedPop } from '../../src/core/pop-ranking.js';
import type { Prefix } from '../../src/core/prefix.js';
import {
  blockInstance,
  closedLoopTrace,
  diurnalTrace,
  exactOptimum,
  MAX_LEAF,
  optimum,
  random,
  randomInstance,
  replanned,
} from '../helpers/capacity-instances.js';
import { PlannedPrefixes, type PlanEntry } from '../../src/core/planned-prefixes.js';
import { Resolver } from '../../src/resolver/resolver.js';
import { TableRouteServer } from '../../src/route-servers/table-route-server.js';
import { CLI, ROOT, fmt, median } from './figures.js';

const EXAMPLE = resolve(ROOT, 'examples/capacity');
/** `BENCH_PLAN_LINES` shortens the log run on a small machine; the goal is stated for 10M. */
const LOG_LINES = Number(process.env.BENCH_PLAN_LINES ?? 10_000_000);

/** 1M /24 prefixes over 10 POPs, each reaching 2 to 4 of them, demand skewed so that three POPs are over. */
function millionPrefixes(): { prefixes: PrefixDemand[]; capacity: Map<string, number> } {
  const next = random(1234);
  const pops = Array.from({ length: 10 }, (_, i) => `pop${i}.example.net`);
  const rankings: RankedPop[][] = Array.from({ length: 256 }, () => {
    const order = [...pops].sort(() => next() - 0.5);
    let hops = 1;
    return order.slice(0, 2 + Math.floor(next() * 3)).map((answer, k) => {
      if (k > 0) hops += 1 + Math.floor(next() * 2);
      return { answer, asn: 64600 + pops.indexOf(answer), hops };
    });
  });
  const prefixes: PrefixDemand[] = [];
  const load = new Map<string, number>();
  for (let i = 0; i < 1_000_000; i++) {
    const prefix: Prefix = { family: 4, network: ((1 << 24) + i * 256) >>> 0, length: 24 };
    const demand = 1 + Math.floor(next() * 10);
    const ranking = rankings[i % rankings.length]!;
    prefixes.push({ prefix, ranking, demand, leaves: [] });
    load.set(ranking[0]!.answer, (load.get(ranking[0]!.answer) ?? 0) + demand);
  }
  const capacity = new Map([...load].map(([pop, l], k) => [pop, k < 3 ? l * 0.8 : l * 1.6]));
  return { prefixes, capacity };
}

/** A combined log over the capacity example's networks, an hour long, written in chunks. */
function writeLog(file: string, lines: number): void {
  const fd = openSync(file, 'w');
  const nets = ['192.168.200', '192.168.201', '192.168.202', '192.168.203', '192.168.198', '192.168.192'];
  const start = Date.parse('2026-12-01T18:00:00Z');
  try {
    let chunk = '';
    for (let i = 0; i < lines; i++) {
      const t = new Date(start + Math.floor((i / lines) * 3_600_000));
      const stamp = `${String(t.getUTCDate()).padStart(2, '0')}/Dec/2026:${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}:${String(t.getUTCSeconds()).padStart(2, '0')} +0000`;
      chunk += `${nets[i % nets.length]}.${1 + (i % 250)} - - [${stamp}] "GET /p/${i % 977} HTTP/1.1" 200 ${i % 5000} "-" "bench"\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

function runToEnd(args: string[], input?: string): Promise<number> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const fd = input === undefined ? 'ignore' : openSync(input, 'r');
    const child = spawn(process.execPath, [CLI, ...args], { stdio: [fd, 'ignore', 'pipe'], env: {} });
    if (typeof fd === 'number') closeSync(fd);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolveRun(performance.now() - started) : reject(new Error(`exit ${code}: ${stderr.slice(-300)}`)),
    );
  });
}

/** Cached answers per second through the resolver itself, keys inside the prefix a 1,001-line plan cuts, with the plan and without. */
async function answersWithPlan(): Promise<{ withPlan: number; without: number }> {
  const table = TableRouteServer.fromFile(join(EXAMPLE, 'paper-network.table'), new Set([64702]));
  await table.start();
  const lines: PlanEntry[] = Array.from({ length: 1000 }, (_, i) => ({
    prefix: { family: 4, network: ((10 << 24) + i * 256) >>> 0, length: 24 } as Prefix,
    pop: 'www.x.example.net',
    untilMs: undefined,
    line: i + 1,
  }));
  lines.push({
    prefix: { family: 4, network: ((192 << 24) + (168 << 16) + (201 << 8)) >>> 0, length: 24 },
    pop: 'www.x.example.net',
    untilMs: undefined,
    line: 1001,
  });
  const keys = Array.from({ length: 1000 }, (_, i) => `192.168.${200 + (i % 4)}.${1 + (i % 250)}`);
  const rate = async (plan: boolean): Promise<number> => {
    const resolver = new Resolver(table, {
      pops: new Map([[64702, 'www.y.example.net']]),
      self: 'www.x.example.net',
      invalidKeyAnswer: 'NULL',
      cacheSize: 65_536,
      cacheTimeoutMs: 300_000,
    });
    if (plan) resolver.setPlan(new PlannedPrefixes(lines));
    for (const k of keys) await resolver.resolve(k);
    await resolver.settled();
    const rounds = 1000;
    const started = performance.now();
    for (let r = 0; r < rounds; r++) for (const k of keys) resolver.decide(k);
    return (rounds * keys.length) / ((performance.now() - started) / 1000);
  };
  const withPlan: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < 5; i++) {
    without.push(await rate(false));
    withPlan.push(await rate(true));
  }
  table.close();
  return { withPlan: median(withPlan), without: median(without) };
}

/** Small instances whose /24s move whole, each planned, checked against the exact optimum, and planned again with its plan in force. */
function indivisibleBlocks(): { instances: number; solvable: number; worst: number; unplaced: number; changed: number; msPerPlan: number } {
  const next = random(20261204);
  const instances = 1000;
  let solvable = 0;
  let worst = 1;
  let unplaced = 0;
  let changed = 0;
  let planning = 0;
  const movesOf = (moves: readonly { prefix: Prefix; to: string }[]): Set<string> =>
    new Set(moves.map((m) => `${m.prefix.network}/${m.prefix.length} ${m.to}`));
  for (let n = 0; n < instances; n++) {
    const instance = blockInstance(next);
    const started = performance.now();
    const plan = planCapacity({ prefixes: instance.prefixes, capacity: instance.capacity });
    planning += performance.now() - started;
    const best = exactOptimum(instance, (pop) => instance.capacity.get(pop)! * plan.watermark);
    if (best === undefined) continue;
    solvable++;
    if (plan.unplaced > 0) unplaced++;
    else if (best > 0) worst = Math.max(worst, plan.cost / best);
    const again = replanned(instance, plan);
    const before = movesOf(plan.moves);
    const after = movesOf(again.moves);
    for (const m of after) if (!before.has(m)) changed++;
    for (const m of before) if (!after.has(m)) changed++;
  }
  return { instances, solvable, worst, unplaced, changed, msPerPlan: planning / instances };
}

/**
 * Seconds from the first overloaded second written to a followed log to the running --serve taking
 * the plan it made (its log says the plan file was read): the capacity example's table, POP Y at
 * 1,000 requests a second, its four /24s at 600/s, then 1,400/s.
 */
async function loopReaction(): Promise<number[]> {
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const dir = mkdtempSync(join(tmpdir(), 'ss-bench-loop-'));
    const log = join(dir, 'live.log');
    writeFileSync(log, '');
    writeFileSync(
      join(dir, 'supersparrow.conf'),
      [
        'route_server table',
        `table ${join(EXAMPLE, 'paper-network.table')}`,
        'peer 64702=www.y.example.net',
        'self www.x.example.net',
        'capacity www.y.example.net 1000/s',
        'capacity www.x.example.net 100000/s',
        `plan_file ${join(dir, 'plan')}`,
        `demand_log ${log}`,
        'demand_window 10',
        'plan_interval 10',
        '',
      ].join('\n'),
    );
    const child = spawn(process.execPath, [CLI, '-c', join(dir, 'supersparrow.conf'), '--serve'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    let perSecond = 600;
    let onset = 0;
    let tick = 0;
    const writer = setInterval(() => {
      const d = new Date();
      const two = (n: number): string => String(n).padStart(2, '0');
      const stamp = `${two(d.getUTCDate())}/${d.toUTCString().slice(8, 11)}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
      let text = '';
      for (let i = 0; i < perSecond / 10; i++)
        text += `192.168.${200 + (i % 4)}.${1 + ((tick + i) % 250)} - - [${stamp}] "GET / HTTP/1.1" 200 512 "-" "bench"\n`;
      tick++;
      writeFileSync(log, text, { flag: 'a' });
    }, 100);
    try {
      const deadline = Date.now() + 120_000;
      // A whole window read, a first turn made on it: then the overload starts, at a random point of the interval.
      while (!/supersparrow_plan|plan: none made|demand: following/.test(stderr) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 12_000 + Math.random() * 10_000));
      perSecond = 1400;
      onset = Date.now();
      while (!/plan file \S+: \d+ prefix(es)? planned/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (!/planned/.test(stderr)) throw new Error(`no plan taken: ${stderr.slice(-400)}`);
      runs.push((Date.now() - onset) / 1000);
    } finally {
      clearInterval(writer);
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return runs;
}

export async function planBench(): Promise<void> {
  const { prefixes, capacity } = millionPrefixes();
  const timings: number[] = [];
  const passes: number[] = [];
  let moves = 0;
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    const plan = planCapacity({ prefixes, capacity });
    timings.push(performance.now() - t);
    moves = plan.moves.length;
    if (plan.unplaced > 0) throw new Error(`the bench instance left ${plan.unplaced} unplaced`);
    // The baseline: one pass that sums each prefix's demand onto its nearest POP.
    t = performance.now();
    const load = new Map<string, number>();
    for (const p of prefixes) load.set(p.ranking[0]!.answer, (load.get(p.ranking[0]!.answer) ?? 0) + p.demand);
    passes.push(performance.now() - t);
  }
  console.log('capacity plan (npm run bench -- plan):');
  console.log(
    `  1M prefixes × 10 POPs from a demand summary: ${fmt(median(timings) / 1000, 3)} s (goal ≤ 1 s), ${moves} moves; one pass summing demand per POP ${fmt(median(passes), 0)} ms: ratio ${fmt(median(timings) / median(passes), 1)}`,
  );

  const next = random(20261202);
  let feasible = 0;
  let worst = 1;
  let over = 0;
  let planCost = 0;
  let optimumCost = 0;
  for (let n = 0; n < 1000; n++) {
    const instance = randomInstance(next);
    const plan = planCapacity({ prefixes: instance.prefixes, capacity: instance.capacity });
    if (!optimum(instance, MAX_LEAF).feasible) continue;
    feasible++;
    const exact = optimum(instance, 0);
    for (const pop of plan.pops) if (pop.after > instance.capacity.get(pop.pop)! * 0.9 + 1e-6) over++;
    planCost += plan.cost;
    optimumCost += exact.cost;
    if (exact.cost > 0) worst = Math.max(worst, plan.cost / exact.cost);
  }
  console.log(
    `  1,000 random instances (${feasible} that fit): ${over} POPs over the high watermark (goal 0); extra hops × demand ${fmt(planCost / optimumCost, 4)}× the exact min-cost flow overall (goal ≤ 1.05), worst instance ${fmt(worst, 3)}× (one /24's rounding on a small cost)`,
  );
  const blocks = indivisibleBlocks();
  console.log(
    `  ${blocks.instances} random instances of indivisible /24s (${blocks.solvable} that fit), against an exhaustive search: worst cost ${fmt(blocks.worst, 4)}× the optimum (goal ≤ 1.01), ${blocks.unplaced} left demand unplaced that fits (goal 0); planned again with its own plan in force: ${blocks.changed} moves changed (goal 0); ${fmt(blocks.msPerPlan, 2)} ms a plan`,
  );
  const trace = diurnalTrace();
  console.log(
    `  diurnal trace, replanned every 5 min for 3 days (${trace.plans} plans, ${trace.moves} moves): a /24 changes POP at most ${trace.mostChanges} times a day (goal ≤ 2), the quickest return ${trace.quickestReturnMinutes === Number.POSITIVE_INFINITY ? 'never' : `${trace.quickestReturnMinutes} min`} (goal ≥ 60); highest load ${fmt(trace.worstLoad * 100, 1)} %`,
  );

  const day = closedLoopTrace({ intervalSeconds: 10, windowSeconds: 30, hours: 24, lossHour: 99 });
  console.log(
    `  the --serve loop over a simulated day (plan_interval 10, demand_window 30, ${day.turns} turns, ${day.applied} applied, counts with their noise): a /24 changes POP at most ${day.mostChangesPerHour} time(s) in an hour (goal ≤ 1); the longest a POP stayed over its high watermark after a turn: ${day.longestOverTurns} turn(s) (goal ≤ 1)`,
  );
  const loss = closedLoopTrace({ intervalSeconds: 10, windowSeconds: 30, hours: 16, lossHour: 14 });
  console.log(
    `  the largest POP (${loss.loss.pop}) lost at hour 14 for an hour, the others ${loss.loss.othersHaveRoom ? 'with' : 'without'} room at 95 %: the busiest of them at ${fmt(loss.loss.worstUse * 100, 1)} % from the second turn on (goal ≤ 95 %)`,
  );
  const reaction = await loopReaction();
  console.log(
    `  --serve from an overload's onset in a followed log to the new plan in force (plan_interval 10, demand_window 10, 1,400 lines/s), ${reaction.length} runs: median ${fmt(median(reaction), 1)} s, worst ${fmt(Math.max(...reaction), 1)} s (goal ≤ 15 s; Edge Fabric's cycle: 30 s)`,
  );

  const answers = await answersWithPlan();
  console.log(
    `  cached answers inside the prefix a 1,001-line plan cuts, in the resolver: ${fmt(answers.withPlan / 1e6)} M/s with the plan, ${fmt(answers.without / 1e6)} M/s without: ratio ${fmt(answers.without / answers.withPlan, 3)} (goal ≤ 1.05)`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'ss-bench-plan-'));
  try {
    const log = join(dir, 'access.log');
    writeLog(log, LOG_LINES);
    const config = join(dir, 'supersparrow.conf');
    const table = join(EXAMPLE, 'paper-network.table');
    const lines = readFileSync(join(EXAMPLE, 'supersparrow.conf'), 'utf8')
      .split('\n')
      .filter((l) => !/^(table|plan_file|capacity) /.test(l));
    // The log spreads its lines over an hour, four of its six networks behind POP Y: Y gets 80 % of what it needs.
    const perSecond = LOG_LINES / 3600;
    const capacity = [
      `capacity www.y.example.net ${Math.round(perSecond * (4 / 6) * 0.8)}/s`,
      `capacity www.x.example.net ${Math.round(perSecond * 10)}/s`,
    ];
    writeFileSync(config, [...lines, ...capacity, `table ${table}`, `plan_file ${join(dir, 'plan')}`, ''].join('\n'));
    const bare = join(dir, 'bare.conf');
    writeFileSync(bare, [...lines.filter((l) => !l.startsWith('capacity ')), `table ${table}`, ''].join('\n'));
    const plan = await runToEnd(['-c', config, '--plan', log]);
    const summary = await runToEnd(['-c', bare, '--summary', log]);
    console.log(
      `  --plan from a ${fmt(LOG_LINES / 1e6, 0)}M-line log: ${fmt(LOG_LINES / (plan / 1000) / 1e6)} M lines/s (goal ≥ 1), --summary ${fmt(LOG_LINES / (summary / 1000) / 1e6)} M lines/s: ratio ${fmt(summary / plan)}`,
    );

    // Every key inside the /22 the plan cuts: the most a plan can cost an answer (a longer cached prefix to probe).
    const keys = Array.from({ length: 1_000_000 }, (_, i) => `192.168.${200 + (i % 4)}.${1 + (i % 250)}`).join('\n');
    const input = join(dir, 'keys');
    writeFileSync(input, `${keys}\n`);
    const planLines = Array.from({ length: 1000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24 www.x.example.net`);
    writeFileSync(join(dir, 'plan'), `${[...planLines, '192.168.201.0/24 www.x.example.net'].join('\n')}\n`);
    const mixed = join(dir, 'mixed-keys');
    // Keys over the whole table: the plan cuts one of its five prefixes.
    const nets = [
      '192.168.192',
      '192.168.198',
      '192.168.199',
      '192.168.200',
      '192.168.201',
      '192.168.202',
      '192.168.203',
      '198.51.100',
      '198.18.0',
      '203.0.113',
    ];
    writeFileSync(mixed, `${Array.from({ length: 1_000_000 }, (_, i) => `${nets[i % nets.length]}.${1 + (i % 250)}`).join('\n')}\n`);
    for (const [label, file] of [
      ['1M keys all inside the prefix the plan cuts', input],
      ['1M keys over the whole table', mixed],
    ] as const) {
      const cost = await pairedCpu(['-c', config, '--batch'], ['-c', bare, '--batch'], file, 10);
      console.log(
        `  batch, ${label}, a 1,001-line plan in force against none: ${fmt(cost.a, 3)} s against ${fmt(cost.b, 3)} s of CPU, medians of 10, process start included: ratio ${fmt(cost.ratio, 3)}, the median of 10 back-to-back pairs on one CPU each (goal ≤ 1.05)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
