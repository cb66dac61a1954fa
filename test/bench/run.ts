/**
 * `npm run bench`: each figure is a ratio against a baseline measured in the same run, on the same
 * machine, so the numbers travel between machines. Every loop is bounded.
 */
import { execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { Resolver } from '../../src/resolver/resolver.js';
import { VtyRouteServer } from '../../src/route-servers/vty-route-server.js';
import { BGPD, EXABGP, startFrrTestbed, VTY_HOSTNAME, VTY_PASSWORD } from '../helpers/frr-testbed.js';
import { existsSync } from 'node:fs';
import { APACHE2, startApache } from '../helpers/apache.js';
import { dnsBench } from './dns.js';
import { exportBench } from './export.js';
import { generateFullTableMrt } from './full-table.js';
import { failoverBench } from './failover.js';
import { logsBench } from './logs.js';
import { planBench } from './plan.js';
import { qualityBench } from './quality.js';
import { anycastBench } from './anycast.js';
import { serveBench, serveFullTableBench } from './serve.js';
import { birdBench } from './bird.js';
import { fmt, median } from './figures.js';

const ROOT = process.cwd();
const execFileAsync = promisify(execFile);
const BIN = resolve(ROOT, 'bin/supersparrow');
const CONFIG = resolve(ROOT, 'examples/supersparrow.conf');
const RUNS = 5;

/** Feeds `input` to a command and returns the wall time until it exits. */
function timeFilter(command: string, args: string[], input: Buffer): Promise<number> {
  return new Promise((resolveTime, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'], env: {} });
    let lines = 0;
    child.stdout.on('data', (d: Buffer) => {
      for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
    });
    child.once('error', reject);
    child.once('close', () => {
      const expected = input.toString('latin1').split('\n').length - 1;
      if (lines !== expected) reject(new Error(`${command} answered ${lines} lines for ${expected}`));
      else resolveTime(performance.now() - started);
    });
    child.stdin.end(input);
  });
}

const ECHO_FILTER = `
const rl = require('node:readline').createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (l) => process.stdout.write(l + '\\n'));
`;

async function batchThroughput(): Promise<void> {
  const distinct = Array.from(
    { length: 1000 },
    (_, i) => [`192.168.193.${i % 256}`, `10.1.${i % 256}.7`, `2001:db8:193::${i.toString(16)}`, `198.51.100.${i % 256}`][i % 4]!,
  );
  const keys = Array.from({ length: 100_000 }, (_, i) => distinct[i % distinct.length]!);
  const input = Buffer.from(`${keys.join('\n')}\n`);
  const ours: number[] = [];
  const echo: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(await timeFilter(process.execPath, [BIN, '--config', CONFIG, '--batch'], input));
    echo.push(await timeFilter(process.execPath, ['-e', ECHO_FILTER], input));
  }
  const oursRate = keys.length / (median(ours) / 1000);
  const echoRate = keys.length / (median(echo) / 1000);
  console.log(`batch, 100k keys (1000 distinct, cached after first sight), median of ${RUNS} runs, process start included:`);
  console.log(
    `  supersparrow ${fmt(oursRate / 1000, 0)} k keys/s, bare Node line-echo filter ${fmt(echoRate / 1000, 0)} k lines/s: ratio ${fmt(oursRate / echoRate)}`,
  );
}

async function startupToFirstAnswer(): Promise<void> {
  const once = (args: string[]): Promise<number> =>
    new Promise((resolveTime, reject) => {
      const started = performance.now();
      const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'], env: {} });
      child.once('error', reject);
      child.stdout.once('data', () => {
        resolveTime(performance.now() - started);
        child.stdin.end();
      });
      child.stdin.write('192.168.193.15\n');
    });
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 15; i++) {
    ours.push(await once([BIN, '--config', CONFIG, '--batch']));
    bare.push(await once(['-e', "process.stdin.once('data', () => process.stdout.write('x\\n'))"]));
  }
  console.log('start-up to first answer, median of 15 spawns:');
  console.log(
    `  supersparrow ${fmt(median(ours), 1)} ms, bare node answering one line ${fmt(median(bare), 1)} ms: ratio ${fmt(median(ours) / median(bare))}`,
  );
}

