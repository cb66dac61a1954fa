import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { running, stopChild } from './frr-testbed.js';
import { NGINX, writeNginxConf } from './lookup-engines.js';
import { waitFor } from './wait.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const DELAY_LINE = join(HERE, 'delay-line.py');
const REQUESTS = join(HERE, 'netns-requests.mjs');
const IP = '/usr/sbin/ip';
const PYTHON = '/usr/bin/python3';

/** Requests a client namespace makes: `count` of them from address `from` to the server at `to`. */
export interface RequestJob {
  readonly from: string;
  readonly to: string;
  readonly count: number;
}

export interface DelayNetwork {
  /** Packets from `server` to clients in `clientPrefix` are held `ms` before they cross: the round trip grows by it. */
  setDelay(server: string, clientPrefix: string, ms: number): Promise<void>;
  /** nginx in the servers' namespace, listening on `address`:80, `httpBlock` inside its `http`; its PID stops it. */
  startNginx(dir: string, address: string, httpBlock: (listen: string) => string): Promise<ChildProcess>;
  /** Runs the jobs from the clients' namespace; rejects when any request fails. */
  request(jobs: readonly RequestJob[]): Promise<void>;
  stop(): Promise<void>;
}

function need(file: string, pkg: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: this test needs it. Install it with: apt-get install -y ${pkg}`);
}

function ip(...args: string[]): void {
  execFileSync(IP, args, { stdio: 'pipe', timeout: 10_000 });
}

/** Runs `command` in a namespace, its stdin `input`, bounded in time and output; its stdout. */
function inNamespace(netns: string, command: string, args: readonly string[], input: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(IP, ['netns', 'exec', netns, command, ...args], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      if (out.length < 1 << 16) out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 1 << 16) err += d.toString();
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} in ${netns} exited ${code}: ${err}`));
    });
    child.stdin.end(input);
  });
}

/**
 * Two network namespaces, clients' and servers', joined by the delay line (delay-line.py): client
 * prefixes are routed locally in the first (any address in them can be bound), server addresses are
 * on the second's loopback. Needs root, iproute2 and python3.
 */
export async function startDelayNetwork(clientPrefixes: readonly string[], servers: readonly string[]): Promise<DelayNetwork> {
  need(IP, 'iproute2');
  need(PYTHON, 'python3');
  need('/dev/net/tun', 'the tun module (a kernel with CONFIG_TUN)');
  const clients = `ssq-c${process.pid}`;
  const serving = `ssq-s${process.pid}`;
  ip('netns', 'add', clients);
  ip('netns', 'add', serving);
  const line = spawn(PYTHON, [DELAY_LINE, clients, 'dl0', serving, 'dl1'], { stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(line);
  line.once('exit', () => running.delete(line));
  let said = '';
  let errors = '';
  line.stdout.setEncoding('utf8').on('data', (d: string) => {
    said += d;
  });
  line.stderr.setEncoding('utf8').on('data', (d: string) => {
    if (errors.length < 4096) errors += d;
  });
  const started: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const child of started.splice(0)) await stopChild(child);
    line.stdin.end();
    await stopChild(line);
    for (const netns of [clients, serving])
      try {
        ip('netns', 'del', netns);
      } catch {
        /* already gone */
      }
  };
  const answered = async (before: number): Promise<void> => {
    await waitFor(
      'the delay line',
      () => {
        if (line.exitCode !== null) throw new Error(`delay-line.py exited: ${errors}`);
        return said.length > before && said.endsWith('\n');
      },
      5000,
      10,
    );
    const reply = said.slice(before).trim();
    if (reply !== 'ok' && reply !== 'ready') throw new Error(`delay-line.py: ${reply}`);
  };
  try {
    await answered(0);
    for (const [netns, device] of [
      [clients, 'dl0'],
      [serving, 'dl1'],
    ] as const) {
      ip('-n', netns, 'link', 'set', 'lo', 'up');
      ip('-n', netns, 'link', 'set', device, 'up');
    }
    for (const prefix of clientPrefixes) {
      ip('-n', clients, 'route', 'add', 'local', prefix, 'dev', 'lo');
      ip('-n', serving, 'route', 'add', prefix, 'dev', 'dl1');
    }
    for (const server of servers) {
      ip('-n', serving, 'address', 'add', `${server}/32`, 'dev', 'lo');
      ip('-n', clients, 'route', 'add', `${server}/32`, 'dev', 'dl0');
    }
  } catch (e) {
    await stop();
    throw e;
  }
  const request = async (jobs: readonly RequestJob[]): Promise<void> => {
    const result = JSON.parse(
      await inNamespace(clients, process.execPath, [REQUESTS], JSON.stringify(jobs.map((j) => ({ ...j, port: 80 }))), 120_000),
    ) as { ok: number; failed: number; errors: string[] };
    if (result.failed > 0) throw new Error(`${result.failed} of ${result.ok + result.failed} requests failed: ${result.errors.join('; ')}`);
  };
  return {
    async setDelay(server, clientPrefix, ms) {
      const before = said.length;
      line.stdin.write(`delay ${server} ${clientPrefix} ${ms}\n`);
      await answered(before);
    },
    async startNginx(dir, address, httpBlock) {
      need(NGINX, 'nginx');
      const conf = writeNginxConf(dir, httpBlock(`${address}:80`));
      const errors = ['-e', join(dir, 'nginx-error.log')];
      execFileSync(IP, ['netns', 'exec', serving, NGINX, '-t', '-q', '-c', conf, '-p', dir, ...errors], { stdio: 'pipe', timeout: 10_000 });
      // `ip netns exec` execs nginx itself: the child's PID is nginx's.
      const nginx = spawn(IP, ['netns', 'exec', serving, NGINX, '-c', conf, '-p', dir, ...errors], { stdio: 'ignore' });
      running.add(nginx);
      nginx.once('exit', () => running.delete(nginx));
      started.push(nginx);
      return nginx;
    },
    request,
    stop,
  };
}
