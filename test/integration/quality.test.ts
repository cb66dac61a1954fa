import { readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { runCli, writeConfig } from '../helpers/cli.js';
import { type LookupEngine, startHaproxy, startNginx } from '../helpers/lookup-engines.js';
import { X, Y } from '../helpers/route-cases.js';
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
