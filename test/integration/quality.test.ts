import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { runCli, testbedConfigLines, writeConfig } from '../helpers/cli.js';
import { type DelayNetwork, startDelayNetwork } from '../helpers/delay-network.js';
import { type FrrTestbed, startFrrTestbed } from '../helpers/frr-testbed.js';
import { type LookupEngine, startHaproxy, startNginx } from '../helpers/lookup-engines.js';
import { X, Y, Z } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';
import { waitFor } from '../helpers/wait.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TABLE = join(ROOT, 'examples/paper-network.table');
const GUIDE = readFileSync(join(ROOT, 'docs/quality.md'), 'utf8');
const REQUESTS = 60;

/** The fenced blocks under the guide's `### heading`: the engine's lines, then the config lines. */
function guideBlocks(heading: string): string[] {
  const section = GUIDE.slice(GUIDE.indexOf(`### ${heading}`));
  const end = section.indexOf('\n#', 4);
  return [...(end < 0 ? section : section.slice(0, end)).matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

function request(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
}

/** --quality over one engine's log, with the guide's config lines: every request measured, none left out. */
async function measured(dir: string, configLines: string, log: string): Promise<{ samples: number; withoutRtt: number }> {
  const config = writeConfig(join(dir, 'supersparrow.conf'), [
    'route_server table',
    `table ${TABLE}`,
    `self ${X}`,
    `peer 64702=${Y}`,
    ...configLines.trim().split('\n'),
  ]);
  const run = await runCli(['-c', config, '--quality', '--quality-samples', '1', '--served-by', Y, '--format', 'json', log]);
  expect([run.code, run.stderr]).toEqual([0, '']);
  const report = JSON.parse(run.stdout) as {
    without_rtt: number;
    prefixes: Array<{ pops: Array<{ samples: number; median_ms: number }> }>;
  };
  const pop = report.prefixes[0]!.pops[0]!;
  expect(pop.median_ms).toBeGreaterThanOrEqual(0);
  return { samples: pop.samples, withoutRtt: report.without_rtt };
}

describe('the round-trip log lines docs/quality.md gives, in the real engines', () => {
  const engines: LookupEngine[] = [];
  afterAll(async () => {
    for (const engine of engines) await engine.stop();
  });

  it("nginx's log_format with $tcpinfo_rtt: every request's round trip read at rtt_field", async () => {
    const dir = scratchDir('quality-nginx');
    const [nginxLines, configLines] = guideBlocks('nginx');
    const log = join(dir, 'access.log');
    const [logFormat, accessLog] = nginxLines!.trim().split('\n');
    // The guide's lines as written, the log's path aside; `access_log off` above them is the helper's own.
    const nginx = await startNginx(
      dir,
      (port) => `${logFormat}
  server {
    listen 127.0.0.1:${port};
    ${accessLog!.replace('/var/log/nginx/access.log', log)}
    location / { default_type text/plain; return 200 "ok\\n"; }
  }`,
    );
    engines.push(nginx);
    const before = readFileSync(log, 'utf8').split('\n').length - 1;
    for (let i = 0; i < REQUESTS; i++) await request(nginx.port);
    await waitFor('the access log', () => readFileSync(log, 'utf8').split('\n').length - 1 >= before + REQUESTS, 5000, 20);
    expect(await measured(dir, configLines!, log)).toEqual({ samples: before + REQUESTS, withoutRtt: 0 });
  });

  it("HAProxy's raw log-format with fc_rtt: every request's round trip read at rtt_field", async () => {
    const dir = scratchDir('quality-haproxy');
    const [haproxyLines, configLines] = guideBlocks('HAProxy');
    const haproxy = await startHaproxy(
      dir,
      (port) => `frontend www
  bind 127.0.0.1:${port}
${haproxyLines!.trimEnd()}
  http-request return status 200 content-type text/plain string "ok\\n"
`,
    );
    engines.push(haproxy);
    for (let i = 0; i < REQUESTS; i++) await request(haproxy.port);
    const lines = (): string[] =>
      haproxy.stdout!()
        .split('\n')
        .filter((l) => l.startsWith('{'));
    await waitFor('the log lines', () => lines().length >= REQUESTS, 5000, 20);
    const log = join(dir, 'access.log');
    const logged = lines();
    writeFileSync(log, `${logged.join('\n')}\n`);
    expect(await measured(dir, configLines!, log)).toEqual({ samples: logged.length, withoutRtt: 0 });
  });
});

/**
 * Part of the network really nearer or farther than BGP says: clients in two /16s reach three POPs
 * (an nginx each, logging with the guide's format) across the delay line, which adds a round trip per
 * (POP, client prefix). BGP sends 10.91.0.0/16 to Y, really 55 ms slower than X for it.
 */
describe('real delays: a prefix BGP sends to a slow POP is flagged, overridden and faster; an override that turns slow is withdrawn', () => {
  const SLOW = '10.91.0.0/16';
  const FINE = '10.92.0.0/16';
  const AT = { [X]: '203.0.113.1', [Y]: '203.0.113.2', [Z]: '203.0.113.3' } as Record<string, string>;
  const POPS = [X, Y, Z];
  const CLIENTS = [0, 1].flatMap((p) => Array.from({ length: 200 }, (_, k) => `10.9${p + 1}.${k}.7`));
  const REPEAT = 3;
  let testbed: FrrTestbed | undefined;
  let network: DelayNetwork | undefined;
  afterAll(async () => {
    await network?.stop();
    await testbed?.stop();
  });

  /** Each POP's log, and how far into it earlier rounds went. */
  const logs = new Map<string, { file: string; read: number }>();
  const rtts: Record<string, number[]> = {};

  /** One round: every client asks the map for its POP and makes REPEAT requests there; each POP's new lines become this round's log. */
  async function round(dir: string, config: string, name: string): Promise<{ answers: Map<string, string>; files: string[] }> {
    const batch = await runCli(['-c', config, '--batch'], `${CLIENTS.join('\n')}\n`);
    expect(batch.code).toBe(0);
    const answers = new Map(
      batch.stdout
        .trimEnd()
        .split('\n')
        .map((pop, i) => [CLIENTS[i]!, pop] as const),
    );
    expect(answers.size).toBe(CLIENTS.length);
    await network!.request(CLIENTS.map((from) => ({ from, to: AT[answers.get(from)!]!, count: REPEAT })));
    const lines = (pop: string): string[] =>
      readFileSync(logs.get(pop)!.file, 'latin1').slice(logs.get(pop)!.read).split('\n').slice(0, -1);
    await waitFor('every request logged', () => POPS.reduce((n, pop) => n + lines(pop).length, 0) >= CLIENTS.length * REPEAT, 10_000, 50);
    const files = POPS.map((pop) => {
      const log = logs.get(pop)!;
      const text = readFileSync(log.file, 'latin1').slice(log.read);
      log.read += text.length;
      const file = join(dir, `${name}-${pop}.log`);
      writeFileSync(file, text, 'latin1');
      return file;
    });
    // The harness's own reading: the round trip of every request from the slow prefix, wherever served.
    rtts[name] = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('10.91.'))
        .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)) / 1000),
    );
    return { answers, files };
  }

  const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const servedBy = POPS.flatMap((pop) => ['--served-by', pop]);

  interface Report {
    prefixes: Array<{ prefix: string; chosen: string; flagged: boolean; pops: Array<{ pop: string; samples: number; median_ms: number }> }>;
  }
  async function quality(config: string, files: readonly string[], apply = false): Promise<{ report: Report; stderr: string }> {
    const run = await runCli(['-c', config, '--quality', ...(apply ? ['--apply'] : []), ...servedBy, '--format', 'json', ...files]);
    expect(run.code).toBe(0);
    return { report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
  }

  it('measures, applies, gains, then withdraws', async () => {
    const dir = scratchDir('quality-delays');
    testbed = await startFrrTestbed({
      extraRoutes: {
        upstream: [
          [SLOW, '64600 64603'],
          [FINE, '64600 64701 64606'],
        ],
        popY: [[SLOW, '64702']],
      },
    });
    network = await startDelayNetwork([SLOW, FINE], Object.values(AT));
    const [nginxLines, configLines] = guideBlocks('nginx');
    const [logFormat, accessLog] = nginxLines!.trim().split('\n');
    for (const pop of POPS) {
      const popDir = join(dir, pop);
      mkdirSync(popDir);
      const file = join(popDir, 'access.log');
      writeFileSync(file, '');
      logs.set(pop, { file, read: 0 });
      await network.startNginx(
        popDir,
        AT[pop]!,
        (listen) => `${logFormat}
  server {
    listen ${listen};
    ${accessLog!.replace('/var/log/nginx/access.log', file)}
    location / { default_type text/plain; return 200 "${pop}\\n"; }
  }`,
      );
    }
    for (const [pop, prefix, ms] of [
      [X, SLOW, 5],
      [Y, SLOW, 60],
      [X, FINE, 40],
      [Z, FINE, 10],
    ] as const)
      await network.setDelay(AT[pop]!, prefix, ms);
    await waitFor(
      'every POP answering across the delay line',
      async () => {
        await network!.request(POPS.map((pop) => ({ from: '10.91.255.1', to: AT[pop]!, count: 1 })));
        return true;
      },
      10_000,
      200,
    );
    for (const { file } of logs.values()) writeFileSync(file, '');

    const latency = join(dir, 'latency');
    const config = writeConfig(join(dir, 'supersparrow.conf'), [
      ...testbedConfigLines(testbed.vtyPort),
      ...configLines!.trim().split('\n'),
      'explore 10%',
      'quality_samples 8',
      `latency_file ${latency}`,
    ]);
    const slowPrefix = (r: Report) => r.prefixes.find((p) => p.prefix === SLOW)!;
    const fastest = (r: Report, prefix: string) =>
      [...r.prefixes.find((p) => p.prefix === prefix)!.pops].sort((a, b) => a.median_ms - b.median_ms)[0]!.pop;

    // BGP's choice, measured: Y for the slow prefix, every client of it but the explored ones.
    const first = await round(dir, config, 'before');
    expect(CLIENTS.filter((c) => c.startsWith('10.91.') && first.answers.get(c) === Y).length).toBeGreaterThan(150);
    const before = await quality(config, first.files, true);
    expect(slowPrefix(before.report)).toMatchObject({ chosen: Y, flagged: true });
    expect(fastest(before.report, SLOW)).toBe(X);
    expect(before.report.prefixes.find((p) => p.prefix === FINE)).toMatchObject({ chosen: Z, flagged: false });
    expect(fastest(before.report, FINE)).toBe(Z);
    expect(before.stderr).toContain(`latency override added: ${SLOW} → ${X}`);
    expect(readFileSync(latency, 'utf8')).toMatch(new RegExp(`^${SLOW.replace(/\./g, '\\.')} ${X.replace(/\./g, '\\.')} `, 'm'));

    // The override in force: the slow prefix's clients now really get their answers faster.
    const second = await round(dir, config, 'after');
    expect(CLIENTS.filter((c) => c.startsWith('10.91.') && second.answers.get(c) === X).length).toBeGreaterThan(150);
    expect(median(rtts.after!)).toBeLessThan(median(rtts.before!) - 40);
    const kept = await quality(config, second.files, true);
    expect(kept.stderr).toContain('(0 added, 1 kept, 0 withdrawn, 0 refused)');

    // X turns slow for the prefix: the override measures worse than the POP it replaced, and goes.
    await network.setDelay(AT[X]!, SLOW, 110);
    const third = await round(dir, config, 'turned');
    const withdrawn = await quality(config, third.files, true);
    expect(withdrawn.stderr).toContain(`latency override withdrawn: ${SLOW} → ${X}`);
    expect(readFileSync(latency, 'utf8')).not.toContain(SLOW);
    const back = await runCli(['-c', config, '--batch'], '10.91.200.9\n');
    expect(back.stdout).toBe(`${Y}\n`);
  });
});
