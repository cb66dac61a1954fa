import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { MapProgram, runCli, writeConfig } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';
import { scratchDir } from '../helpers/scratch.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PEERS = 'peer 64700=www.x.example.net,64701=www.z.example.net,64702=www.y.example.net';

/** The bundled paper network as a table of its own, and a config over it with `extra` lines. */
function paperNetwork(extra: readonly string[]): { dir: string; config: string } {
  const dir = scratchDir('serve-e2e');
  copyFileSync(join(ROOT, 'examples/paper-network.table'), join(dir, 'routes.table'));
  writeFileSync(join(dir, 'drain'), '');
  const config = writeConfig(join(dir, 'supersparrow.conf'), [
    'route_server table',
    'table routes.table',
    PEERS,
    'self www.x.example.net',
    'drain_file drain',
    ...extra,
  ]);
  return { dir, config };
}

const count = (text: string, pattern: RegExp): number => text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;

describe('--serve', () => {
  it('refuses to start without export lines, or over a route server that cannot give its whole table', async () => {
    const { config } = paperNetwork([]);
    const none = await runCli(['--config', config, '--serve']);
    expect([none.code, none.stdout, none.stderr]).toEqual([
      2,
      '',
      expect.stringMatching(
        /--serve keeps export files current, or plans from followed logs: add lines such as "export haproxy-map \/etc\/haproxy\/supersparrow-pop\.map"/,
      ),
    ]);
    const live = await runCli(['--route-server', 'zebra', '--host', '127.0.0.1', '--export-to', 'csv /tmp/x.csv', '--serve']);
    expect([live.code, live.stderr]).toEqual([2, expect.stringMatching(/--serve needs route_server mrt or table/)]);
    const both = await runCli(['--config', config, '--serve', '--export', 'csv']);
    expect([both.code, both.stderr]).toEqual([2, 'supersparrow: --export and --serve are separate runs: give one\n']);
  });

  it('rewrites only what changed, runs the command after each change, and tries a failed command again', async () => {
    const { dir, config } = paperNetwork([
      'export haproxy-map pop.map',
      // Fails until the flag file exists, as a reload does while its engine is down.
      'export csv pop.csv test -e FLAG && echo reloaded',
      'metrics_dir metrics',
    ]);
    mkdirSync(join(dir, 'metrics'));
    /** The one metrics file --serve writes, as text. */
    const metrics = (): string => {
      const files = readdirSync(join(dir, 'metrics')).filter((n) => /^supersparrow-serve-\d+\.prom$/.test(n));
      return files.length === 1 ? readFileSync(join(dir, 'metrics', files[0]!), 'utf8') : '';
    };
    const csvFile = join(dir, 'pop.csv');
    const sample = (name: string, extra = ''): string | undefined =>
      new RegExp(`^${name}\\{[^}]*file="${csvFile}",format="csv"${extra}\\} (\\S+)$`, 'm').exec(metrics())?.[1];
    const flag = join(dir, 'ok');
    writeFileSync(config, readFileSync(config, 'utf8').replace('FLAG', flag));
    const serve = new MapProgram(['--config', config, '--serve'], { env: { PATH: process.env.PATH } });
    try {
      await waitFor('the first writes', async () => /wrote .*pop\.csv/.test(serve.stderr), 10_000);
      await waitFor('the failing command', async () => /"test -e \S+ && echo reloaded" failed \(exit 1\)/.test(serve.stderr), 5000);
      // Told to an alert: the command failed, the export is behind. Behind holds from the write on; the
      // failure is counted once the command has ended: the metrics are waited for on the count.
      await waitFor('the metrics', async () => Number(sample('supersparrow_export_failures_total', ',step="command"')) >= 1, 5000);
      expect(sample('supersparrow_export_behind')).toBe('1');
      expect(sample('supersparrow_export_writes_total')).toBe('1');
      writeFileSync(flag, '');
      await waitFor('the command tried again', async () => /ran "test -e \S+ && echo reloaded": reloaded/.test(serve.stderr), 10_000);
      await waitFor('the metrics current', async () => sample('supersparrow_export_behind') === '0', 5000);
      const writes = count(serve.stderr, /wrote /);
      const loads = count(serve.stderr, /route server reloaded/);
      // A change that moves no block: the table's comment.
      writeFileSync(join(dir, 'routes.table'), `# touched\n${readFileSync(join(dir, 'routes.table'), 'utf8')}`);
      await waitFor('the table read again', async () => count(serve.stderr, /route server reloaded/) > loads, 5000);
      // The write it made weighed the table and found no block moved.
      await waitFor('the table weighed', async () => /no file changed: table reloaded/.test(serve.stderr), 5000);
      expect(count(serve.stderr, /wrote /)).toBe(writes);
      // A drain moves blocks: both files are written, once.
      writeFileSync(join(dir, 'drain'), 'www.y.example.net\n');
      await waitFor('the drain written', async () => count(serve.stderr, /wrote /) >= writes + 2, 5000);
      expect(readFileSync(join(dir, 'pop.map'), 'utf8')).not.toMatch(/www\.y\.example\.net/);
      // SIGHUP writes everything again; once it has, the drain is seen to have written both files once.
      serve.child.kill('SIGHUP');
      await waitFor('SIGHUP written', async () => count(serve.stderr, /wrote .*: .*SIGHUP/) >= 2, 5000);
      expect(count(serve.stderr, /wrote /)).toBe(writes + 4);
      expect(serve.stdout).toBe('');
    } finally {
      const end = await serve.signal('SIGTERM', 5000);
      expect(end.code).toBe(0);
      // A stopped process's figures are not left behind as current.
      expect(metrics()).toBe('');
    }
  }, 30_000);
});

