import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MapProgram, runCli, testbedConfigLines, writeConfig } from '../helpers/cli.js';
import { startFrrTestbed, type FrrTestbed } from '../helpers/frr-testbed.js';
import { startHealthServer, type HealthServer } from '../helpers/health-server.js';
import { X, Y } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';

describe('operator tools on real bgpd + ExaBGP: --check, metrics, one-shot --verbose', () => {
  let testbed: FrrTestbed;
  let health: HealthServer;
  let dir: string;
  const programs: MapProgram[] = [];

  beforeAll(async () => {
    testbed = await startFrrTestbed();
    health = await startHealthServer();
    dir = scratchDir('operator');
    chmodSync(dir, 0o755);
  }, 60_000);
  afterAll(async () => {
    for (const p of programs) p.kill();
    await health?.stop();
    await testbed?.stop();
  });

  it('--check logs in, asks, probes and reads, says what each mode would do, and exits 0', async () => {
    const drain = join(dir, 'drain-ok');
    writeFileSync(drain, '# none\n');
    const config = writeConfig(join(dir, 'ok.conf'), [
      ...testbedConfigLines(testbed.vtyPort),
      `health ${Y} ${health.url}`,
      `health_state_dir ${join(dir, 'state-ok')}`,
      `drain_file ${drain}`,
      `metrics_dir ${dir}`,
    ]);
    const { code, stdout, stderr } = await runCli(['--config', config, '--check']);
    expect(stderr).toBe('');
    expect(stdout).toMatch(
      new RegExp(`^ok +route server +zebra 127\\.0\\.0\\.1:${testbed.vtyPort}: answered a lookup of 192\\.0\\.2\\.1`, 'm'),
    );
    expect(stdout).toMatch(/^ok +POP www\.y\.example\.net +AS64702 up$/m);
    expect(stdout).toMatch(
      new RegExp(`^ok +health check +${health.url.replace(/[.:/]/g, '\\$&')} for ${Y.replace(/\./g, '\\.')}: HTTP 200$`, 'm'),
    );
    expect(stdout).toMatch(/^ok +batch \(Apache prg:\) +each address line gets one of 4 POPs or www\.x\.example\.net within/m);
    expect(stdout).toMatch(/^ok +export \(--export\) +not with route_server zebra/m);
    expect(stdout).toMatch(/^configuration OK$/m);
    expect(code).toBe(0);
  });

  it('--check names each problem with its fix and exits 1: a wrong password, a failing URL, a drain of no POP, a metrics folder missing', async () => {
    const drain = join(dir, 'drain-bad');
    writeFileSync(drain, 'www.nowhere.example.net\n');
    health.status = 404;
    try {
      const config = writeConfig(join(dir, 'bad.conf'), [
        ...testbedConfigLines(testbed.vtyPort).map((l) => (l.startsWith('password') ? 'password wrong' : l)),
        `health ${Y} ${health.url}`,
        `health_state_dir ${join(dir, 'state-bad')}`,
        `drain_file ${drain}`,
        `metrics_dir ${join(dir, 'no-such-folder')}`,
        'timeout 2',
      ]);
      const { code, stdout } = await runCli(['--config', config, '--check']);
      expect(stdout).toMatch(/^problem +route server +zebra .*rejected the password; check the "password" setting$/m);
      expect(stdout).toMatch(/^problem +health check +.*: HTTP 404$/m);
      expect(stdout).toMatch(/^problem +POP www\.y\.example\.net +AS64702 unhealthy/m);
      // Not "up" while the route server turns the password away: no client would be sent anywhere.
      expect(stdout).toMatch(/^problem +POP www\.z\.example\.net +AS64701 unknown: the route server does not answer/m);
      expect(stdout).toMatch(
        /^problem +batch \(Apache prg:\) +every line would get www\.x\.example\.net: the route server does not answer$/m,
      );
      expect(stdout).toContain(`${drain}:1: "www.nowhere.example.net" names no POP`);
      expect(stdout).toMatch(/^problem +metrics +cannot write .*no-such-folder.*create it writable/m);
      expect(stdout).toMatch(/^\d+ problems$/m);
      expect(code).toBe(1);
    } finally {
      health.status = 200;
    }
  });

  it('--check calls a peer AS that is neither a neighbour nor on any path a problem, naming the neighbours', async () => {
    const typo = writeConfig(
      join(dir, 'typo.conf'),
      testbedConfigLines(testbed.vtyPort).map((l) => (l.startsWith('peer ') ? l.replace('64702=', '64720=') : l)),
    );
    const { code, stdout } = await runCli(['--config', typo, '--check']);
    expect(stdout).toMatch(
      /^problem +POP www\.y\.example\.net +AS64720 is not a neighbour of the route server \(its neighbours: [^)]*AS64702[^)]*\) and no route it holds has a path through it \(show ip bgp regexp _64720_\): that POP would never get a client; check its peer line$/m,
    );
    expect(stdout).toMatch(/^1 problem$/m);
    expect(code).toBe(1);
  });

  it('--check --as reads the files as that user: a config only root can read is refused, naming it', async () => {
    const config = writeConfig(join(dir, 'root-only.conf'), testbedConfigLines(testbed.vtyPort));
    chmodSync(config, 0o600);
    const asRoot = await runCli(['--config', config, '--check']);
    expect(asRoot.code).toBe(0);
    const asNobody = await runCli(['--config', config, '--check', '--as', 'nobody:nogroup']);
    expect(asNobody.code).toBe(1);
    expect(asNobody.stderr).toMatch(new RegExp(`${config.replace(/[.]/g, '\\.')}.*EACCES.*this user \\(uid \\d+\\) may not read it`, 'i'));
    // A config that is not there is a problem found too: --check's status is its verdict.
    const missing = await runCli(['--config', join(dir, 'no-such.conf'), '--check']);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringMatching(/ENOENT.*give an existing file with --config FILE/)]);
    chmodSync(config, 0o644);
    const readable = await runCli(['--config', config, '--check', '--as', 'nobody:nogroup']);
    expect(readable.stdout).toMatch(/^ok +config +.* read as nobody:nogroup$/m);
    expect(readable.code).toBe(0);
    expect((await runCli(['--config', config, '--check', '--as', 'nobody:'])).stderr).toMatch(/--as needs USER or USER:GROUP/);
    // USER alone: with the groups it is a member of, as systemd's User= runs a daemon; USER:GROUP: that group alone.
    const group = `ss-as-${process.pid}`;
    execFileSync('groupadd', [group]);
    try {
      execFileSync('gpasswd', ['-a', 'nobody', group], { stdio: 'ignore' });
      execFileSync('chown', [`root:${group}`, config]);
      chmodSync(config, 0o640);
      expect((await runCli(['--config', config, '--check', '--as', 'nobody'])).stdout).toMatch(/^ok +config +.* read as nobody$/m);
      const alone = await runCli(['--config', config, '--check', '--as', 'nobody:nogroup']);
      expect([alone.code, alone.stderr]).toEqual([1, expect.stringMatching(/EACCES.*may not read it/)]);
    } finally {
      execFileSync('groupdel', [group]);
    }
    expect((await runCli(['--config', config, '--status', '--as', 'nobody:nogroup'])).stderr).toMatch(/--as is for --check/);
  });

  it("writes each running map's counters for node_exporter's textfile collector, and removes them when it ends", async () => {
    const metrics = join(dir, 'metrics');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(metrics, { recursive: true });
    const config = writeConfig(join(dir, 'metrics.conf'), [...testbedConfigLines(testbed.vtyPort), 'batch', `metrics_dir ${metrics}`]);
    const m = new MapProgram(['--config', config]);
    programs.push(m);
    expect((await m.ask('192.168.193.15')).answer).toBe(Y);
    expect((await m.ask('192.168.193.16')).answer).toBe(Y);
    expect((await m.ask('not an address')).answer).toBe('NULL');
    const file = join(metrics, `supersparrow-batch-${m.child.pid}.prom`);
    // Written at start and every 10 s: wait for the write after these answers.
    const deadline = Date.now() + 12_000;
    let text = '';
    while (Date.now() < deadline) {
      text = existsSync(file) ? readFileSync(file, 'utf8') : '';
      if (text.includes(`supersparrow_answers_total{pid="${m.child.pid}",answer="${Y}",reason="peer"} 2`)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(text).toContain(`supersparrow_answers_total{pid="${m.child.pid}",answer="${Y}",reason="peer"} 2\n`);
    expect(text).toContain(`supersparrow_answers_total{pid="${m.child.pid}",answer="NULL",reason="invalid-key"} 1\n`);
    expect(text).toContain(`supersparrow_cache_hits_total{pid="${m.child.pid}"} 1\n`);
    expect(text).toMatch(/^supersparrow_route_server_latency_seconds_count\{pid="\d+"\} 1$/m);
    expect(text).toMatch(/^supersparrow_route_server_up\{pid="\d+",route_server="zebra 127\.0\.0\.1:\d+"\} 1$/m);
    expect(text).toMatch(/^supersparrow_pop_up\{pid="\d+",pop="www\.y\.example\.net",as="64702"\} 1$/m);
    // Only whole files: nothing but .prom files the collector may read, no temporary left.
    expect(readdirSync(metrics)).toEqual([`supersparrow-batch-${m.child.pid}.prom`]);
    expect((await m.end()).code).toBe(0);
    expect(readdirSync(metrics)).toEqual([]);
  }, 30_000);

  it('one-shot --verbose says which POP on the path is out and what batch mode would answer', async () => {
    health.status = 503;
    try {
      const config = writeConfig(join(dir, 'verbose.conf'), [
        ...testbedConfigLines(testbed.vtyPort),
        `health ${Y} ${health.url}`,
        `health_state_dir ${join(dir, 'state-verbose')}`,
        'health_fall 1',
      ]);
      const { code, stdout, stderr } = await runCli(['--config', config, '--verbose', '--no-color', '192.168.193.15']);
      // The one-shot answer follows the routes (and the drain file) alone.
      expect(stdout).toBe(`${Y}\n`);
      expect(stderr).toMatch(/POP out +AS64702 = www\.y\.example\.net: health check .* failing \(HTTP 503\)/);
      expect(stderr).toMatch(new RegExp(`batch answer +${X.replace(/\./g, '\\.')} \\(live state differs\\)`));
      expect(code).toBe(0);
    } finally {
      health.status = 200;
    }
  });
});