/** The floor: one command on an already open, logged-in vty session, with a raw socket. */
async function rawVtySession(port: number): Promise<{ query: (cmd: string) => Promise<void>; close: () => void }> {
  const socket: Socket = createConnection({ host: '127.0.0.1', port });
  socket.setEncoding('latin1');
  let buffer = '';
  let waiter: (() => void) | undefined;
  let pattern = /Password: $/;
  socket.on('data', (d: string) => {
    buffer += d;
    if (waiter && pattern.test(buffer)) {
      const w = waiter;
      waiter = undefined;
      w();
    }
  });
  const until = (p: RegExp): Promise<void> =>
    new Promise((r) => {
      pattern = p;
      if (p.test(buffer)) r();
      else waiter = r;
    });
  await until(/Password: $/);
  const prompt = new RegExp(`\\n${VTY_HOSTNAME}> $`);
  buffer = '';
  socket.write(`${VTY_PASSWORD}\n`);
  await until(prompt);
  return {
    query: async (cmd) => {
      buffer = '';
      socket.write(`${cmd}\n`);
      await until(prompt);
    },
    close: () => socket.destroy(),
  };
}

async function cacheMissAgainstRawVty(): Promise<void> {
  if (!existsSync(BGPD) || !existsSync(EXABGP)) {
    console.log(`cache miss vs raw vty query: skipped, ${BGPD} or ${EXABGP} missing (apt-get install -y frr exabgp)`);
    return;
  }
  const testbed = await startFrrTestbed();
  try {
    const raw = await rawVtySession(testbed.vtyPort);
    const routeServer = new VtyRouteServer({ host: '127.0.0.1', port: testbed.vtyPort, password: VTY_PASSWORD, timeoutMs: 2000 });
    const resolver = new Resolver(routeServer, {
      pops: new Map([[64702, 'y']]),
      self: 'x',
      invalidKeyAnswer: 'NULL',
      cacheSize: 0,
      cacheTimeoutMs: 0,
    });
    const N = 2000;
    const addresses = Array.from({ length: N }, (_, i) => `192.168.193.${i % 256}`);
    for (let i = 0; i < 100; i++) {
      await raw.query(`show ip bgp ${addresses[i]}`);
      await resolver.resolve(addresses[i]!);
    }
    // Alternating in short batches, so that the machine's drift (bgpd and ExaBGP share its cores)
    // falls on both sides alike.
    const BATCH = 100;
    const rawTimes: number[] = [];
    const ourTimes: number[] = [];
    for (let round = 0; round < RUNS; round++) {
      let rawMs = 0;
      let ourMs = 0;
      for (let from = 0; from < N; from += BATCH) {
        const batch = addresses.slice(from, from + BATCH);
        let t = performance.now();
        for (const a of batch) await raw.query(`show ip bgp ${a}`);
        rawMs += performance.now() - t;
        t = performance.now();
        for (const a of batch) await resolver.resolve(a);
        ourMs += performance.now() - t;
      }
      rawTimes.push(rawMs / N);
      ourTimes.push(ourMs / N);
    }
    raw.close();
    await routeServer.close();
    console.log(`cache miss (real FRR bgpd, 2-path prefix, ${N} sequential lookups, cache off), median of ${RUNS}:`);
    console.log(
      `  supersparrow ${fmt(median(ourTimes) * 1000, 0)} µs per lookup, raw query on an open vty session ${fmt(median(rawTimes) * 1000, 0)} µs: ratio ${fmt(median(ourTimes) / median(rawTimes))}`,
    );
  } finally {
    await testbed.stop();
  }
}

console.log(`supersparrow benchmarks (node ${process.version}); ratios compare against a baseline run alongside`);
/** `npm run bench -- mrt apache` runs only the sections named. */
const SECTIONS: Record<string, () => Promise<void>> = {
  batch: batchThroughput,
  startup: startupToFirstAnswer,
  miss: cacheMissAgainstRawVty,
  apache: apacheThroughput,
  mrt: mrtFullTable,
  logs: logsBench,
  dns: dnsBench,
  failover: failoverBench,
  export: exportBench,
  plan: planBench,
  quality: qualityBench,
  anycast: anycastBench,
  serve: async () => {
    await serveBench();
    await serveFullTableBench();
  },
  bird: birdBench,
};
const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(SECTIONS)) if (wanted.length === 0 || wanted.includes(name)) await run();

async function ab(port: number, path: string, host: string, requests: number): Promise<number> {
  const { stdout } = await execFileAsync('ab', [
    '-q',
    '-n',
    String(requests),
    '-c',
    '8',
    '-H',
    `Host: ${host}`,
    '-H',
    'X-Forwarded-For: 192.168.193.15',
    `http://127.0.0.1:${port}${path}`,
  ]);
  const failed = Number(/Failed requests:\s+(\d+)/.exec(stdout)?.[1] ?? 'NaN');
  const non2xx = Number(/Non-2xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? '0');
  if (failed !== 0) throw new Error(`ab: ${failed} failed requests on ${path}`);
  if (path !== '/health' && non2xx !== requests) throw new Error(`ab: expected ${requests} redirects on ${path}, got ${non2xx}`);
  return Number(/Requests per second:\s+([\d.]+)/.exec(stdout)?.[1] ?? 'NaN');
}

