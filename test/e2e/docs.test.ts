import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { DIRECTIVES, optionOf } from '../../src/config/directives.js';
import { configurationReference, REFERENCE_BEGIN, REFERENCE_END } from '../../src/config/reference.js';
import { runCli } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const DOCS = ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`)];

describe('the docs', () => {
  it('keep the README short enough to read in ten minutes', () => {
    expect(statSync(join(ROOT, 'README.md')).size).toBeLessThanOrEqual(15 * 1024);
  });

  it("show the quick start's demo and the one-shot example as they print", async () => {
    const readme = read('README.md');
    const demo = /`npm run demo` runs[\s\S]*?```console\n([\s\S]*?)```/.exec(readme)![1]!;
    const script = (JSON.parse(read('package.json')) as { scripts: { demo: string } }).scripts.demo.replace(
      /^npm run build --silent && /,
      '',
    );
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })).toBe(demo);
    const shown = /```console\n\$ (bin\/supersparrow -c examples\/supersparrow\.conf --verbose 192\.168\.193\.15)\n([\s\S]*?)```/.exec(
      readme,
    )!;
    const run = await runCli(
      shown[1]!
        .split(' ')
        .slice(1)
        .map((a) => (a.startsWith('examples/') ? join(ROOT, a) : a)),
      '',
      {},
    );
    // The table's path and the time are this machine's.
    const steady = (text: string): string => text.replace(/table \S+/, 'table PATH').replace(/time +[\d.]+ ms/, 'time T ms');
    expect(steady(run.stdout + run.stderr)).toBe(steady(shown[2]!));
  });

  it('show the usage text the program prints', async () => {
    const shown = /```\n(Usage: supersparrow[\s\S]*?)```/.exec(read('docs/usage.md'))?.[1];
    expect(shown).toBe((await runCli(['--help'])).stdout);
  });

  it('hold the directive table DIRECTIVES gives (npm run docs writes it)', () => {
    const doc = read('docs/configuration.md');
    const table = doc.slice(doc.indexOf(REFERENCE_BEGIN) + REFERENCE_BEGIN.length, doc.indexOf(REFERENCE_END)).trim();
    expect(table).toBe(configurationReference());
    for (const d of DIRECTIVES) expect(table).toContain(`| \`${d.name}\` |`);
  });

  it('name every directive in the man page, as an option and in its CONFIGURATION list', () => {
    const man = read('man/supersparrow.1');
    const configuration = man.slice(man.indexOf('.SH CONFIGURATION'), man.indexOf('.SH ROUTE SERVERS'));
    const missing = DIRECTIVES.filter((d) => !man.includes(`\\-\\-${optionOf(d).replace(/-/g, '\\-')}`)).map((d) => d.name);
    expect(missing).toEqual([]);
    const unlisted = DIRECTIVES.filter((d) => !new RegExp(`(^|[ "])${d.name}([ ",.]|$)`, 'm').test(configuration)).map((d) => d.name);
    expect(unlisted).toEqual([]);
    for (const option of ['--check', '--as', '--status', '--export', '--output']) expect(man).toContain(option.replace(/-/g, '\\-'));
  });

  it('link only to files that exist', () => {
    const broken: string[] = [];
    for (const doc of DOCS) {
      for (const m of read(doc).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        if (!existsSync(resolve(ROOT, dirname(doc), target))) broken.push(`${doc} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
