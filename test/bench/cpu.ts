import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { CLI } from './figures.js';

/** CPU seconds (user and system) of one run, as /usr/bin/time counts them: steadier than wall time on a shared machine. */
export function cpuOf(args: string[], input: string): Promise<number> {
  return new Promise((resolveRun, reject) => {
    const fd = openSync(input, 'r');
    const child = spawn('/usr/bin/time', ['-f', 'cpu=%U+%S', process.execPath, CLI, ...args], { stdio: [fd, 'ignore', 'pipe'], env: {} });
    closeSync(fd);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const m = /cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
      if (code !== 0 || !m) reject(new Error(`exit ${code}: ${stderr.slice(-300)}`));
      else resolveRun(Number(m[1]) + Number(m[2]));
    });
  });
}