/** Requests per second through Apache: the supersparrow map (answering from cache), a static txt: map, no map. */
async function apacheThroughput(): Promise<void> {
  if (!existsSync(APACHE2)) {
    console.log(`Apache throughput: skipped, ${APACHE2} missing (apt-get install -y apache2 apache2-utils)`);
    return;
  }
  const user = process.getuid?.() === 0 ? 'www-data:www-data' : `${process.env.USER}:${process.env.USER}`;
  const apache = await startApache({
    snippet: resolve(ROOT, 'apache/supersparrow.conf'),
    remoteIp: true,
    defines: {
      SUPERSPARROW_SELF: 'www.x.example.net',
      SUPERSPARROW_NODE: process.execPath,
      SUPERSPARROW_CLI: resolve(ROOT, 'dist/supersparrow.cjs'),
      SUPERSPARROW_CONFIG: CONFIG,
      SUPERSPARROW_USER: user,
    },
    extra: '',
  });
  try {
    writeFileSync(join(apache.dir, 'map.txt'), '192.168.193.15 www.y.example.net\n');
    // The ceiling for any Node map: one that answers a constant, doing nothing else.
    writeFileSync(
      join(apache.dir, 'node-map.js'),
      "process.stdin.on('data', (d) => { for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) process.stdout.write('www.y.example.net\\n'); });\n",
    );
    // The txt: map and the map-less route answer on another name, past the snippet's host check.
    const extra = `RewriteMap txtmap "txt:${apache.dir}/map.txt"
RewriteMap nodemap "prg:${process.execPath} ${apache.dir}/node-map.js" ${user}
RewriteCond "%{HTTP_HOST}" "^bench\\.example\\.net$"
RewriteCond "\${nodemap:%{REMOTE_ADDR}|www.x.example.net}" "^([A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?)$"
RewriteRule "^/node/(.*)$" "http://%1/$1" [R=302,L]
RewriteCond "%{HTTP_HOST}" "^bench\\.example\\.net$"
RewriteRule "^/health$" "/index.html" [L]
RewriteCond "%{HTTP_HOST}" "^bench\\.example\\.net$"
RewriteCond "\${txtmap:%{REMOTE_ADDR}|www.x.example.net}" "^([A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?)$"
RewriteRule "^/txt/(.*)$" "http://%1/$1" [R=302,L]
`;
    writeFileSync(join(apache.dir, 'extra.conf'), extra);
    const conf = join(apache.dir, 'httpd.conf');
    const { readFileSync } = await import('node:fs');
    writeFileSync(conf, readFileSync(conf, 'utf8').replace(/^Include /m, `Include "${join(apache.dir, 'extra.conf')}"\nInclude `));
    apache.signal('SIGUSR1');
    await new Promise((r) => setTimeout(r, 1500));
    const N = 4000;
    await ab(apache.port, '/warm', 'www.example.net', 500);
    const map: number[] = [];
    const txt: number[] = [];
    const none: number[] = [];
    const node: number[] = [];
    for (let i = 0; i < 3; i++) {
      map.push(await ab(apache.port, '/page', 'www.example.net', N));
      node.push(await ab(apache.port, '/node/page', 'bench.example.net', N));
      txt.push(await ab(apache.port, '/txt/page', 'bench.example.net', N));
      none.push(await ab(apache.port, '/health', 'bench.example.net', N));
    }
    console.log(`Apache 2.4 (mpm_event, ab -c 8, ${N} requests, median of 3), one client answered from cache:`);
    console.log(
      `  supersparrow map ${fmt(median(map), 0)} req/s, txt: map ${fmt(median(txt), 0)} req/s, no map ${fmt(median(none), 0)} req/s: ratio to txt: ${fmt(median(map) / median(txt))}, to no map ${fmt(median(map) / median(none))}`,
    );
    console.log(
      `  for scale, a do-nothing Node map answering a constant: ${fmt(median(node), 0)} req/s, ratio to txt: ${fmt(median(node) / median(txt))}; supersparrow reaches ${fmt(median(map) / median(node))} of it`,
    );
  } finally {
    await apache.stop();
  }
}