describe('--check with export lines', () => {
  it('says which files --serve can replace, and fails on a folder it cannot write or a HAProxy socket that is not there', async () => {
    const { dir, config } = paperNetwork([
      'export csv pop.csv echo reloaded',
      'export haproxy-map /nonexistent/pop.map',
      'haproxy_socket haproxy.sock',
      'export nginx-geo pop.geo /nonexistent/reload-cmd',
      'export gdnsd-nets pop.nets echo (',
    ]);
    const check = await runCli(['--config', config, '--check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(
      new RegExp(`ok +export csv +${join(dir, 'pop.csv').replaceAll('.', '\\.')} can be replaced, then "echo reloaded"`),
    );
    expect(check.stdout).toMatch(
      /problem +export haproxy-map +cannot write beside \/nonexistent\/pop\.map: .*ENOENT.*the folder must be writable/,
    );
    expect(check.stdout).toMatch(/problem +HAProxy map +HAProxy's runtime API at \S+haproxy\.sock: ENOENT: is HAProxy running/);
    // A command that cannot run would fail after every write: said before it ever runs.
    expect(check.stdout).toMatch(
      /problem +export command +"\/nonexistent\/reload-cmd" is not an executable file: it would fail after every write of \S+pop\.geo/,
    );
    expect(check.stdout).toMatch(/problem +export command +"echo \(" is not valid sh: /);
    expect(check.stdout).toMatch(/^4 problems$/m);
  });
});

describe('--exabgp on its own', () => {
  it('asks no route server and warns of no missing POP: a config of self and anycast lines is whole', async () => {
    const dir = scratchDir('exabgp-alone');
    const config = writeConfig(join(dir, 'anycast.conf'), ['self www.x.example.net', 'anycast 203.0.113.0/24 next-hop 192.0.2.1']);
    const program = new MapProgram(['--config', config, '--exabgp'], { env: { PATH: process.env.PATH } });
    await waitFor('the announcement', async () => program.stdout.includes('announce route 203.0.113.0/24'), 10_000);
    // Longer than the route server's first retry and a session poll would take.
    await new Promise((r) => setTimeout(r, 1500));
    const end = await program.end(5000);
    expect(end.code).toBe(0);
    expect(program.stdout).toBe('announce route 203.0.113.0/24 next-hop 192.0.2.1\nwithdraw route 203.0.113.0/24 next-hop 192.0.2.1\n');
    expect(program.stderr).not.toMatch(/route server|no POP is configured/);
    // --check tries what --exabgp uses, not a route server it never asks.
    const check = await runCli(['--config', config, '--check']);
    expect([check.code, check.stderr]).toEqual([0, '']);
    expect(check.stdout).toMatch(/^ok +anycast +203\.0\.113\.0\/24 next-hop 192\.0\.2\.1/m);
    expect(check.stdout).not.toMatch(/ECONNREFUSED|2605/);
  }, 20_000);

  it('lives through any message ExaBGP may send, and hears the one after it in the same read', async () => {
    const dir = scratchDir('exabgp-hostile');
    const config = writeConfig(join(dir, 'anycast.conf'), ['self www.x.example.net', 'anycast 203.0.113.0/24 next-hop 192.0.2.1']);
    const program = new MapProgram(['--config', config, '--exabgp'], { env: { PATH: process.env.PATH } });
    try {
      await waitFor('the announcement', async () => program.stdout.includes('announce route 203.0.113.0/24'), 10_000);
      program.child.stdin.write(
        [
          '{"type":"state","neighbor":{"address":{"peer":{"toString":1}},"state":"up"}}',
          '{"type":"state","neighbor":null}',
          '{"type":"state","neighbor":{"address":{"peer":"127.0.0.1\\u001b[2J"},"state":"up"}}',
          '',
        ].join('\n'),
      );
      // Each "up" re-announces what a new session lost: two of them, after the first announcement.
      await waitFor('both re-announcements', async () => (program.stdout.match(/^announce route/gm) ?? []).length === 3, 10_000);
      expect(program.stderr).toContain('ExaBGP: neighbor ? up');
      expect(program.stderr).toContain('ExaBGP: neighbor 127.0.0.1\\x1b[2J up');
      expect(program.stderr.includes('\u001b')).toBe(false);
      const end = await program.end(5000);
      expect(end.code).toBe(0);
    } finally {
      program.kill();
    }
  }, 30_000);
});

describe('--serve writes from one snapshot: never a file that mixes two POP states', () => {
  it('with a drain toggled faster than a full table (1M prefixes) renders, every version written equals a one-off export, and SIGTERM leaves the last state', async () => {
    const { randomMrtTable } = await import('../helpers/random-table.js');
    const { statSync } = await import('node:fs');
    const dir = scratchDir('serve-snapshot');
    writeFileSync(join(dir, 'rib.mrt'), randomMrtTable(1_000_000, 4242).dump);
    const lines = (drain: string, extra: readonly string[] = []) => [
      'route_server mrt',
      'table rib.mrt',
      'peer 64700=www.x.example.net,64701=www.z.example.net,64702=www.y.example.net',
      'self www.x.example.net',
      `drain_file ${drain}`,
      ...extra,
    ];
    // The two states' one-off exports, each from a drain file of its own.
    writeFileSync(join(dir, 'none'), '');
    writeFileSync(join(dir, 'y'), 'www.y.example.net\n');
    const rows = (text: string): string => text.replace(/^# generated .*\n/m, '');
    const oneOff = async (drain: string): Promise<string> =>
      rows((await runCli(['--config', writeConfig(join(dir, `${drain}.conf`), lines(drain)), '--export', 'haproxy-map'])).stdout);
    const undrained = await oneOff('none');
    const drained = await oneOff('y');
    expect(drained).not.toBe(undrained);
    writeFileSync(join(dir, 'drain'), '');
    const map = join(dir, 'pop.map');
    const config = writeConfig(join(dir, 'serve.conf'), lines('drain', [`export haproxy-map ${map}`]));
    const serve = new MapProgram(['--config', config, '--serve'], { env: { PATH: process.env.PATH } });
    const seen = new Map<number, string>();
    let watching = true;
    // Every version of the file as it is replaced (a new inode each time): read whole, as an engine would.
    const watch = (async () => {
      while (watching) {
        try {
          const ino = statSync(map).ino;
          if (!seen.has(ino)) seen.set(ino, rows(readFileSync(map, 'utf8')));
        } catch {
          // Not written yet.
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    try {
      await waitFor('the first write', async () => /wrote .*pop\.map/.test(serve.stderr), 20_000);
      // Each change just slower than the drain file's watch (a 250 ms poll and 250 ms of quiet), so
      // that each is seen, and faster than a write of the table, so that changes land during writes.
      for (let i = 0; i < 12; i++) {
        writeFileSync(join(dir, 'drain'), i % 2 === 0 ? 'www.y.example.net\n' : '');
        await new Promise((r) => setTimeout(r, 550));
      }
      // A state it has seen, undrained, then the last one, drained, seen and stopped at once: the
      // write due is made before the exit.
      const lastDrains = (): string | undefined => [...serve.stderr.matchAll(/drain file \S+: (\d+) drains? in force/g)].at(-1)?.[1];
      writeFileSync(join(dir, 'drain'), '');
      await waitFor('the drain lifted', async () => lastDrains() === '0', 10_000, 20);
      writeFileSync(join(dir, 'drain'), 'www.y.example.net\n');
      await waitFor('the drain seen', async () => lastDrains() === '1', 10_000, 5);
      const end = await serve.signal('SIGTERM', 20_000);
      expect(end.code).toBe(0);
    } finally {
      watching = false;
      await watch;
      serve.kill();
    }
    expect(seen.size).toBeGreaterThan(2);
    for (const version of seen.values()) expect(version === drained || version === undrained).toBe(true);
    expect(rows(readFileSync(map, 'utf8'))).toBe(drained);
  }, 180_000);
});
