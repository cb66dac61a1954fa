import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BGPD, EXABGP, startFrrTestbed } from '../helpers/frr-testbed.js';
import { ROUTE_CASES } from '../helpers/route-cases.js';
import { testbedConfigLines } from '../helpers/cli.js';
import { CLI, ROOT, fmt, median } from './figures.js';

const CONFIG = resolve(ROOT, 'examples/supersparrow.conf');

/** A combined log: `count` lines, 50k distinct clients (one in ten IPv6), Zipf-like skew, fixed seed. */
function writeCombinedLog(file: string, count: number, clientsOf: (i: number) => string = defaultClient): void {
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const clients = Array.from({ length: 50_000 }, (_, i) => clientsOf(i));
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const client = clients[Math.floor(clients.length * random() ** 3)]!;
    parts.push(
      `${client} - - [30/Nov/2026:10:${String(i % 60).padStart(2, '0')}:00 +0000] "GET /page/${i % 977} HTTP/1.1" 200 ${i % 5000} "https://www.example.net/" "Mozilla/5.0 (X11; Linux x86_64)"\n`,
    );
  }
  writeFileSync(file, parts.join(''));
}

const NETS = ['192.168.193', '192.168.192', '10.1', '10.9', '172.16', '100.64', '198.51.100', '203.0.113'];
function defaultClient(i: number): string {
  if (i % 10 === 0) return `2001:db8:${['193', '192', '700'][i % 3]}::${i.toString(16)}`;
  const net = NETS[i % NETS.length]!;
  return net.split('.').length === 3 ? `${net}.${(i % 250) + 1}` : `${net}.${(i >> 8) % 250}.${(i % 250) + 1}`;
}

/** Runs a command with the file on stdin, output discarded; wall time, peak RSS (KiB) and stderr. */
function run(command: string, args: string[], file: string): Promise<{ ms: number; peakKiB: number; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const input = openSync(file, 'r');
    const child = spawn('/usr/bin/time', ['-f', 'peak=%M', command, ...args], { stdio: [input, 'ignore', 'pipe'] });
    closeSync(input);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(-400)}`));
      else resolveRun({ ms: performance.now() - started, peakKiB: Number(/peak=(\d+)/.exec(stderr)?.[1] ?? 0), stderr });
    });
  });
}

const ECHO = `
const rl = require('node:readline').createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (l) => process.stdout.write(l + '\\n'));
`;

export async function logsBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ss-bench-logs-'));
  try {
    const million = join(dir, 'access.log');
    writeCombinedLog(million, 1_000_000);
    const bytes = statSync(million).size;
    const echo: number[] = [];
    const annotate: number[] = [];
    const summary: number[] = [];
    for (let i = 0; i < 3; i++) {
      echo.push((await run(process.execPath, ['-e', ECHO], million)).ms);
      annotate.push((await run(process.execPath, [CLI, '-c', CONFIG, '--log'], million)).ms);
      summary.push((await run(process.execPath, [CLI, '-c', CONFIG, '--summary'], million)).ms);
    }
    console.log(
      `log mode, 1M-line combined log (${fmt(bytes / 2 ** 20, 0)} MiB, 50k distinct clients), the bundled table, median of 3, process start included:`,
    );
    console.log(
      `  annotate ${fmt(1e6 / median(annotate) / 1000, 2)} M lines/s, bare Node readline echo ${fmt(1e6 / median(echo) / 1000, 2)} M lines/s: ratio ${fmt(median(echo) / median(annotate))}`,
    );
    console.log(`  --summary ${fmt(1e6 / median(summary) / 1000, 2)} M lines/s: ratio to the echo ${fmt(median(echo) / median(summary))}`);

    const triple = join(dir, 'access3.log');
    writeCombinedLog(triple, 3_000_000);
    const small = await run(process.execPath, [CLI, '-c', CONFIG, '--log'], million);
    const large = await run(process.execPath, [CLI, '-c', CONFIG, '--log'], triple);
    console.log(
      `  peak RSS: 1M lines ${fmt(small.peakKiB / 1024, 0)} MiB, 3M lines ${fmt(large.peakKiB / 1024, 0)} MiB: ratio ${fmt(large.peakKiB / small.peakKiB)} (answers memoised per client, at most 65,536, and the look-ahead bounded)`,
    );

    if (!statSafe(BGPD) || !statSafe(EXABGP)) {
      console.log(`  against real FRR: skipped, ${BGPD} or ${EXABGP} missing (apt-get install -y frr exabgp)`);
      return;
    }
    const testbed = await startFrrTestbed();
    try {
      const config = join(dir, 'frr.conf');
      writeFileSync(config, [...testbedConfigLines(testbed.vtyPort), ''].join('\n'), { mode: 0o600 });
      const frrLog = join(dir, 'frr.log');
      const caseClient = (i: number): string => {
        const [address] = ROUTE_CASES[i % ROUTE_CASES.length]!;
        const n = Math.floor(i / ROUTE_CASES.length);
        return address.includes(':')
          ? address.replace(/::[0-9a-f]+$/, `::${(n + 2).toString(16)}`)
          : address.replace(/\.\d+$/, `.${1 + (n % 250)}`);
      };
      writeCombinedLog(frrLog, 200_000, caseClient);
      const cold = await run(process.execPath, [CLI, '-c', config, '--log'], frrLog);
      const queries = Number(/route_server_queries=(\d+)/.exec(cold.stderr)?.[1] ?? -1);
      const routed = ROUTE_CASES.filter(([, , prefix]) => prefix !== '-').length;
      const routeless = ROUTE_CASES.length - routed;
      console.log(
        `  real FRR bgpd, cold cache, 200k lines over ${routed} routed prefixes and ${routeless} route-less /24 or /48: ${fmt(cold.ms / 1000)} s, ` +
          `${queries} route-server lookups for ${routed + routeless} ranges hit: ratio ${fmt(queries / (routed + routeless))}`,
      );
    } finally {
      await testbed.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function statSafe(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
