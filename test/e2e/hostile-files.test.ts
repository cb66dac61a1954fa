import {
  chmodSync,
  chownSync,
  closeSync,
  lchownSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { MapProgram, writeConfig } from '../helpers/cli.js';
import { X, Y, Z } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';
import { waitFor } from '../helpers/wait.js';
import { startHealthServer } from '../helpers/health-server.js';

const TABLE = fileURLToPath(new URL('../../examples/paper-network.table', import.meta.url));
const LINES = ['route_server table', `table ${TABLE}`, `peer 64700=${X},64701=${Z},64702=${Y}`, `self ${X}`];

/** The list files a running map watches, each with what it takes, and a text that sends 192.168.193.15 to X. */
const LIST_FILES = [
  {
    name: 'drain file',
    directive: 'drain_file',
    limit: 1024 * 1024,
    inForce: `# maintenance window for POP Y, planned with the upstream\n${Y}\n`,
    binaryBefore: '',
  },
  {
    name: 'plan file',
    directive: 'plan_file',
    limit: 8 * 1024 * 1024,
    inForce: `# supersparrow plan: Network C's clients to POP X while POP Y is full\n192.168.193.0/24 ${X}\n`,
    binaryBefore: `192.168.193.0/24 ${X}\n`,
  },
];

const programs: MapProgram[] = [];
afterEach(() => {
  for (const p of programs.splice(0)) p.kill();
});

function map(config: string): MapProgram {
  const p = new MapProgram(['--config', config, '--batch']);
  programs.push(p);
  return p;
}

/** Rewrites a file in place (truncate, then write in two parts) every `everyMs` until stopped. */
function rewriteInPlace(file: string, text: string, everyMs: number): () => void {
  const half = Math.floor(text.length / 2);
  const timer = setInterval(() => {
    const fd = openSync(file, 'w');
    writeSync(fd, text.slice(0, half));
    writeSync(fd, text.slice(half));
    closeSync(fd);
  }, everyMs);
  return () => clearInterval(timer);
}

describe('files a running map reads: never a crash, never half a file', () => {
  it('a config edit with an IPv6 trusted_proxy applies, and the map goes on answering', async () => {
    const dir = scratchDir('v6-proxy');
    const file = writeConfig(join(dir, 'ss.conf'), [...LINES, 'trusted_proxy 2001:db8::/32, 192.0.2.0/24']);
    const m = map(file);
    expect((await m.ask('203.0.113.9')).answer).toBe(X);
    writeConfig(join(dir, 'ss.conf'), [
      ...LINES.filter((l) => !l.startsWith('self')),
      'self www.x2.example.net',
      'trusted_proxy 2001:db8::/32',
    ]);
    expect(await m.askUntil('203.0.113.9', 'www.x2.example.net', 3000)).toBeLessThan(3000);
    expect(m.child.exitCode).toBeNull();
    expect(m.stderr).toMatch(/config reloaded: self applied/);
  }, 15_000);

  describe.each(LIST_FILES)('$name', (kind) => {
    it.each([
      ['a symlink to /dev/zero', (path: string) => symlinkSync('/dev/zero', path)],
      ['a FIFO', (path: string) => execFileSync('mkfifo', [path])],
      ['bigger than allowed', (path: string) => writeFileSync(path, `${'#'.repeat(kind.limit + 1)}\n${kind.inForce}`)],
    ])(
      'that is %s is refused at once, and answers go on',
      async (_what, make) => {
        const dir = scratchDir(`${kind.directive}-hostile`);
        const file = join(dir, 'list');
        make(file);
        const m = map(writeConfig(join(dir, 'ss.conf'), [...LINES, `${kind.directive} ${file}`]));
        const { answer, ms } = await m.ask('192.168.193.15', 3000);
        expect(answer).toBe(Y);
        expect(ms).toBeLessThan(1500);
        expect(m.stderr).toMatch(new RegExp(`${kind.name} .*list.*(not a regular file|more than the ${kind.limit} allowed)`));
      },
      15_000,
    );

    it('with binary content is refused by its line and shown escaped, never raw', async () => {
      const dir = scratchDir(`${kind.directive}-binary`);
      const file = join(dir, 'list');
      writeFileSync(file, Buffer.concat([Buffer.from(kind.binaryBefore), Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0x07, 0xff, 0x0a])]));
      const m = map(writeConfig(join(dir, 'ss.conf'), [...LINES, `${kind.directive} ${file}`]));
      expect((await m.ask('192.168.193.15')).answer).toBe(Y);
      expect(m.stderr).toMatch(new RegExp(`list:${kind.binaryBefore === '' ? 1 : 2}: .*\\\\x1b\\[2J\\\\x07`));
      const controls = [...m.stderr].filter((c) => (c < ' ' && c !== '\n') || c === '\u007f');
      expect(controls).toEqual([]);
    });

    it('rewritten in place 100 times a second is never read half-written', async () => {
      const dir = scratchDir(`${kind.directive}-rewrite`);
      const file = join(dir, 'list');
      writeFileSync(file, kind.inForce);
      const m = map(writeConfig(join(dir, 'ss.conf'), [...LINES, `${kind.directive} ${file}`]));
      expect((await m.ask('192.168.193.15')).answer).toBe(X);
      const stop = rewriteInPlace(file, kind.inForce, 10);
      const answers: string[] = [];
      try {
        const until = Date.now() + 3000;
        while (Date.now() < until) answers.push((await m.ask('192.168.193.15')).answer);
      } finally {
        stop();
      }
      expect(answers.length).toBeGreaterThan(100);
      expect(answers.filter((a) => a !== X)).toEqual([]);
    }, 15_000);
  });

  it('a config rewritten in place 100 times a second is never applied half-written', async () => {
    const dir = scratchDir('config-rewrite');
    const file = writeConfig(join(dir, 'ss.conf'), LINES);
    const text = `${LINES.join('\n')}\n`;
    const m = map(file);
    expect((await m.ask('192.168.193.15')).answer).toBe(Y);
    const stop = rewriteInPlace(file, text, 10);
    const answers: string[] = [];
    try {
      const until = Date.now() + 3000;
      let i = 0;
      while (Date.now() < until) answers.push((await m.ask(i++ % 2 ? '192.168.193.15' : '203.0.113.9')).answer);
    } finally {
      stop();
    }
    expect(answers.length).toBeGreaterThan(100);
    expect(answers.filter((a, i) => a !== (i % 2 ? Y : X))).toEqual([]);
  }, 15_000);

  it('SIGUSR2 from the moment the program is loaded does not end the map (Apache never restarts a dead one)', async () => {
    const m = map(writeConfig(join(scratchDir('usr2'), 'ss.conf'), LINES));
    // Node itself boots first (tens of ms) with the default action; from the program's first line it is caught.
    const caught = (): boolean => {
      try {
        const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${m.child.pid}/status`, 'utf8'))?.[1] ?? '0';
        return (BigInt(`0x${mask}`) & (1n << 11n)) !== 0n;
      } catch {
        return false;
      }
    };
    while (!caught()) await new Promise((r) => setTimeout(r, 1));
    for (let i = 0; i < 10; i++) {
      m.child.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, 10));
    }
    expect((await m.ask('192.168.193.15')).answer).toBe(Y);
    expect(m.child.exitCode).toBeNull();
  }, 15_000);

  it('SIGUSR2 during a log run logs the counters and the run goes on to the end', async () => {
    const dir = scratchDir('usr2-log');
    const config = writeConfig(join(dir, 'ss.conf'), LINES);
    const p = new MapProgram(['--config', config, '--log']);
    programs.push(p);
    p.child.stdin.write('192.168.193.15 - - first\n');
    await p.waitForLines(1);
    p.child.kill('SIGUSR2');
    await p.waitForStderr(/stats: lookups=/);
    p.child.stdin.write('203.0.113.9 - - second\n');
    const status = await p.end(5000);
    expect(status.code).toBe(0);
    expect(p.stdout).toBe(`${Y}\t192.168.193.15 - - first\n${X}\t203.0.113.9 - - second\n`);
    expect(p.stderr).toMatch(/stats: lookups=1 /);
  }, 15_000);

  it('a shared health folder removed and made again by another user, with planted files, is never trusted', async () => {
    if (process.getuid?.() !== 0) throw new Error('this test plays another user (chown to nobody): run the suite as root, as .ci/run does');
    const health = await startHealthServer();
    try {
      health.status = 200;
      const dir = scratchDir('health-dir');
      const state = join(dir, 'state');
      const victim = join(dir, 'victim');
      writeFileSync(victim, 'root-owned, must stay\n', { mode: 0o600 });
      const m = map(writeConfig(join(dir, 'ss.conf'), [...LINES, `health ${Y} ${health.url}`, `health_state_dir ${state}`]));
      expect(await m.askUntil('192.168.193.15', Y, 3000)).toBeLessThan(3000);
      const recordOf = (): string | undefined => readdirSync(state).find((f) => /^health-[0-9a-f]+\.json$/.test(f));
      await waitFor('the shared health record', () => recordOf() !== undefined, 3000, 20).catch(() => undefined);
      const record = recordOf();
      expect(record).toBeDefined();
      // Another user takes the folder's place: world-writable, a record saying the POP is down, and a
      // link where this process would write its next record.
      rmSync(state, { recursive: true });
      mkdirSync(state, { mode: 0o777 });
      chmodSync(state, 0o777);
      writeFileSync(
        join(state, record!),
        JSON.stringify({ up: false, run: 0, sinceMs: Date.now(), probedAtMs: Date.now() + 60_000, detail: 'planted' }),
      );
      symlinkSync(victim, join(state, `${record}.${m.child.pid}.tmp`));
      for (const f of [state, join(state, record!)]) chownSync(f, 65534, 65534);
      lchownSync(join(state, `${record}.${m.child.pid}.tmp`), 65534, 65534);
      const answers: string[] = [];
      for (let i = 0; i < 20; i++) {
        answers.push((await m.ask('192.168.193.15')).answer);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(answers.filter((a) => a !== Y)).toEqual([]);
      expect(readFileSync(victim, 'utf8')).toBe('root-owned, must stay\n');
      expect(m.stderr).toMatch(/health results are no longer shared: .*state (belongs to another user|is writable by others)/);
      // Probing alone, it still follows the real URL.
      health.status = 503;
      expect(await m.askUntil('192.168.193.15', X, 3000)).toBeLessThan(3000);
    } finally {
      await health.stop();
    }
  }, 20_000);
});

describe('inputs another user could have written', () => {
  it('a plan another user wrote in a 1777 folder: refused as root, a problem for --check, taken with allow_shared_files on', async () => {
    if (process.getuid?.() !== 0) return expect(process.getuid?.()).not.toBe(0);
    const { chmodSync, chownSync, copyFileSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const { runCli, writeConfig } = await import('../helpers/cli.js');
    const { scratchDir } = await import('../helpers/scratch.js');
    const dir = scratchDir('shared');
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o1777);
    copyFileSync(fileURLToPath(new URL('../../examples/paper-network.table', import.meta.url)), join(dir, 'routes.table'));
    const plan = join(open, 'plan');
    writeFileSync(plan, '0.0.0.0/1 www.z.example.net\n');
    chownSync(plan, 65534, 65534);
    const lines = [
      'route_server table',
      'table routes.table',
      'peer 64701=www.z.example.net,64702=www.y.example.net',
      'self www.x.example.net',
      `plan_file ${plan}`,
    ];
    const config = writeConfig(join(dir, 'ss.conf'), lines);
    const refused = await runCli(['--config', config, '--batch'], '10.0.0.1\n');
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toMatch(
      new RegExp(`refused, running as root: ${plan.replaceAll('.', '\\.')} belongs to uid 65534.*allow_shared_files on`),
    );
    const check = await runCli(['--config', config, '--check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^problem +shared file +\S+\/open\/plan belongs to uid 65534/m);
    const allowed = writeConfig(join(dir, 'allowed.conf'), [...lines, 'allow_shared_files on']);
    const taken = await runCli(['--config', allowed, '--batch'], '10.0.0.1\n');
    expect([taken.code, taken.stdout]).toEqual([0, 'www.z.example.net\n']);
  });
});
