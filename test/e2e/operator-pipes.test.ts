import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { BIN, MapProgram, runCli, runToEnd, writeConfig } from '../helpers/cli.js';
import { X, Y, Z } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';

const EXAMPLE_CONFIG = fileURLToPath(new URL('../../examples/supersparrow.conf', import.meta.url));
const TABLE = fileURLToPath(new URL('../../examples/paper-network.table', import.meta.url));

describe('pipe habits: -o FILE, a binary refused on a terminal, a TSV header, --health HOST URL', () => {
  const dir = scratchDir('pipes');

  it('-o FILE replaces the file whole: a reader holding the old one keeps it, nothing is left beside it, stdout stays empty', async () => {
    const out = join(dir, 'pops.map');
    writeFileSync(out, 'old map\n');
    const held = openSync(out, 'r');
    const before = statSync(out).ino;
    const { code, stdout, stderr } = await runCli(['-c', EXAMPLE_CONFIG, '--export', 'haproxy-map', '-o', out]);
    expect(stderr).toBe('');
    expect(stdout).toBe('');
    expect(code).toBe(0);
    const direct = await runCli(['-c', EXAMPLE_CONFIG, '--export', 'haproxy-map']);
    const strip = (t: string): string => t.replace(/^# generated .*$/m, '');
    expect(strip(readFileSync(out, 'utf8'))).toBe(strip(direct.stdout));
    expect(readFileSync(out, 'utf8')).toContain(`192.168.193.0/24 ${Y}\n`);
    expect(statSync(out).ino).not.toBe(before);
    const oldContent = Buffer.alloc(8);
    readSync(held, oldContent, 0, 8, 0);
    expect(oldContent.toString()).toBe('old map\n');
    expect(readdirSync(dir).filter((f) => f.includes('pops.map'))).toEqual(['pops.map']);
  });

  it('-o FILE into a folder that cannot take it fails with status 1 and leaves the old file as it was', async () => {
    const folder = join(dir, 'gone');
    mkdirSync(folder);
    const out = join(folder, 'pops.map');
    writeFileSync(out, 'old map\n');
    renameSync(folder, `${folder}-moved`);
    const missing = await runCli(['-c', EXAMPLE_CONFIG, '--export', 'nginx-geo', '-o', out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/export failed: .*ENOENT/);
    expect(readFileSync(join(`${folder}-moved`, 'pops.map'), 'utf8')).toBe('old map\n');
    expect((await runCli(['-c', EXAMPLE_CONFIG, '-o', out])).stderr).toMatch(/-o FILE is for --export/);
  });

  it('refuses to write an mmdb to a terminal, and writes it with -o', async () => {
    // script(1) gives the program a terminal for stdout, as a person typing the command would.
    const command = `${process.execPath} ${BIN} -c ${EXAMPLE_CONFIG} --export mmdb; echo "status $?"`;
    const tty = await runToEnd('script', ['-qec', command, '/dev/null'], {}, '');
    expect(tty.stdout).toMatch(/an mmdb file is binary and would garble this terminal: write it with -o FILE/);
    expect(tty.stdout).toMatch(/status 2/);
    const out = join(dir, 'pops.mmdb');
    expect((await runCli(['-c', EXAMPLE_CONFIG, '--export', 'mmdb', '-o', out])).code).toBe(0);
    expect(readFileSync(out).includes(Buffer.from('\xab\xcd\xefMaxMind.com', 'latin1'))).toBe(true);
  });

  it('heads one-shot TSV records with their columns; batch answers stay one line per line', async () => {
    const once = await runCli(['-c', EXAMPLE_CONFIG, '--format', 'tsv', '192.168.193.15', '10.1.2.3']);
    expect(once.stdout).toBe(
      [
        '#key\tanswer\treason\tprefix\tas_path\tskipped\tranking\tplan',
        `192.168.193.15\t${Y}\tpeer\t192.168.193.0/24\t64702 64602\t-\t-\t-`,
        `10.1.2.3\t${Z}\tpeer\t10.1.0.0/16\t64702 64701 64605\t-\t-\t-`,
        '',
      ].join('\n'),
    );
    const batch = await runCli(['-c', EXAMPLE_CONFIG, '--batch', '--format', 'tsv'], '192.168.193.15\n');
    expect(batch.stdout).toBe(`192.168.193.15\t${Y}\tpeer\t192.168.193.0/24\t64702 64602\t-\t-\t-\n`);
  });

  it('takes --health HOST URL as two arguments, as the config line spells it, and as one', async () => {
    const url = 'http://127.0.0.1:9/health';
    const base = ['--route-server', 'table', '--table', TABLE, '--peer', '64702=www.y.example.net', '--self', X, '--check'];
    const two = await runCli([...base, '--health', Y, url, '--health-fall', '1', '--health-timeout', '0.2']);
    expect(two.stdout).toMatch(
      new RegExp(`^problem +health check +${url.replace(/[.:/]/g, '\\$&')} for www\\.y\\.example\\.net: connection refused$`, 'm'),
    );
    const one = await runCli([...base, '--health', `${Y} ${url}`, '--health-fall', '1', '--health-timeout', '0.2']);
    expect(one.stdout).toMatch(/^problem +health check +http:\/\/127\.0\.0\.1:9\/health for www\.y\.example\.net: connection refused$/m);
    const missing = await runCli([...base, '--health', Y]);
    // Under --check, a setting that does not parse is a problem found: status 1, as docs/operations.md says.
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/"health" needs a POP host and one URL/);
  });

  it('warns of a drain line that names no POP, with its line, and still applies the others', async () => {
    const drain = join(dir, 'drain');
    writeFileSync(drain, '# maintenance\nwww.y.example.net\nwww.typo.example.net\n');
    const config = writeConfig(join(dir, 'drain.conf'), [
      'route_server table',
      `table ${TABLE}`,
      `self ${X}`,
      'peer 64702=www.y.example.net',
      `drain_file ${drain}`,
    ]);
    const { stdout, stderr } = await runCli(['-c', config, '--batch'], '192.168.193.15\n');
    expect(stdout).toBe(`${X}\n`);
    expect(stderr).toContain(`${drain}:3: "www.typo.example.net" names no POP (no peer line has that AS or answer), so it drains nothing`);
  });

  it('reports a reload only for settings that matter to the mode', async () => {
    const file = join(dir, 'reload.conf');
    const lines = ['route_server table', `table ${TABLE}`, `self ${X}`, 'peer 64702=www.y.example.net'];
    writeConfig(file, lines);
    const m = new MapProgram(['--config', file, '--batch']);
    try {
      expect((await m.ask('192.168.193.15')).answer).toBe(Y);
      // A log-mode setting means nothing to a map: no line. It stays a change against the running
      // config when the file changes again, so the line that follows would name it if it counted.
      writeConfig(`${file}.new`, [...lines, 'field 3']);
      renameSync(`${file}.new`, file);
      writeConfig(`${file}.new`, [...lines, 'field 3', 'cache_size 10']);
      renameSync(`${file}.new`, file);
      await m.waitForStderr(/config changed/);
      expect(m.stderr).toMatch(/config changed cache_size: these take a restart/);
      expect(m.stderr).not.toMatch(/field/);
    } finally {
      await m.end();
    }
  });

  it('has no temporary files left anywhere it wrote', () => {
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(dir, 'pops.mmdb'))).toBe(true);
  });
});
