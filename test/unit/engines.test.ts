import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { haproxyCommand, replaceHaproxyMap } from '../../src/engines/haproxy-runtime.js';
import { commandProblem, runReloadCommand } from '../../src/engines/reload-command.js';
import { FaultHaproxy, type FaultReply } from '../helpers/fault-haproxy.js';
import { waitFor } from '../helpers/wait.js';
import { scratchDir } from '../helpers/scratch.js';

/** Whether a process with this PID is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("an export line's command", () => {
  it('returns when the shell exits, however long a daemon it started keeps the output open', async () => {
    const dir = scratchDir('command');
    const started = performance.now();
    const outcome = await runReloadCommand(`sleep 40 & echo $! > ${join(dir, 'pid')}; echo reloaded`, 10_000);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(outcome).toEqual({ ok: true, how: 'exit 0', output: 'reloaded' });
    // The daemon is its own business: it is still running, and stopped here.
    const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    expect(alive(pid)).toBe(true);
    process.kill(pid, 'SIGKILL');
  });

  it('is killed with everything it started at its limit, and says so truly', async () => {
    const dir = scratchDir('command');
    const started = performance.now();
    const outcome = await runReloadCommand(`sleep 60 & echo $! > ${join(dir, 'pid')}; sleep 60`, 500);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(outcome.ok).toBe(false);
    expect(outcome.how).toBe('killed after 0.5 s');
    const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    await waitFor('the group killed', async () => !alive(pid), 3000);
  });

  it('a command that ignores SIGTERM is killed all the same', async () => {
    const outcome = await runReloadCommand("trap '' TERM; sleep 60", 300);
    expect(outcome.how).toBe('killed after 0.3 s');
  });

  it('keeps only the tail of megabytes of output, made printable', async () => {
    const outcome = await runReloadCommand("head -c 20000000 /dev/zero | tr '\\0' x; printf '\\033[31mend'; exit 3", 20_000);
    expect(outcome.ok).toBe(false);
    expect(outcome.how).toBe('exit 3');
    expect(outcome.output.length).toBeLessThan(600);
    expect(outcome.output.includes('\u001b')).toBe(false);
    expect(outcome.output).toMatch(/\\x1b\[31mend$/);
  });

  it('is checked before it runs: its syntax and its first word on PATH', async () => {
    expect(await commandProblem('nginx -t -q && nginx -s reload', '/usr/sbin:/usr/bin:/bin')).toBeUndefined();
    expect(await commandProblem('/nonexistent/reload-cmd')).toBe('"/nonexistent/reload-cmd" is not an executable file');
    expect(await commandProblem('no-such-command-here --reload', '/usr/bin:/bin')).toMatch(
      /^"no-such-command-here" is not on PATH \(\/usr\/bin:\/bin\)/,
    );
    expect(await commandProblem('echo (')).toMatch(/^"echo \(" is not valid sh: /);
    expect(await commandProblem('FOO=1 true')).toBeUndefined();
    expect(await commandProblem('if true; then true; fi')).toBeUndefined();
  });
});

describe("HAProxy's runtime API, faults", () => {
  let fake: FaultHaproxy | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  async function fault(reply: (command: string) => FaultReply): Promise<string> {
    fake = new FaultHaproxy(scratchDir('haproxy'), reply);
    await fake.listen();
    return fake.socket;
  }
  const prepared = 'New version created: 7\n\n';

  it('a connection closed without an answer to add or commit is a failure, never "replaced"', async () => {
    for (const closing of ['add map', 'commit map']) {
      const socket = await fault((c) => (c.startsWith('prepare') ? prepared : c.startsWith(closing) ? 'close' : '\n'));
      await expect(replaceHaproxyMap(socket, '/x.map', ['10.0.0.0/8 a\n'])).rejects.toThrow(/closed the connection without answering/);
      await fake!.close();
    }
    fake = undefined;
  });

  it('prepare with no version is a failure naming the map', async () => {
    const socket = await fault(() => 'close');
    await expect(replaceHaproxyMap(socket, '/x.map', ['10.0.0.0/8 a\n'])).rejects.toThrow(
      /HAProxy has no map \/x\.map: the connection closed without an answer/,
    );
  });

  it('a reply of megabytes is dropped at the limit, not held', async () => {
    const socket = await fault(() => ({ bytes: 128 * 1024 * 1024 }));
    const before = process.memoryUsage().rss;
    await expect(haproxyCommand(socket, 'show map')).rejects.toThrow(/a reply of more than 1048576 bytes/);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('silence is a failure within the limit', async () => {
    const socket = await fault(() => 'silent');
    await expect(haproxyCommand(socket, 'prepare map /x.map', 300)).rejects.toThrow(/no answer within 300 ms to "prepare map \/x\.map"/);
  });

  it('garbage is a refusal, its bytes escaped', async () => {
    const socket = await fault((c) => (c.startsWith('prepare') ? prepared : '\x1b[2J\x00oops\n'));
    await expect(replaceHaproxyMap(socket, '/x.map', ['10.0.0.0/8 a\n'])).rejects.toThrow(
      /refused the entries for \/x\.map: \\x1b\[2J\\x00oops$/,
    );
  });

  it('the real answers are success', async () => {
    const socket = await fault((c) => (c.startsWith('prepare') ? prepared : '\n'));
    const file = join(scratchDir('haproxy'), 'x.map');
    writeFileSync(file, '');
    expect(await replaceHaproxyMap(socket, file, ['10.0.0.0/8 a\n', '# comment\n10.1.0.0/16 b\n'])).toEqual({ version: 7, payloads: 1 });
    expect(existsSync(file)).toBe(true);
  });
});
