import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { BIN, MapProgram, runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/scratch.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const X = 'www.x.example.net';
const Y = 'www.y.example.net';

/** The README's capacity example: each `$ command` and the output it shows. */
function readmeSession(): Array<{ command: string; output: string }> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Capacity'));
  const block = /```console\n([\s\S]*?)```/.exec(section)![1]!;
  const steps: Array<{ command: string; output: string }> = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), output: '' });
    else if (steps.length > 0) steps[steps.length - 1]!.output += `${line}\n`;
  }
  for (const step of steps) step.output = step.output.replace(/\n+$/, '');
  return steps;
}

/** A copy of the repository's example, so that --apply writes its plan there, not into the checkout. */
function exampleCopy(): string {
  const dir = scratchDir('capacity');
  cpSync(join(ROOT, 'examples/capacity'), join(dir, 'examples/capacity'), { recursive: true });
  return dir;
}

function shell(command: string, cwd: string): { stdout: string; status: number } {
  // The guide's commands as written, bin/supersparrow being the checkout's.
  const script = command.replaceAll('bin/supersparrow', `${process.execPath} ${BIN}`);
  try {
    return {
      stdout: execFileSync('bash', ['--norc', '-c', script], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH } }),
      status: 0,
    };
  } catch (e) {
    const failed = e as { stdout: string; status: number };
    return { stdout: failed.stdout, status: failed.status };
  }
}

