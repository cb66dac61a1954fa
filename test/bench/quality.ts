import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseClientAddress } from '../../src/core/address.js';
import { draw } from '../../src/resolver/exploration.js';
import { pairedCpu } from './cpu.js';
import { CLI, fmt } from './figures.js';

const POPS = ['www.y.example.net', 'www.z.example.net', 'www.x.example.net'] as const;
const ASN: Record<string, number> = { 'www.y.example.net': 64702, 'www.z.example.net': 64701 };
const PREFIXES = 300;
const BLOCKS = 64; // /24s in each deciding /18
const PER_BLOCK_DAY = 30;
/** A /24's requests in a day come from this many clients, each's together (a page and what it loads): web logs repeat clients. */
const CLIENTS_PER_BLOCK_DAY = 6;
const DAYS = 2;
/** Days of logs read for the reading speed: about 10M lines, the size --plan's speed is judged at. */
const BIG_DAYS = 18;
/** The simulation explores this share, to gather in two days what 0.5 % gathers in a few weeks. */
const SIM_EXPLORE = 0.05;
const MARGIN_MS = 20;
/** Runs of each side of the exploration cost: its runs differ by a tenth, the cost sought is a fiftieth. */
const PAIRS = 16;
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 11, 1);

interface SimPrefix {
  readonly index: number;
  readonly network: string;
  /** Ranking: BGP's POP, then the next, then self. */
  readonly ranking: readonly string[];
  readonly rttMs: Readonly<Record<string, number>>;
  /** BGP's POP is at least MARGIN_MS slower than the fastest. */
  readonly slow: boolean;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 300 deciding /18s; for a known 20 % of them BGP's POP is 25 to 60 ms slower than the next one of its ranking. */
function deployment(next: () => number): SimPrefix[] {
  return Array.from({ length: PREFIXES }, (_, index) => {
    const network = `10.${index >> 2}.${(index & 3) << 6}.0`;
    const bgp = next() < 0.5 ? POPS[0] : POPS[1];
    const other = bgp === POPS[0] ? POPS[1] : POPS[0];
    const slow = index % 5 === 0;
    const best = 10 + next() * 50;
    const rttMs = slow
      ? { [other]: best, [bgp]: best + 25 + next() * 35, [POPS[2]]: best + 30 + next() * 40 }
      : { [bgp]: best, [other]: best + next() * 40, [POPS[2]]: best + 10 + next() * 40 };
    return { index, network, ranking: [bgp, other, POPS[2]], rttMs, slow };
  });
}

/** The route table BGP gives: the path crosses the next POP's AS, then BGP's (nearest the origin). */
function routeTable(prefixes: readonly SimPrefix[]): string {
  return `${prefixes.map((p) => `${p.network}/18 ${ASN[p.ranking[1]!]} ${ASN[p.ranking[0]!]} ${65000 + p.index}`).join('\n')}\n`;
}

/** Which POP serves a client on `day`: an override's, else BGP's; an explored client's /24 the next of the ranking. */
function servingPop(prefix: SimPrefix, client: string, day: number, overrides: ReadonlyMap<string, string>, share: number): string {
  const chosen = overrides.get(`${prefix.network}/18`) ?? prefix.ranking[0]!;
  if (draw(parseClientAddress(client)!, day) >= share) return chosen;
  return prefix.ranking.find((pop) => pop !== chosen)!;
}

/** Days of each POP's nginx log (combined, $tcpinfo_rtt as field 11), one file per POP; the share served ≥ MARGIN_MS slower. */
function writeLogs(
  files: Readonly<Record<string, string>>,
  prefixes: readonly SimPrefix[],
  firstDay: number,
  overrides: ReadonlyMap<string, string>,
  next: () => number,
  clientsPerBlock = CLIENTS_PER_BLOCK_DAY,
  days = DAYS,
): { lines: number; slowShare: number } {
  const fds = Object.fromEntries(POPS.map((pop) => [pop, openSync(files[pop]!, 'w')]));
  const chunks: Record<string, string> = Object.fromEntries(POPS.map((pop) => [pop, '']));
  const flush = (): void => {
    for (const pop of POPS) {
      writeSync(fds[pop]!, chunks[pop]!);
      chunks[pop] = '';
    }
  };
  let lines = 0;
  let slow = 0;
  try {
    for (let d = 0; d < days; d++) {
      const day = Math.floor((firstDay + d * DAY_MS) / DAY_MS);
      const date = new Date(firstDay + d * DAY_MS);
      const stamp = `[${String(date.getUTCDate()).padStart(2, '0')}/Dec/2026:12:00:00 +0000]`;
      for (const prefix of prefixes) {
        const fastest = Math.min(...Object.values(prefix.rttMs));
        const [a, b, c] = prefix.network.split('.').map(Number) as [number, number, number];
        for (let block = 0; block < BLOCKS; block++) {
          // Every client of a /24 is explored alike: the block decides the POP.
          const pop = servingPop(prefix, `${a}.${b}.${c + block}.1`, day, overrides, SIM_EXPLORE);
          if (prefix.rttMs[pop]! >= fastest + MARGIN_MS) slow += PER_BLOCK_DAY;
          let client = '';
          for (let r = 0; r < PER_BLOCK_DAY; r++) {
            if (r % (PER_BLOCK_DAY / clientsPerBlock) === 0) client = `${a}.${b}.${c + block}.${1 + Math.floor(next() * 254)}`;
            const spike = next() < 0.05 ? 2 : 1;
            const us = Math.round(prefix.rttMs[pop]! * (0.9 + 0.2 * next()) * spike * 1000);
            chunks[pop] += `${client} - - ${stamp} "GET / HTTP/1.1" 200 512 "-" "curl/8" ${us}\n`;
          }
          lines += PER_BLOCK_DAY;
        }
        if (chunks[prefix.ranking[0]!]!.length > 1 << 20) flush();
      }
      flush();
    }
  } finally {
    for (const pop of POPS) closeSync(fds[pop]!);
  }
  return { lines, slowShare: slow / lines };
}

function run(args: readonly string[]): Promise<{ stdout: string; stderr: string; ms: number }> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: {} });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolveRun({ stdout, stderr, ms: performance.now() - started })
        : reject(new Error(`exit ${code}: ${stderr.slice(-300)}`)),
    );
  });
}

