import { spawn } from 'node:child_process';

export interface CommandOutcome {
  readonly ok: boolean;
  /** How it ended, for a log line: "exit 1", "killed after 30 s", "could not start: …". */
  readonly how: string;
  /** The last of what it wrote to stdout and stderr, trimmed. */
  readonly output: string;
}

const KEPT_OUTPUT = 2000;

/** Runs an operator's command (`sh -c`) that has an engine read a file again; never rejects, and never outlives `timeoutMs`. */
export function runReloadCommand(command: string, timeoutMs: number): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT);
    };
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, how: `could not start: ${e.message}`, output: '' });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const how = timedOut ? `killed after ${timeoutMs / 1000} s` : signal ? `killed by ${signal}` : `exit ${code}`;
      resolve({ ok: !timedOut && code === 0, how, output: output.trim() });
    });
  });
}