describe('capacity planning, as the README shows it', () => {
  it('runs the README example as written: the plan, --apply, then batch answers that follow it', () => {
    const steps = readmeSession();
    expect(steps.map((s) => s.command.split(' ').slice(0, 4).join(' '))).toEqual([
      'bin/supersparrow -c examples/capacity/supersparrow.conf --plan',
      'bin/supersparrow -c examples/capacity/supersparrow.conf --plan',
      'grep -o \'"added":\\[[^]]*\\]\' examples/capacity/plan-audit.jsonl',
      "printf '192.168.201.9\\n192.168.200.9\\n' | bin/supersparrow",
    ]);
    const dir = exampleCopy();
    for (const step of steps) {
      const { stdout, status } = shell(step.command, dir);
      expect({ command: step.command, status, stdout: stdout.replace(/\n$/, '') }).toEqual({
        command: step.command,
        status: 0,
        stdout: step.output,
      });
    }
    expect(readFileSync(join(dir, 'examples/capacity/plan'), 'utf8')).toMatch(
      /^# supersparrow plan, made .*\n(#.*\n)*192\.168\.201\.0\/24 www\.x\.example\.net {2}# from www\.y\.example\.net\n$/,
    );
  });

  it('shows in docs/capacity.md the example’s report as it is: the loss of each POP, the difference, the explanation', async () => {
    const dir = exampleCopy();
    const conf = join(dir, 'examples/capacity/supersparrow.conf');
    const log = join(dir, 'examples/capacity/access.log');
    const report = (await runCli(['-c', conf, '--plan', '--explain', '192.168.201.0/24', log])).stdout;
    const guide = readFileSync(join(ROOT, 'docs/capacity.md'), 'utf8');
    const shown = [...guide.matchAll(/```\n((?:if one POP is lost|against the plan in force|explain )[\s\S]*?)```/g)].map((m) => m[1]!);
    expect(shown).toHaveLength(3);
    for (const block of shown) expect(report).toContain(block);
  });

  it('plans in tsv and json, and plans a POP’s drain with --without', async () => {
    const dir = exampleCopy();
    const conf = join(dir, 'examples/capacity/supersparrow.conf');
    const log = join(dir, 'examples/capacity/access.log');
    const json = await runCli(['-c', conf, '--plan', '--format', 'json', log]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { moves: Array<{ prefix: string; to: string; extra_hops: number }>; total_demand: number };
    expect(report.moves).toEqual([expect.objectContaining({ prefix: '192.168.201.0/24', to: X, extra_hops: 1, why: 'over-capacity' })]);
    expect(report.total_demand).toBe(14);
    // Losing Y, X takes its 9/s; losing X, Y would carry 12/s against 9/s at its high watermark.
    expect((report as unknown as { if_lost: unknown[] }).if_lost).toEqual([
      { pop: Y, demand: 9, absorbed: true, busiest: { pop: X, use: 0.14 }, over: 0 },
      { pop: X, demand: 5, absorbed: false, busiest: { pop: Y, use: 1.2 }, over: 3 },
    ]);
    const tsv = await runCli(['-c', conf, '--plan', '--format', 'tsv', log]);
    expect(tsv.stdout.split('\n')).toContain(`move\t192.168.201.0/24\t3\t${Y}\t${X}\t1\tover-capacity`);
    expect(tsv.stdout.split('\n')).toContain(`loss\t${X}\t5\tover\t${Y}\t1.2\t3`);
    const drained = await runCli(['-c', conf, '--plan', '--without', Y, '--format', 'json', log]);
    const without = JSON.parse(drained.stdout) as { out: string[]; pops: Array<{ pop: string; after: number }>; moves: unknown[] };
    expect(without.out).toEqual([Y]);
    expect(without.pops.find((p) => p.pop === X)!.after).toBe(14);
    expect(without.moves).toEqual([]);
  });

  it('says what an apply would change against the plan in force, refuses one over max_move unless --force, and audits each apply', async () => {
    const dir = exampleCopy();
    const conf = join(dir, 'examples/capacity/supersparrow.conf');
    const log = join(dir, 'examples/capacity/access.log');
    const audit = join(dir, 'audit.jsonl');
    writeFileSync(conf, `${readFileSync(conf, 'utf8')}audit_file ${audit}\nmax_move 20%\n`);
    const diffOf = async () =>
      (JSON.parse((await runCli(['-c', conf, '--plan', '--format', 'json', log])).stdout) as { diff: Record<string, unknown[]> }).diff;
    expect(await diffOf()).toEqual({
      added: [{ prefix: '192.168.201.0/24', pop: X, demand: 3 }],
      kept: [],
      returned: [],
      moved: 3,
    });
    // 3/s of 14/s is 21.4 %: over max_move 20 %, so nothing is written without --force.
    const capped = await runCli(['-c', conf, '--plan', '--apply', log]);
    expect(capped.code).toBe(1);
    expect(capped.stderr).toMatch(
      /plan not applied: it sends 3\/s somewhere new, 21\.4 % of the demand, over max_move 20 %; .* is unchanged \(--force applies it\)/,
    );
    expect(existsSync(join(dir, 'examples/capacity/plan'))).toBe(false);
    expect(() => readFileSync(audit)).toThrow();
    const forced = await runCli(['-c', conf, '--plan', '--apply', '--force', log]);
    expect([forced.code, forced.stderr]).toEqual([0, expect.stringMatching(/plan applied: 1 prefix written/)]);
    // Planned again at once: the move is kept, nothing added or returned, and an apply moves nothing new.
    expect(await diffOf()).toEqual({ added: [], kept: [{ prefix: '192.168.201.0/24', pop: X, demand: 3 }], returned: [], moved: 0 });
    const table = await runCli(['-c', conf, '--plan', log]);
    expect(table.stdout).toMatch(/^against the plan in force: 0 \(0\/s\) added, 1 \(3\/s\) kept, 0 \(0\/s\) returned to the routes$/m);
    expect((await runCli(['-c', conf, '--plan', '--apply', log])).code).toBe(0);
    const lines = readFileSync(audit, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    const digest = createHash('sha256').update(readFileSync(log)).digest('hex');
    expect(lines[0]).toEqual(
      expect.objectContaining({
        user: expect.any(String),
        forced: true,
        maxMove: 0.2,
        highWatermark: 0.9,
        inputs: [{ file: log, sha256: digest }],
        moves: [expect.objectContaining({ prefix: '192.168.201.0/24', from: Y, to: X, demand: 3, why: 'over-capacity' })],
        added: [{ prefix: '192.168.201.0/24', pop: X, demand: 3 }],
        projected: expect.arrayContaining([expect.objectContaining({ pop: Y, capacity: 10, after: 9 })]),
      }),
    );
    expect(lines[1]).toEqual(expect.objectContaining({ forced: false, added: [], moves: [expect.objectContaining({ why: 'kept' })] }));
    expect(await runCli(['-c', conf, '--plan', '--force', log])).toEqual(
      expect.objectContaining({ code: 2, stderr: expect.stringMatching(/--force is for --plan --apply/) }),
    );
  });

  it('explains with --explain why a prefix or an address is where the plan puts it', async () => {
    const dir = exampleCopy();
    const conf = join(dir, 'examples/capacity/supersparrow.conf');
    const log = join(dir, 'examples/capacity/access.log');
    const moved = await runCli(['-c', conf, '--plan', '--explain', '192.168.201.0/24', log]);
    expect(moved.stdout).toMatch(/^explain 192\.168\.201\.0\/24: 3\/s measured inside it$/m);
    expect(moved.stdout).toMatch(
      /^ {2}192\.168\.201\.0\/24 to www\.x\.example\.net \(1 extra hop\): www\.y\.example\.net was over its limit/m,
    );
    const stays = JSON.parse((await runCli(['-c', conf, '--plan', '--format', 'json', '--explain', '192.168.200.9', log])).stdout) as {
      explain: { prefix: string; home: string; moves: unknown[]; because: string };
    };
    expect(stays.explain).toEqual(expect.objectContaining({ prefix: '192.168.200.0/24', home: Y, moves: [] }));
    expect(stays.explain.because).toMatch(/^it stays at www\.y\.example\.net: moving other demand away was enough or cheaper/);
    const bad = await runCli(['-c', conf, '--plan', '--explain', 'bogus', log]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/--explain takes a prefix or an address/)]);
  });

  it('shows in --summary each POP’s demand against its capacity, and with --without where a drain would put it', async () => {
    const dir = exampleCopy();
    const conf = join(dir, 'examples/capacity/supersparrow.conf');
    const log = join(dir, 'examples/capacity/access.log');
    const tsv = await runCli(['-c', conf, '--summary', '--without', Y, '--format', 'tsv', log]);
    expect(tsv.code).toBe(0);
    expect(tsv.stdout.split('\n').filter((l) => l.startsWith('capacity\t'))).toEqual([
      `capacity\t${Y}\t10\t12\t0`,
      `capacity\t${X}\t100\t2\t14`,
    ]);
    const json = JSON.parse((await runCli(['-c', conf, '--summary', '--format', 'json', log])).stdout) as {
      capacity: { rows: Array<{ pop: string; demand: number; projected: number | null }> };
      demand: { window_seconds: number; windows: unknown[] };
    };
    expect(json.capacity.rows.map((r) => [r.pop, r.demand])).toEqual([
      [Y, 12],
      [X, 2],
    ]);
    expect([json.demand.window_seconds, json.demand.windows.length]).toEqual([60, 2]);
  });

  it('plans from several hosts’ JSON summaries as from their logs together', async () => {
    const dir = exampleCopy();
    const conf = join(dir, 'examples/capacity/supersparrow.conf');
    const lines = readFileSync(join(dir, 'examples/capacity/access.log'), 'utf8').split('\n').filter(Boolean);
    const halves = [lines.filter((_, i) => i % 2 === 0), lines.filter((_, i) => i % 2 === 1)];
    const files: string[] = [];
    for (const [i, half] of halves.entries()) {
      const log = join(dir, `pop${i}.log`);
      writeFileSync(log, `${half.join('\n')}\n`);
      const summary = await runCli(['-c', conf, '--summary', '--format', 'json', log]);
      files.push(join(dir, `pop${i}.json`));
      writeFileSync(files[i]!, summary.stdout);
    }
    const merged = await runCli(['-c', conf, '--plan', '--format', 'json', ...files]);
    const whole = await runCli(['-c', conf, '--plan', '--format', 'json', join(dir, 'examples/capacity/access.log')]);
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(whole.stdout));
  });

  it('says when demand exceeds every POP’s capacity, and exits 1', async () => {
    const dir = exampleCopy();
    const conf = join(dir, 'examples/capacity/supersparrow.conf');
    writeFileSync(conf, readFileSync(conf, 'utf8').replace('capacity www.x.example.net 100/s', 'capacity www.x.example.net 4/s'));
    const run = await runCli(['-c', conf, '--plan', join(dir, 'examples/capacity/access.log')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /demand \(14\/s\) exceeds every POP's capacity at the high watermark together: the excess is spread in proportion, each POP at 100\.0 %/,
    );
  });

  it('leaves out lines whose time or size no request can have, counted, and plans the same as without them', async () => {
    const dir = exampleCopy();
    const conf = join(dir, 'examples/capacity/supersparrow.conf');
    const log = join(dir, 'examples/capacity/access.log');
    const clean = await runCli(['-c', conf, '--plan', '--format', 'json', log]);
    const bad = [
      '192.168.201.9 - - [01/Foo/2026:18:00:00 +0000] "GET / HTTP/1.1" 200 10',
      '192.168.201.9 - - [31/Dec/1969:18:00:00 +0000] "GET / HTTP/1.1" 200 10',
      `192.168.201.9 - - [01/Dec/${new Date().getUTCFullYear() + 1}:18:00:00 +0000] "GET / HTTP/1.1" 200 10`,
    ];
    writeFileSync(log, `${readFileSync(log, 'utf8')}${bad.join('\n')}\n`);
    const run = await runCli(['-c', conf, '--plan', '--format', 'json', log]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(clean.stdout));
    expect(run.stderr).toMatch(/3 bad lines: a time unreadable, out of range or more than a day ahead; left out of the demand/);
    // Capacity in bits: a size past 1 TB is a bad line too.
    writeFileSync(conf, readFileSync(conf, 'utf8').replace(/ (\d+)\/s$/gm, ' $1Mbit/s'));
    writeFileSync(log, `${readFileSync(log, 'utf8')}192.168.201.9 - - [01/Dec/2026:18:00:00 +0000] "GET / HTTP/1.1" 200 1000000000001\n`);
    const bits = await runCli(['-c', conf, '--plan', log]);
    expect(bits.stderr).toMatch(/1 bad lines: a response size past 1 TB; left out of the demand/);
  });

  it('ends at once with status 1 and one line when the route server does not answer', async () => {
    const dir = exampleCopy();
    const conf = join(dir, 'examples/capacity/supersparrow.conf');
    writeFileSync(conf, readFileSync(conf, 'utf8').replace(/^route_server table$/m, 'route_server zebra\nhost 127.0.0.1\nport 9'));
    const started = Date.now();
    const run = await runCli(['-c', conf, '--plan', join(dir, 'examples/capacity/access.log')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^supersparrow: --plan needs the route server's answer for every line, and zebra 127\.0\.0\.1:9 does not answer \(.*ECONNREFUSED.*\); nothing planned$/,
      ),
    ]);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('has --check read the plan file and name each capacity, and fail on a plan it would refuse', async () => {
    const dir = exampleCopy();
    const conf = join(dir, 'examples/capacity/supersparrow.conf');
    writeFileSync(join(dir, 'examples/capacity/plan'), `192.168.201.0/24 ${X}\n`);
    const good = await runCli(['-c', conf, '--check']);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/ok +plan file +\S+plan: 1 planned prefixes in force/);
    expect(good.stdout).toMatch(new RegExp(`ok +capacity +${Y.replace(/\./g, '\\.')} 10/s`));
    writeFileSync(join(dir, 'examples/capacity/plan'), '192.168.201.0/24 nowhere.example\n');
    const bad = await runCli(['-c', conf, '--check']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/problem +warning +.*plan:1: "nowhere\.example" is not a POP/);
  });

  it('refuses --plan without capacity lines and --apply without a plan file', async () => {
    const bare = await runCli(['--route-server', 'table', '--table', join(ROOT, 'examples/paper-network.table'), '--plan', '/dev/null']);
    expect([bare.code, bare.stderr]).toEqual([
      2,
      expect.stringMatching(/--plan needs each POP's capacity: add "capacity www\.y\.example\.net 800\/s"/),
    ]);
    const dir = exampleCopy();
    const conf = join(dir, 'examples/capacity/supersparrow.conf');
    writeFileSync(conf, readFileSync(conf, 'utf8').replace(/^plan_file .*$/m, ''));
    const noFile = await runCli(['-c', conf, '--plan', '--apply', join(dir, 'examples/capacity/access.log')]);
    expect([noFile.code, noFile.stderr]).toEqual([2, expect.stringMatching(/--apply writes the plan to plan_file/)]);
  });

  it('has a running map take a new plan within a second, refuse a bad one by its line, and keep the previous', async () => {
    const dir = exampleCopy();
    const conf = join(dir, 'examples/capacity/supersparrow.conf');
    const plan = join(dir, 'examples/capacity/plan');
    const map = new MapProgram(['-c', conf, '--batch']);
    const stderrShows = (pattern: RegExp): Promise<void> => map.waitForStderr(pattern, 3000);
    try {
      expect((await map.ask('192.168.202.9')).answer).toBe(Y);
      writeFileSync(plan, `192.168.202.0/24 ${X}\n`);
      expect(await map.askUntil('192.168.202.9', X, 1500)).toBeLessThan(1500);
      await stderrShows(/plan file .*plan: 1 prefix planned/);
      expect((await map.ask('192.168.203.9')).answer).toBe(Y);
      writeFileSync(plan, `192.168.202.0/24 ${X}\n192.168.203.0/24 www.nowhere.example\n`);
      await stderrShows(/plan:2: "www\.nowhere\.example" is not a POP.*the previous plan file stays in force/);
      expect((await map.ask('192.168.202.9')).answer).toBe(X);
      expect((await map.ask('192.168.203.9')).answer).toBe(Y);
      expect((await map.end()).code).toBe(0);
    } finally {
      map.kill();
    }
  });
});