/** The median wall time of three runs: one run of a second or two wanders by a tenth. */
async function medianMs(runOnce: () => Promise<{ ms: number }>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < 3; i++) ms.push((await runOnce()).ms);
  return ms.sort((a, b) => a - b)[1]!;
}

function overridesIn(file: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(\S+) (\S+)/.exec(line.replace(/#.*/, ''));
    if (m) map.set(m[1]!, m[2]!);
  }
  return map;
}

export async function qualityBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ss-quality-bench-'));
  try {
    const next = random(20261205);
    const prefixes = deployment(next);
    writeFileSync(join(dir, 'routes.table'), routeTable(prefixes));
    const latency = join(dir, 'latency');
    const config = join(dir, 'supersparrow.conf');
    const common = [
      'route_server table',
      'table routes.table',
      `self ${POPS[2]}`,
      `peer 64702=${POPS[0]},64701=${POPS[1]}`,
      'rtt_field 11 us',
    ];
    writeFileSync(config, `${[...common, `latency_file ${latency}`].join('\n')}\n`);
    const logs = Object.fromEntries(POPS.map((pop) => [pop, join(dir, `${pop}-access.log`)]));
    const logArgs = [...POPS.flatMap((pop) => ['--served-by', pop]), ...POPS.map((pop) => logs[pop]!)];

    const before = writeLogs(logs, prefixes, FIRST_DAY, new Map(), next);
    const measuredMs = await medianMs(() => run(['-c', config, '--quality', '--format', 'json', ...logArgs]));
    const summaryMs = await medianMs(() => run(['-c', config, '--summary', ...POPS.map((pop) => logs[pop]!)]));
    const first = await run(['-c', config, '--quality', '--apply', '--format', 'json', ...logArgs]);
    const report = JSON.parse(first.stdout) as { prefixes: Array<{ prefix: string; flagged: boolean; requests: number }> };
    const flagged = new Set(report.prefixes.filter((p) => p.flagged).map((p) => p.prefix));
    const demand = (p: SimPrefix): number => report.prefixes.find((r) => r.prefix === `${p.network}/18`)?.requests ?? 0;
    const sum = (list: readonly SimPrefix[]): number => list.reduce((n, p) => n + demand(p), 0);
    const slowPrefixes = prefixes.filter((p) => p.slow);
    const fastPrefixes = prefixes.filter((p) => !p.slow);
    const found = sum(slowPrefixes.filter((p) => flagged.has(`${p.network}/18`))) / sum(slowPrefixes);
    const falsely = sum(fastPrefixes.filter((p) => flagged.has(`${p.network}/18`))) / sum(fastPrefixes);
    const overrides = overridesIn(latency);

    // The same requests, every one from a client seen nowhere else: the memo of outcomes finds nothing.
    const distinctLogs = Object.fromEntries(POPS.map((pop) => [pop, join(dir, `${pop}-distinct.log`)]));
    const distinct = writeLogs(distinctLogs, prefixes, FIRST_DAY, new Map(), random(7), PER_BLOCK_DAY);
    const distinctArgs = [...POPS.flatMap((pop) => ['--served-by', pop]), ...POPS.map((pop) => distinctLogs[pop]!)];
    const distinctMs = await medianMs(() => run(['-c', config, '--quality', '--format', 'json', ...distinctArgs]));
    for (const file of Object.values(distinctLogs)) rmSync(file);

    // Reading speed at the size of a busy POP's logs, as --plan's is judged: process start is a fiftieth of it.
    const bigLogs = Object.fromEntries(POPS.map((pop) => [pop, join(dir, `${pop}-big.log`)]));
    const big = writeLogs(bigLogs, prefixes, FIRST_DAY, new Map(), random(11), CLIENTS_PER_BLOCK_DAY, BIG_DAYS);
    const bigArgs = [...POPS.flatMap((pop) => ['--served-by', pop]), ...POPS.map((pop) => bigLogs[pop]!)];
    const bigMs = await medianMs(() => run(['-c', config, '--quality', '--format', 'json', ...bigArgs]));
    for (const file of Object.values(bigLogs)) rmSync(file);

    const after = writeLogs(logs, prefixes, FIRST_DAY + DAYS * DAY_MS, overrides, next);
    const second = await run(['-c', config, '--quality', '--apply', ...logArgs]);
    const withdrawn = (second.stderr.match(/latency override withdrawn/g) ?? []).length;

    console.log(
      `quality (npm run bench -- quality): ${PREFIXES} deciding prefixes, 3 POPs, BGP's POP 25-60 ms slower for a known 20 %, ${DAYS} days of logs a round (${SIM_EXPLORE * 100} % explored):`,
    );
    console.log(
      `  --quality found ${fmt(found * 100, 1)} % of the slow demand (goal ≥ 95 %), flagged ${fmt(falsely * 100, 1)} % of the rest (goal ≤ 1 %); reads ${fmt(big.lines / 1e6, 1)}M lines (each POP's nginx log, ${CLIENTS_PER_BLOCK_DAY} clients a /24 a day, ${BIG_DAYS} days) at ${fmt(big.lines / bigMs / 1000, 2)} M lines/s, process start included, median of 3 (goal ≥ 1); the ${before.lines.toLocaleString('en')} lines of 2 days at ${fmt(before.lines / measuredMs / 1000, 2)} M lines/s, ${fmt(distinct.lines / distinctMs / 1000, 2)} M lines/s where no client comes back; --summary ${fmt(before.lines / summaryMs / 1000, 2)} M lines/s: ratio ${fmt(summaryMs / measuredMs)}`,
    );
    console.log(
      `  demand served ≥ ${MARGIN_MS} ms slower than the best POP: ${fmt(before.slowShare * 100, 1)} % before, ${fmt(after.slowShare * 100, 1)} % after --apply (goal ≤ 5 %; Bing 20 %, LinkedIn 30 %); ${overrides.size} overrides, ${withdrawn} measured worse on the next round and withdrawn (goal 0; AltPath 17 %)`,
    );

    // Exploration's cost on the map: the same keys with explore 0.5 % and without, CPU of the whole run.
    const keys = join(dir, 'keys');
    const lines: string[] = [];
    for (let i = 0; i < 1_000_000; i++) lines.push(`10.${(i >> 8) % 75}.${i & 255}.${1 + (i % 250)}`);
    writeFileSync(keys, `${lines.join('\n')}\n`);
    const plain = join(dir, 'plain.conf');
    const exploring = join(dir, 'explore.conf');
    writeFileSync(plain, `${common.join('\n')}\n`);
    writeFileSync(exploring, `${[...common, 'explore 0.5%'].join('\n')}\n`);
    const cost = await pairedCpu(['-c', exploring, '--batch'], ['-c', plain, '--batch'], keys, PAIRS);
    console.log(
      `  batch, 1M keys, explore 0.5 % against none: ${fmt(cost.a, 3)} s against ${fmt(cost.b, 3)} s of CPU (medians of ${PAIRS}, process start included): ratio ${fmt(cost.ratio, 3)}, the median of ${PAIRS} back-to-back pairs on one CPU each (goal ≤ 1.02)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
