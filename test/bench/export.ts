import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startNginxGeo } from '../helpers/lookup-engines.js';
import { generateFullTableMrt } from './full-table.js';
import { median } from './figures.js';

const execFileAsync = promisify(execFile);

/** Requests per second from ab: `requests` GETs, 16 at a time, every one answered 200. */
async function requestsPerSecond(port: number, path: string, requests: number): Promise<number> {
  const { stdout } = await execFileAsync('ab', ['-q', '-n', String(requests), '-c', '16', `http://127.0.0.1:${port}${path}`]);
  const failed = Number(/Failed requests:\s+(\d+)/.exec(stdout)?.[1] ?? 'NaN');
  if (failed !== 0 || /Non-2xx responses/.test(stdout)) throw new Error(`ab: failed requests on ${path}: ${stdout}`);
  return Number(/Requests per second:\s+([\d.]+)/.exec(stdout)?.[1] ?? 'NaN');
}

/**
 * `npm run bench -- export`: the generated 1M-prefix dump exported for nginx, HAProxy and as CSV (time
 * and size), and requests/s through nginx looking clients up in the exported `geo` map against the
 * same nginx with no map, in one run.
 */
export async function exportBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ss-bench-export-'));
  try {
    const dump = join(dir, 'full.mrt');
    const prefixes = generateFullTableMrt(dump);
    const config = join(dir, 'supersparrow.conf');
    writeFileSync(config, `route_server mrt\ntable ${dump}\npeer 64600=a.example,4200000001=b.example,2000=c.example\nself x.example\n`);
    console.log(
      `export of the generated full table (${prefixes} prefixes, ${(statSync(dump).size / 1e6).toFixed(0)} MB dump), load included:`,
    );
    const bin = resolve('bin/supersparrow');
    for (const format of ['nginx-geo', 'haproxy-map', 'csv', 'mmdb']) {
      const out = join(dir, `pop.${format}`);
      const started = performance.now();
      await execFileAsync('/bin/sh', [
        '-c',
        `"${process.execPath}" "${bin}" --config "${config}" --export ${format} > "${out}" 2>/dev/null`,
      ]);
      const ms = performance.now() - started;
      const lines = format === 'mmdb' ? '' : `, ${(await execFileAsync('wc', ['-l', out])).stdout.trim().split(/\s+/)[0]} lines`;
      console.log(`  ${format}: ${(ms / 1000).toFixed(2)} s, ${(statSync(out).size / 1e6).toFixed(1)} MB${lines}`);
    }
    const geo = await startNginxGeo(dir, join(dir, 'pop.nginx-geo'));
    const plainDir = join(dir, 'plain');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(plainDir);
    const plain = await startNginxGeo(plainDir, undefined);
    try {
      const withMap: number[] = [];
      const withoutMap: number[] = [];
      for (let run = 0; run < 3; run++) {
        withMap.push(await requestsPerSecond(geo.port, '/?ip=1.2.3.4', 20_000));
        withoutMap.push(await requestsPerSecond(plain.port, '/?ip=1.2.3.4', 20_000));
      }
      console.log(
        `  nginx with the geo map (${prefixes} prefixes merged into the file above) ${median(withMap).toFixed(0)} requests/s, the same nginx with no map (a constant answer) ${median(withoutMap).toFixed(0)}: ratio ${(median(withMap) / median(withoutMap)).toFixed(2)}`,
      );
    } finally {
      await geo.stop();
      await plain.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
