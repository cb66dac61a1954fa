import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { haproxyCommand } from '../../src/engines/haproxy-runtime.js';
import { get } from '../helpers/apache.js';
import { MapProgram, PEERS, writeConfig } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';
import { startHaproxyMap, type LookupEngine } from '../helpers/lookup-engines.js';
import { randomMrtTable } from '../helpers/random-table.js';
import { CLI, ROOT, fmt, median } from './figures.js';

const X = 'www.x.example.net';
const Y = 'www.y.example.net';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = (text: string, pattern: RegExp): number => text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Requests to HAProxy as fast as one client goes, for `ms`: how many, and how many failed. */
async function clientLoop(
  haproxy: LookupEngine,
  until: () => boolean,
  limitMs: number,
): Promise<{ requests: number; failed: number; ms: number }> {
  const started = performance.now();
  let requests = 0;
  let failed = 0;
  while (!until() && performance.now() - started < limitMs) {
    requests++;
    try {
      const r = await get(haproxy.port, '/?ip=192.168.193.15');
      const body = r.body.trim();
      if (r.status !== 200 || (body !== X && body !== Y)) failed++;
    } catch {
      failed++;
    }
  }
  return { requests, failed, ms: performance.now() - started };
}

/**
 * `--serve` against a real HAProxy with its runtime API: a drain until HAProxy's map_ip answers
 * otherwise; a 100k-prefix table's map replaced live; 100 replacements under a steady client loop
 * (failed requests, HAProxy's PID, the client's rate against the same loop with no replacements);
 * coalescing of a burst; idle CPU against a bare Node process holding a timer.
 */
