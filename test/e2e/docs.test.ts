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