/** Resident memory of a node process running `code` (ES module), after a forced collection, and its peak. */
async function residentMb(code: string): Promise<{ now: number; peak: number }> {
  const { stdout } = await execFileAsync(
    process.execPath,
    [
      '--expose-gc',
      '--input-type=module',
      '-e',
      `${code}\nglobalThis.gc(); console.log(process.memoryUsage().rss, process.resourceUsage().maxRSS);`,
    ],
    { cwd: ROOT, maxBuffer: 1 << 20 },
  );
  const [now = 'NaN', peakKb = 'NaN'] = (stdout.trim().split('\n').pop() ?? '').split(' ');
  return { now: Number(now) / 2 ** 20, peak: Number(peakKb) / 1024 };
}

async function mrtFullTable(): Promise<void> {
  const { mkdtempSync, rmSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { loadMrtTable } = await import('../../src/route-servers/mrt-route-server.js');
  const { parseClientAddress } = await import('../../src/core/address.js');
  const dir = mkdtempSync(join(tmpdir(), 'ss-bench-mrt-'));
  try {
    const file = join(dir, 'full.mrt');
    const prefixes = generateFullTableMrt(file);
    const pops = new Set([64600, 4200000001, 64701, 64702]);
    const readMs: number[] = [];
    const loadMs: number[] = [];
    let bytes = 0;
    let table: Awaited<ReturnType<typeof loadMrtTable>> | undefined;
    for (let run = 0; run < 3; run++) {
      let t = performance.now();
      bytes = readFileSync(file).length;
      readMs.push(performance.now() - t);
      t = performance.now();
      table?.close();
      table = await loadMrtTable(file, { pops });
      loadMs.push(performance.now() - t);
    }
    // How long the event loop stands still at worst while a table loads: lookups (the old table's) wait that long.
    let longestPause = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestPause = Math.max(longestPause, now - last);
      last = now;
    }, 1);
    table?.close();
    table = await loadMrtTable(file, { pops });
    clearInterval(ticker);
    const decided = table.decided;
    let seed = 99;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const addresses = Array.from(
      { length: 200_000 },
      (_, i) =>
        parseClientAddress(
          i % 10 === 0
            ? `2a00:0:${((random() % 700_000) >> 16).toString(16)}:${(random() % 65536).toString(16)}::1`
            : `${1 + (random() % 222)}.${random() % 256}.${random() % 256}.${random() % 256}`,
        )!,
    );
    const exact = new Map<string, number>();
    for (const a of addresses) exact.set(a.text, 1);
    const rounds = 10;
    let found = 0;
    let t = performance.now();
    for (let r = 0; r < rounds; r++) for (const a of addresses) if (decided.find(a) >= 0) found++;
    const lpmRate = (rounds * addresses.length) / ((performance.now() - t) / 1000);
    t = performance.now();
    let hits = 0;
    for (let r = 0; r < rounds; r++) for (const a of addresses) if (exact.get(a.text) !== undefined) hits++;
    const mapRate = (rounds * addresses.length) / ((performance.now() - t) / 1000);
    table!.close();
    const module = resolve(ROOT, '.bench/src/route-servers/mrt-route-server.js');
    const bare = await residentMb('');
    const loaded = await residentMb(
      `const { loadMrtTable } = await import(${JSON.stringify(module)}); globalThis.t = await loadMrtTable(${JSON.stringify(file)}, { pops: new Set([64600, 4200000001, 64701, 64702]) }); await new Promise((r) => setTimeout(r, 500)); globalThis.gc();`,
    );
    console.log(`MRT full table (generated: ${prefixes} prefixes, 2 peers each, ${(bytes / 1e6).toFixed(0)} MB), median of 3 loads:`);
    console.log(
      `  load ${fmt(median(loadMs) / 1000)} s (goal ≤ 0.5 s) against reading the file ${fmt(median(readMs) / 1000, 3)} s: ratio ${fmt(median(loadMs) / median(readMs), 1)} (goal ≤ 4); ${decided.size} prefixes, ${fmt(decided.byteLength / 2 ** 20, 1)} MB of arrays`,
    );
    console.log(
      `  the event loop's longest pause during a load: ${fmt(longestPause, 0)} ms (a lookup waits at most that long while a new dump loads)`,
    );
    console.log(
      `  resident memory once loaded ${fmt(loaded.now, 0)} MB against a bare node ${fmt(bare.now, 0)} MB: ${fmt(loaded.now - bare.now, 0)} MB above it (goal ≤ 64); peak while loading ${fmt(loaded.peak, 0)} MB (the dump is read in 8 MB chunks)`,
    );
    console.log(
      `  longest-prefix match ${fmt(lpmRate / 1e6)} M lookups/s (goal ≥ 5; ${found} of ${rounds * addresses.length} matched), an exact-match Map.get on the address text ${fmt(mapRate / 1e6)} M/s: ratio ${fmt(lpmRate / mapRate)} (${hits} hits)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
