import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.js';

/** The built CLI; from the compiled bench (under .bench/) the checkout is the working folder. */
export const BIN = ((here) => (existsSync(here) ? here : resolve('bin/supersparrow')))(
  fileURLToPath(new URL('../../bin/supersparrow', import.meta.url)),
);

/**
 * The built CLI as Apache runs a `prg:` map: node by absolute path, an empty environment, cwd `/`,
 * keys written one at a time, each answer awaited as one line.
 */
export class MapProgram {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly #waiters: Array<() => void> = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: readonly string[], options: { env?: NodeJS.ProcessEnv; direct?: boolean; script?: string } = {}) {
    const [command, argv] = options.direct ? [BIN, args] : [process.execPath, [options.script ?? BIN, ...args]];
    this.child = spawn(command, [...argv], { env: options.env ?? {}, cwd: '/' });
    this.child.stdout.setEncoding('latin1');
    this.child.stdout.on('data', (d: string) => {
      this.stdout += d;
      for (const w of this.#waiters.splice(0)) w();
    });
    this.child.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Lines answered so far. */
  get lines(): string[] {
    const parts = this.stdout.split('\n');
    parts.pop();
    return parts;
  }

  async waitForLines(count: number, timeoutMs = 5000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length < count) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`expected ${count} answer lines, got ${this.lines.length}: ${JSON.stringify(this.stdout)}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.lines;
  }

  /** Writes one key and waits for its answer line; returns it and how long it took. */
  async ask(key: string | Buffer, timeoutMs = 5000): Promise<{ answer: string; ms: number }> {
    const before = this.lines.length;
    const started = performance.now();
    this.child.stdin.write(Buffer.concat([typeof key === 'string' ? Buffer.from(key, 'latin1') : key, Buffer.from('\n')]));
    const lines = await this.waitForLines(before + 1, timeoutMs);
    return { answer: lines[before]!, ms: performance.now() - started };
  }

  /** Asks every 50 ms until the answer is `expected`, at most `limitMs`; returns how long it took. */
  async askUntil(key: string, expected: string, limitMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      if ((await this.ask(key)).answer === expected) return Date.now() - started;
      if (Date.now() - started > limitMs)
        throw new Error(`${key} still not ${expected} after ${limitMs} ms; stderr: ${this.stderr.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits until stderr matches `pattern` (a log line the map writes once a change is taken or refused). */
  async waitForStderr(pattern: RegExp, timeoutMs = 5000): Promise<void> {
    await waitFor(`stderr matching ${pattern}`, () => pattern.test(this.stderr), timeoutMs, 20).catch((e: Error) => {
      throw new Error(`${e.message}; stderr: ${this.stderr.slice(-3000)}`);
    });
  }

  /** Ends stdin and resolves with the exit status, failing past `timeoutMs`. */
  async end(timeoutMs = 1000): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const started = performance.now();
    this.child.stdin.end();
    return this.#waitExit(started, timeoutMs);
  }

  async signal(signal: NodeJS.Signals, timeoutMs = 1000): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const started = performance.now();
    this.child.kill(signal);
    return this.#waitExit(started, timeoutMs);
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  async #waitExit(started: number, timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.kill();
        reject(new Error(`still running ${timeoutMs} ms later`));
      }, timeoutMs);
    });
    try {
      const status = await Promise.race([this.exited, timeout]);
      return { ...status, ms: performance.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Runs a command to completion with `input` on its stdin; stdout as latin1 (bytes as they were), stderr as text. */
export function runToEnd(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  input = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], { env, cwd: '/' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('latin1');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Runs the CLI to completion (one-shot mode), like a shell user. */
export function runCli(
  args: readonly string[],
  input = '',
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runToEnd(process.execPath, [BIN, ...args], env, input);
}

export function writeConfig(path: string, lines: readonly string[]): string {
  writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600 });
  return path;
}

export const PEERS = 'peer 64700=www.x.example.net,64701=www.z.example.net,64702=www.y.example.net,64086.59905=www.far.example.net';

/** A config's lines for the FRR testbed's vty on `vtyPort`, the testbed's POPs, and self X. */
export function testbedConfigLines(vtyPort: number): string[] {
  return ['route_server zebra', 'host 127.0.0.1', `port ${vtyPort}`, 'password frub', PEERS, 'self www.x.example.net'];
}