export async function serveBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ss-bench-serve-'));
  const map = join(dir, 'pop.map');
  const socket = join(dir, 'haproxy.sock');
  const drain = join(dir, 'drain');
  const table = join(dir, 'routes.table');
  copyFileSync(resolve(ROOT, 'examples/paper-network.table'), table);
  writeFileSync(drain, '');
  writeFileSync(map, '');
  const config = writeConfig(join(dir, 'supersparrow.conf'), [
    'route_server table',
    `table ${table}`,
    PEERS,
    `self ${X}`,
    `drain_file ${drain}`,
    `export haproxy-map ${map}`,
    `haproxy_socket ${socket}`,
  ]);
  const haproxy = await startHaproxyMap(dir, map, X, socket);
  const serve = new MapProgram(['--config', config, '--serve'], { env: { PATH: process.env.PATH }, script: CLI });
  try {
    await waitFor('the first push', async () => /replaced live/.test(serve.stderr), 15_000);

    // 1. A drain, until HAProxy answers otherwise.
    const drainMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const drained = i % 2 === 0;
      writeFileSync(drain, drained ? `${Y}\n` : '');
      const started = performance.now();
      const want = drained ? X : Y;
      await waitFor('HAProxy to follow the drain', async () => (await haproxy.answer('192.168.193.15')) === want, 10_000, 5);
      drainMs.push(performance.now() - started);
      await sleep(300);
    }
    console.log('--serve with HAProxy 2.6 (runtime API), a drain file written until map_ip answers otherwise, 10 times:');
    console.log(
      `  median ${fmt(median(drainMs), 0)} ms, slowest ${fmt(Math.max(...drainMs), 0)} ms (goal 2000 ms): ratio to the goal ${fmt(Math.max(...drainMs) / 2000)}; of it, the drain file's own watch polls every 250 ms and waits 250 ms of quiet`,
    );

    // 2. A 100k-prefix table: its map replaced live.
    const mrtConfig = writeConfig(join(dir, 'mrt.conf'), [
      'route_server mrt',
      `table ${join(dir, 'rib.mrt')}`,
      PEERS,
      `self ${X}`,
      `export haproxy-map ${map}`,
      `haproxy_socket ${socket}`,
    ]);
    writeFileSync(join(dir, 'rib.mrt'), randomMrtTable(100_000, 9).dump);
    await serve.signal('SIGTERM', 5000);
    const big = new MapProgram(['--config', mrtConfig, '--serve'], { env: { PATH: process.env.PATH }, script: CLI });
    try {
      await waitFor('the big push', async () => /replaced live/.test(big.stderr), 60_000);
      const pushes: number[] = [];
      const writes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const before = count(big.stderr, /replaced live/);
        big.child.kill('SIGHUP');
        await waitFor('a push', async () => count(big.stderr, /replaced live/) > before, 30_000, 10);
        const lines = big.stderr.split('\n');
        pushes.push(Number(/replaced live \(version \d+\) in (\d+) ms/.exec(lines.filter((l) => /replaced live/.test(l)).at(-1)!)![1]));
        writes.push(Number(/\(haproxy-map, \d+ bytes\) in (\d+) ms/.exec(lines.filter((l) => /wrote .*haproxy-map/.test(l)).at(-1)!)![1]));
      }
      const entries = /entry_cnt=(\d+)/.exec(await haproxyCommand(socket, 'show map'))?.[1];
      console.log(`a 100k-prefix MRT table: HAProxy's map of ${entries} entries replaced live, 5 times (SIGHUP):`);
      console.log(
        `  push (prepare, add in 8 KB payloads, commit) median ${fmt(median(pushes), 0)} ms; with the file written first ${fmt(median(pushes) + median(writes), 0)} ms (goal 2000 ms): ratio to the goal ${fmt((median(pushes) + median(writes)) / 2000)}`,
      );

      // 3. 100 replacements under a steady client loop.
      const pid = /Pid: (\d+)/.exec(await haproxyCommand(socket, 'show info'))?.[1];
      const quiet = await clientLoop(haproxy, () => false, 3000);
      let done = false;
      const loaded = clientLoop(haproxy, () => done, 300_000);
      const before = count(big.stderr, /replaced live/);
      for (let i = 1; i <= 100; i++) {
        big.child.kill('SIGHUP');
        await waitFor('a replacement', async () => count(big.stderr, /replaced live/) >= before + i, 30_000, 5);
      }
      done = true;
      const under = await loaded;
      const pidAfter = /Pid: (\d+)/.exec(await haproxyCommand(socket, 'show info'))?.[1];
      console.log('100 live replacements of the 100k-entry map under a steady client loop (one client, one request at a time):');
      console.log(
        `  ${under.requests} requests, ${under.failed} failed; HAProxy PID ${pid} before, ${pidAfter} after; client rate ${fmt(under.requests / (under.ms / 1000), 0)} req/s against ${fmt(quiet.requests / (quiet.ms / 1000), 0)} req/s with no replacements: ratio ${fmt(under.requests / under.ms / (quiet.requests / quiet.ms))}`,
      );
    } finally {
      await big.signal('SIGTERM', 10_000).catch(() => big.kill());
    }

    // 4. A burst: 20 drain-file changes 50 ms apart, against the writes they make.
    const small = new MapProgram(['--config', config, '--serve'], { env: { PATH: process.env.PATH }, script: CLI });
    try {
      await waitFor('the first push', async () => /replaced live/.test(small.stderr), 15_000);
      await sleep(500);
      const before = count(small.stderr, /replaced live/);
      for (let i = 0; i < 20; i++) {
        writeFileSync(`${table}.new`, `# change ${i}\n${readFileSync(table, 'utf8').replace(/^# change \d+\n/, '')}`);
        renameSync(`${table}.new`, table);
        writeFileSync(drain, i % 2 === 0 ? `${Y}\n` : '');
        await sleep(50);
      }
      // Ending drained: the maps must change once.
      writeFileSync(drain, `${Y}\n`);
      await sleep(2000);
      const pushes = count(small.stderr, /replaced live/) - before;
      const follows = (await haproxy.answer('192.168.193.15')) === X;
      console.log(
        `a burst of 41 changes in 1 s (20 table rewrites, 21 drain changes, ending drained): ${pushes} push${pushes === 1 ? '' : 'es'} (HAProxy ${follows ? 'follows the drain' : 'DOES NOT follow the drain'}); ratio ${fmt(pushes / 41)} of the changes`,
      );

      // 5. Idle CPU against a bare Node process holding one timer.
      const bare = new MapProgram(['setInterval(() => {}, 1 << 30)'], { env: {}, script: '-e' });
      await sleep(1000);
      const ours0 = cpuSeconds(small.child.pid!);
      const bare0 = cpuSeconds(bare.child.pid!);
      await sleep(20_000);
      const ours = cpuSeconds(small.child.pid!) - ours0;
      const bareCpu = cpuSeconds(bare.child.pid!) - bare0;
      bare.kill();
      console.log(
        `idle for 20 s: --serve used ${fmt(ours * 1000, 0)} ms of CPU (${fmt((ours / 20) * 100, 3)} % of a core), a bare Node process ${fmt(bareCpu * 1000, 0)} ms: difference ${fmt((ours - bareCpu) * 1000, 0)} ms`,
      );
    } finally {
      await small.signal('SIGTERM', 5000).catch(() => small.kill());
    }
  } finally {
    serve.kill();
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
