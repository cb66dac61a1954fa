import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { haproxyCommand } from '../../src/engines/haproxy-runtime.js';
import { get } from '../helpers/apache.js';
import { MapProgram, PEERS, writeConfig } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';
import { startHaproxyClasses, startHaproxyMap, type LookupEngine } from '../helpers/lookup-engines.js';
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
        `  push (prepare, add in 12 KB payloads, two at a time, commit) median ${fmt(median(pushes), 0)} ms; with the file written first ${fmt(median(pushes) + median(writes), 0)} ms (goal 2000 ms): ratio to the goal ${fmt((median(pushes) + median(writes)) / 2000)}`,
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

/** The highest resident set a process has had, in MiB (VmHWM). */
function peakRssMiB(pid: number): number {
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/**
 * `--serve` at the size users run: the generated 1M-prefix dump, exported as haproxy-classes (HAProxy
 * live), nginx-classes and gdnsd-classes. A POP's drain and undrain until HAProxy answers otherwise,
 * the CPU each state change costs, the peak RSS, and a new dump with 1 % of its routes changed until
 * HAProxy answers every changed probe as one-shot does.
 */
export async function serveFullTableBench(): Promise<void> {
  const { generateFullTableMrt } = await import('./full-table.js');
  const dir = mkdtempSync(join(tmpdir(), 'ss-bench-serve-full-'));
  const FAR = 'www.far.example.net';
  const f = {
    table: join(dir, 'rib.mrt'),
    changed: join(dir, 'changed.mrt'),
    map: join(dir, 'class.map'),
    answers: join(dir, 'class.answers.map'),
    plan: join(dir, 'class.plan.map'),
    geo: join(dir, 'class.conf'),
    nets: join(dir, 'class.nets'),
    adminState: join(dir, 'admin_state'),
    socket: join(dir, 'haproxy.sock'),
    drain: join(dir, 'drain'),
  };
  generateFullTableMrt(f.table);
  generateFullTableMrt(f.changed, 0.01);
  writeFileSync(f.drain, '');
  const lines = (table: string) => [
    'route_server mrt',
    `table ${table}`,
    PEERS,
    `self ${X}`,
    `drain_file ${f.drain}`,
    `gdnsd_admin_state ${f.adminState}`,
    `export haproxy-classes ${f.map}`,
    `haproxy_socket ${f.socket}`,
    `export nginx-classes ${f.geo}`,
    `export gdnsd-classes ${f.nets}`,
  ];
  const config = writeConfig(join(dir, 'supersparrow.conf'), lines(f.table));
  const changedConfig = writeConfig(join(dir, 'changed.conf'), lines(f.changed));
  const { runCli } = await import('../helpers/cli.js');
  await runCli(['--config', config, '--export', 'haproxy-classes', '-o', f.map]);
  const haproxy = await startHaproxyClasses(dir, { classes: f.map, plan: f.plan, answers: f.answers }, X, f.socket);
  const started = performance.now();
  const serve = new MapProgram(['--config', config, '--serve'], { env: { PATH: process.env.PATH }, script: CLI });
  try {
    // The first write ends with gdnsd's admin_state, after every class file.
    await waitFor(
      'the first write',
      async () => /wrote \S+admin_state .*: started/.test(serve.stderr) || /failed|not written/.test(serve.stderr),
      180_000,
      50,
    );
    const startMs = performance.now() - started;
    // An address whose class puts the far POP first: a drain of it moves this address.
    const probeLine = readFileSync(f.map, 'utf8')
      .split('\n')
      .find((l) => /^\d+\.\d+\.\d+\.\d+\/\d+ 4200000001$/.test(l))!;
    const probe = probeLine.split('/')[0]!;
    if ((await haproxy.answer(probe)) !== FAR) throw new Error(`HAProxy answers ${await haproxy.answer(probe)} for ${probe}, not ${FAR}`);
    const drainMs: number[] = [];
    const cpuMs: number[] = [];
    const pid = serve.child.pid!;
    for (let i = 0; i < 10; i++) {
      const drained = i % 2 === 0;
      await sleep(1000);
      const cpu0 = cpuSeconds(pid);
      const t0 = performance.now();
      writeFileSync(f.drain, drained ? `${FAR}\n` : '');
      const want = drained ? X : FAR;
      await waitFor('HAProxy to follow the drain', async () => (await haproxy.answer(probe)) === want, 60_000, 5);
      drainMs.push(performance.now() - t0);
      // The write's tail (nginx and gdnsd files) finishes within this.
      await sleep(1000);
      cpuMs.push((cpuSeconds(pid) - cpu0) * 1000);
    }
    const classLines = readFileSync(f.map, 'utf8').split('\n').length;
    const answerLines = readFileSync(f.answers, 'utf8').split('\n').length;
    console.log(
      `--serve on the generated 1M-prefix dump (haproxy-classes live, nginx-classes, gdnsd-classes): first files and pushes ${fmt(startMs / 1000, 1)} s; class map ${classLines} lines, answers map ${answerLines}`,
    );
    console.log(
      `  drain and undrain of a POP, 10 times, until HAProxy answers otherwise: median ${fmt(median(drainMs), 0)} ms, slowest ${fmt(Math.max(...drainMs), 0)} ms (goal ≤ 1000 ms): ratio to the goal ${fmt(Math.max(...drainMs) / 1000)}`,
    );
    console.log(
      `  CPU per state change (over 2 s around it, idle included): median ${fmt(median(cpuMs), 0)} ms, most ${fmt(Math.max(...cpuMs), 0)} ms (goal ≤ 300 ms): ratio to the goal ${fmt(Math.max(...cpuMs) / 300)}`,
    );
    // A new dump with 1 % of its routes changed: the probes are changed prefixes, answered as one-shot does.
    const changedProbes = readFileSync(f.map, 'utf8')
      .split('\n')
      .filter((l) => /^\d+\.\d+\.\d+\.\d+\/24 /.test(l))
      .map((l) => l.split('/')[0]!)
      .filter((_, k) => k % 997 === 0)
      .slice(0, 400);
    // One-shot waits for the table to load (batch would answer self meanwhile, by its deadline).
    const expected = (await runCli(['--config', changedConfig, ...changedProbes])).stdout.split('\n').slice(0, -1);
    if (expected.length !== changedProbes.length)
      throw new Error(`one-shot gave ${expected.length} answers for ${changedProbes.length} probes`);
    const before = await Promise.all(changedProbes.map((a) => haproxy.answer(a)));
    const moved = expected.filter((a, k) => a !== before[k]).length;
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    const logFrom = serve.stderr.length;
    renameSync(f.changed, f.table);
    // Polled on the probes that move alone (hundreds of lookups every 50 ms would load the machine
    // being measured); every probe is checked once they have.
    const moving = changedProbes.map((_, k) => k).filter((k) => expected[k] !== before[k]);
    const watched = moving.length > 0 ? moving : changedProbes.map((_, k) => k);
    await waitFor(
      'HAProxy to answer the new dump',
      async () => (await Promise.all(watched.map((k) => haproxy.answer(changedProbes[k]!)))).every((a, i) => a === expected[watched[i]!]),
      120_000,
      20,
    );
    const routeMs = performance.now() - t0;
    const after = await Promise.all(changedProbes.map((a) => haproxy.answer(a)));
    if (after.some((a, k) => a !== expected[k])) throw new Error('HAProxy answers a probe of the new dump otherwise than one-shot');
    await sleep(3000);
    const routeCpu = cpuSeconds(pid) - cpu0;
    // Where the time went: the journal's lines for the change, each with its own duration.
    for (const line of serve.stderr
      .slice(logFrom)
      .split('\n')
      .filter((l) => /route server reloaded|wrote \S+class\.(map|conf|nets) |HAProxy/.test(l)))
      console.log(`    ${line.replace(/^supersparrow\[\d+\]: /, '')}`);
    console.log(
      `  a new dump with 1 % of routes changed (${moved} of ${changedProbes.length} probes move): HAProxy answers them all after ${fmt(routeMs / 1000, 1)} s (goal ≤ 5 s): ratio ${fmt(routeMs / 5000)}; CPU ${fmt(routeCpu, 1)} s (goal ≤ 3 s): ratio ${fmt(routeCpu / 3)}`,
    );
    console.log(`  peak RSS of --serve: ${fmt(peakRssMiB(pid), 0)} MiB (goal ≤ 300 MiB): ratio ${fmt(peakRssMiB(pid) / 300)}`);
    const drainDuringRender = performance.now();
    writeFileSync(f.drain, `${FAR}\n`);
    await waitFor('HAProxy to follow the drain', async () => (await haproxy.answer(probe)) === X, 60_000, 5);
    console.log(`  a drain once the new dump is in: HAProxy follows after ${fmt(performance.now() - drainDuringRender, 0)} ms`);
  } finally {
    await serve.signal('SIGTERM', 30_000).catch(() => serve.kill());
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
