import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MapProgram, writeConfig } from '../helpers/cli.js';
import { freePort, stopChild } from '../helpers/frr-testbed.js';
import { scratchDir } from '../helpers/scratch.js';
import { waitFor } from '../helpers/wait.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MONITORING = join(ROOT, 'monitoring');
const PROMTOOL = '/usr/bin/promtool';
const PROMETHEUS = '/usr/bin/prometheus';
const NODE_EXPORTER = '/usr/bin/prometheus-node-exporter';
const PEERS = 'peer 64700=www.x.example.net,64701=www.z.example.net,64702=www.y.example.net';

function need(binary: string, pkg: string): void {
  if (!existsSync(binary))
    throw new Error(`${binary} is missing: these tests need a real ${pkg}. Install it with: apt-get install -y ${pkg}`);
}

describe('monitoring/: the alert rules and the dashboard, as shipped', () => {
  it('promtool checks the rules and passes their tests', () => {
    need(PROMTOOL, 'prometheus');
    expect(execFileSync(PROMTOOL, ['check', 'rules', 'supersparrow-rules.yml'], { cwd: MONITORING, encoding: 'utf8' })).toMatch(
      /SUCCESS: 5 rules found/,
    );
    expect(execFileSync(PROMTOOL, ['test', 'rules', 'supersparrow-rules.test.yml'], { cwd: MONITORING, encoding: 'utf8' })).toMatch(
      /SUCCESS/,
    );
  });

  describe('every dashboard query against a real Prometheus scraping a real node_exporter fed by real maps', () => {
    const children: ChildProcess[] = [];
    const maps: MapProgram[] = [];
    let promPort = 0;

    beforeAll(async () => {
      need(PROMETHEUS, 'prometheus');
      need(NODE_EXPORTER, 'prometheus-node-exporter');
      const dir = scratchDir('monitoring');
      const textfiles = join(dir, 'textfiles');
      mkdirSync(textfiles);
      const nodePort = await freePort();
      promPort = await freePort();
      const nodeExporter = spawn(
        NODE_EXPORTER,
        [
          `--web.listen-address=127.0.0.1:${nodePort}`,
          '--collector.disable-defaults',
          '--collector.textfile',
          `--collector.textfile.directory=${textfiles}`,
        ],
        { stdio: 'ignore' },
      );
      children.push(nodeExporter);
      writeFileSync(
        join(dir, 'prometheus.yml'),
        `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - ${join(MONITORING, 'supersparrow-rules.yml')}\nscrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['127.0.0.1:${nodePort}']\n`,
      );
      const prometheus = spawn(
        PROMETHEUS,
        [
          `--config.file=${join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${promPort}`,
        ],
        { stdio: 'ignore' },
      );
      children.push(prometheus);
      // A batch map asked for addresses, and --serve keeping an export current, both writing their figures there.
      const table = join(ROOT, 'examples/paper-network.table');
      writeFileSync(join(dir, 'drain'), '');
      const base = [
        'route_server table',
        `table ${table}`,
        PEERS,
        'self www.x.example.net',
        `metrics_dir ${textfiles}`,
        `drain_file ${join(dir, 'drain')}`,
      ];
      const batch = new MapProgram(['--config', writeConfig(join(dir, 'batch.conf'), base), '--batch'], {
        env: { PATH: process.env.PATH },
      });
      maps.push(batch);
      for (const address of ['192.168.193.15', '10.1.2.3', '192.168.192.1', '192.168.193.15', 'garbage']) await batch.ask(address);
      const serve = new MapProgram(
        ['--config', writeConfig(join(dir, 'serve.conf'), [...base, `export haproxy-classes ${join(dir, 'class.map')}`]), '--serve'],
        {
          env: { PATH: process.env.PATH },
        },
      );
      maps.push(serve);
      await waitFor('both maps’ figures', async () => readdirSync(textfiles).filter((n) => n.endsWith('.prom')).length === 2, 20_000, 200);
    }, 60_000);

    afterAll(async () => {
      for (const m of maps) m.kill();
      for (const c of children) await stopChild(c);
    });

    const query = async (expr: string): Promise<{ status: string; data: { result: unknown[] } }> => {
      const response = await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(expr)}`);
      return (await response.json()) as { status: string; data: { result: unknown[] } };
    };

    it('gives a result for each panel', async () => {
      const dashboard = JSON.parse(readFileSync(join(MONITORING, 'grafana-dashboard.json'), 'utf8')) as {
        panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
      };
      const targets = dashboard.panels.flatMap((p) => p.targets.map((t) => ({ title: p.title, expr: t.expr })));
      expect(targets.length).toBeGreaterThanOrEqual(8);
      // rate() needs two scrapes of each series: a few seconds of Prometheus at 1 s.
      for (const { title, expr } of targets)
        await waitFor(
          `"${title}" to give a result`,
          async () => {
            const r = await query(expr);
            return r.status === 'success' && r.data.result.length > 0;
          },
          30_000,
          500,
        );
      const pops = await query('min by (pop) (supersparrow_pop_up)');
      expect(pops.data.result).toHaveLength(3);
    }, 120_000);
  });
});
