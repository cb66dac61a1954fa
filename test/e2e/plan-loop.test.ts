import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { MapProgram, runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/scratch.js';
import { waitFor } from '../helpers/wait.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const X = 'www.x.example.net';
const Y = 'www.y.example.net';

/** The capacity example (POP Y: 10 requests a second) with a log --serve follows and plans from, a plan a second. */
function loopExample(extra: readonly string[] = []): { dir: string; conf: string; log: string } {
  const dir = scratchDir('plan-loop');
  cpSync(join(ROOT, 'examples/capacity'), dir, { recursive: true });
  const conf = join(dir, 'supersparrow.conf');
  const log = join(dir, 'live.log');
  writeFileSync(log, '');
  appendFileSync(
    conf,
    [
      `demand_log ${log}`,
      'plan_interval 1',
      'demand_window 3',
      `audit_file ${join(dir, 'audit')}`,
      `metrics_dir ${dir}`,
      ...extra,
      '',
    ].join('\n'),
  );
  return { dir, conf, log };
}

/**
 * Writes combined-format lines stamped with the time they are written: per second, `rates[k]` requests
 * from 192.168.(200 + k).0/24 (all four behind POP Y), in tenths of a second, until stopped.
 */
class LiveLog {
  #rates: number[] = [0, 0, 0, 0];
  readonly #timer: NodeJS.Timeout;
  /** Per stream: lines written, and what is due since the rate was set, by the clock (a late tick writes more). */
  #written = [0, 0, 0, 0];
  #since = Date.now();

  constructor(readonly file: string) {
    this.#timer = setInterval(() => this.#write(), 100);
  }

  set rates(rates: number[]) {
    this.#rates = rates;
    this.#written = [0, 0, 0, 0];
    this.#since = Date.now();
  }

  #write(): void {
    const d = new Date();
    const two = (n: number): string => String(n).padStart(2, '0');
    const stamp = `${two(d.getUTCDate())}/${d.toUTCString().slice(8, 11)}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
    const elapsed = (d.getTime() - this.#since) / 1000;
    let text = '';
    this.#rates.forEach((rate, k) => {
      const due = Math.floor(elapsed * rate) - this.#written[k]!;
      for (let i = 0; i < due; i++)
        text += `192.168.${200 + k}.${1 + ((this.#written[k]! + i) % 250)} - - [${stamp}] "GET / HTTP/1.1" 200 512 "-" "test"\n`;
      this.#written[k]! += Math.max(0, due);
    });
    if (text) appendFileSync(this.file, text);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

const planLines = (dir: string): string[] =>
  existsSync(join(dir, 'plan'))
    ? readFileSync(join(dir, 'plan'), 'utf8')
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('#'))
    : [];

describe('--serve plans from the logs it follows (demand_log)', () => {
  const running: Array<{ stop(): void } | MapProgram> = [];
  afterEach(async () => {
    for (const r of running.splice(0)) {
      if (r instanceof MapProgram) await r.signal('SIGTERM', 5000);
      else r.stop();
    }
  });

  it('moves a prefix out within seconds of an overload in the log, audited and measured, and back once the load falls', async () => {
    const { dir, conf, log } = loopExample();
    const live = new LiveLog(log);
    running.push(live);
    live.rates = [2, 2, 1, 1];
    const serve = new MapProgram(['-c', conf, '--serve'], { env: { PATH: process.env.PATH } });
    running.push(serve);
    await waitFor('the loop started', async () => /demand: following .*live\.log; a plan every 1 s \(apply\)/.test(serve.stderr), 10_000);
    // Under capacity for a whole window: no plan.
    await waitFor('a first turn with no change', async () => metric(dir, 'supersparrow_plan_last_seconds') > 0, 10_000);
    expect(planLines(dir)).toEqual([]);
    // 14/s at Y against 9/s at its high watermark.
    const onset = Date.now();
    live.rates = [6, 4, 2, 2];
    await waitFor('a plan in force', async () => planLines(dir).length > 0, 15_000);
    const reaction = Date.now() - onset;
    expect(reaction).toBeLessThan(15_000);
    expect(planLines(dir).every((l) => l.endsWith(` ${X}  # from ${Y}`))).toBe(true);
    await waitFor(
      'the plan taken by the running process',
      async () => /plan file \S+plan: \d+ prefix(es)? planned/.test(serve.stderr),
      5000,
    );
    const audit = readFileSync(join(dir, 'audit'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(audit[0]).toEqual(expect.objectContaining({ by: 'serve', unit: 'requests/s', forced: false }));
    expect(audit[0]!.added).toEqual(expect.arrayContaining([expect.objectContaining({ pop: X })]));
    // Projected at or below the high watermark; measured the same once applied, give or take the window.
    await waitFor(
      'the applied plan measured',
      async () => metric(dir, 'supersparrow_plan_measured_use', 'www.y.example.net') <= 0.95,
      10_000,
    );
    await waitFor(
      'Y projected within its watermark',
      async () => metric(dir, 'supersparrow_plan_projected_use', 'www.y.example.net') <= 0.9,
      10_000,
    );
    await waitFor('projected and measured together', async () => metric(dir, 'supersparrow_plan_divergence') < 0.2, 10_000);
    // The load falls below the low watermark with every block home: the moves go back.
    live.rates = [1, 1, 1, 1];
    await waitFor('the moves returned', async () => planLines(dir).length === 0, 15_000);
    expect(serve.stderr).not.toMatch(/this turn failed|TypeError|RangeError/);
  });

  it('in plan_mode shadow, makes and logs each plan and applies none', async () => {
    const { dir, conf, log } = loopExample(['plan_mode shadow', 'max_move 100']);
    const live = new LiveLog(log);
    running.push(live);
    live.rates = [6, 4, 2, 2];
    const serve = new MapProgram(['-c', conf, '--serve'], { env: { PATH: process.env.PATH } });
    running.push(serve);
    await waitFor('a shadow plan', async () => /plan \(shadow, not applied\): \d+ added/.test(serve.stderr), 15_000);
    expect(existsSync(join(dir, 'plan'))).toBe(false);
    expect(existsSync(join(dir, 'audit'))).toBe(false);
    // The metrics file is written after the turn's log line: waited for, not raced.
    await waitFor('a shadow turn counted', async () => metric(dir, 'supersparrow_plan_turns_total', undefined, 'shadow') > 0, 5000);
    // The whole plan, uncapped, projected; a capped turn would project more.
    await waitFor(
      'Y projected within its watermark',
      async () => metric(dir, 'supersparrow_plan_projected_use', 'www.y.example.net') <= 0.9,
      10_000,
    );
    await waitFor(
      'Y measured over its capacity',
      async () => metric(dir, 'supersparrow_plan_measured_use', 'www.y.example.net') > 1,
      10_000,
    );
  });

  it('refuses to start without what it needs, naming the fix; --check says what the loop would do', async () => {
    const { conf, log } = loopExample();
    const check = await runCli(['-c', conf, '--check']);
    expect(check.stdout).toMatch(/ok +demand_log +\S+live\.log: readable \(0 bytes\), followed from its end/);
    expect(check.stdout).toMatch(/ok +plan loop +a plan every 1 s \(apply\) from the last 3 s, written to \S+plan/);
    rmSync(log);
    const missing = await runCli(['-c', conf, '--check']);
    expect([missing.code, missing.stdout]).toEqual([1, expect.stringMatching(/problem +demand_log +\S+live\.log: ENOENT/)]);
    writeFileSync(conf, readFileSync(conf, 'utf8').replace(/^plan_file .*$/m, ''));
    const noPlanFile = await runCli(['-c', conf, '--serve']);
    expect([noPlanFile.code, noPlanFile.stderr]).toEqual([2, expect.stringMatching(/demand_log writes each plan to plan_file/)]);
    writeFileSync(conf, readFileSync(conf, 'utf8').replace(/^capacity .*$/gm, ''));
    const noCapacity = await runCli(['-c', conf, '--serve']);
    expect([noCapacity.code, noCapacity.stderr]).toEqual([2, expect.stringMatching(/demand_log plans each POP within its capacity/)]);
    const badMode = await runCli(['-c', conf, '--serve', '--plan-mode', 'sometimes']);
    expect([badMode.code, badMode.stderr]).toEqual([2, expect.stringMatching(/"plan_mode" is apply or shadow; got "sometimes"/)]);
  });
});

/** A sample of the one metrics file --serve writes in `dir`; -1 when it is not there yet. */
function metric(dir: string, name: string, pop?: string, result?: string): number {
  const file = readdirSync(dir).find((n) => /^supersparrow-serve-\d+\.prom$/.test(n));
  if (!file) return -1;
  const text = readFileSync(join(dir, file), 'utf8');
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (pop !== undefined && !line.includes(`pop="${pop}"`)) continue;
    if (result !== undefined && !line.includes(`result="${result}"`)) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return -1;
}
