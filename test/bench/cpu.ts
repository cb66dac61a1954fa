import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { CLI } from './figures.js';

/**
 * CPU seconds (user and system) of one run, as /usr/bin/time counts them: steadier than wall time on
 * a shared machine. `pin` runs it on that CPU alone (taskset): a small virtual machine's CPUs may
 * differ in speed by half, so the runs a ratio compares must share one.
 */
export function cpuOf(args: string[], input: string, pin?: number): Promise<number> {
  return new Promise((resolveRun, reject) => {
    const fd = openSync(input, 'r');
    const timed = ['/usr/bin/time', '-f', 'cpu=%U+%S', process.execPath, CLI, ...args];
    const command = pin === undefined ? timed : ['taskset', '--cpu-list', String(pin), ...timed];
    const child = spawn(command[0]!, command.slice(1), { stdio: [fd, 'ignore', 'pipe'], env: {} });
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

export interface PairedCpu {
  /** Median CPU seconds of each side. */
  readonly a: number;
  readonly b: number;
  /** The median of the pairs' ratios a/b. */
  readonly ratio: number;
}

/**
 * `pairs` runs of each, taken back to back on one CPU, in alternating order and on each CPU in turn:
 * a noisy neighbour or a slower CPU slows both of a pair, and the median of the ratios shrugs off the rest.
 */
export async function pairedCpu(a: string[], b: string[], input: string, pairs: number): Promise<PairedCpu> {
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  const cpus = availableParallelism();
  for (let i = 0; i < pairs; i++) {
    const pin = (i >> 1) % cpus;
    const aFirst = i % 2 === 0;
    const first = await cpuOf(aFirst ? a : b, input, pin);
    const second = await cpuOf(aFirst ? b : a, input, pin);
    as.push(aFirst ? first : second);
    bs.push(aFirst ? second : first);
    ratios.push(as.at(-1)! / bs.at(-1)!);
  }
  return { a: median(as), b: median(bs), ratio: median(ratios) };
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
