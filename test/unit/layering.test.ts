import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/**
 * The floors of src/, top first, as docs/architecture.md draws them: a folder imports only folders on
 * floors below its own. Folders on one floor do not import each other.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['.'],
  ['cli'],
  ['runtime'],
  ['metrics'],
  ['engines', 'dns', 'logs', 'anycast'],
  ['pops'],
  ['resolver'],
  ['route-servers'],
  ['sessions'],
  ['config'],
  ['export', 'capacity', 'quality', 'parsers', 'batch'],
  ['io', 'core'],
];

/** Inside cli/, the same: the entry points, the commands, the process's plumbing, the views. */
const CLI_FLOORS: readonly (readonly string[])[] = [
  ['run-process.ts'],
  ['main.ts'],
  ['commands'],
  ['process'],
  ['views'],
  ['context.ts', 'program.ts'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Each file's relative imports, types included, as files under src/. */
function imports(): Array<{ from: string; to: string }> {
  const found: Array<{ from: string; to: string }> = [];
  for (const file of sourceFiles(SRC)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g))
      found.push({ from: relative(SRC, file), to: relative(SRC, resolve(dirname(file), m[1]!)).replace(/\.js$/, '.ts') });
  }
  return found;
}

function floorOf(floors: readonly (readonly string[])[], part: string): number {
  const floor = floors.findIndex((names) => names.includes(part));
  if (floor < 0) throw new Error(`${part} is on no floor: add it to the layering test and to docs/architecture.md`);
  return floor;
}

const topOf = (path: string): string => (path.includes('/') ? path.split('/')[0]! : '.');

describe('the layering of src/', () => {
  const all = imports();

  it('reads the imports it judges', () => {
    expect(all.length).toBeGreaterThan(500);
    expect(all).toContainEqual({ from: 'cli/main.ts', to: 'runtime/runtime.ts' });
  });

  it('has no import up a floor, nor across one', () => {
    const wrong = all
      .filter(({ from, to }) => topOf(from) !== topOf(to))
      .filter(({ from, to }) => floorOf(FLOORS, topOf(to)) <= floorOf(FLOORS, topOf(from)))
      .map(({ from, to }) => `${from} imports ${to}`);
    expect(wrong).toEqual([]);
  });

  it('has no import up a floor inside cli/: nothing below a command starts one', () => {
    const part = (path: string): string => path.split('/')[1]!;
    const wrong = all
      .filter(({ from, to }) => from.startsWith('cli/') && to.startsWith('cli/') && part(from) !== part(to))
      .filter(({ from, to }) => floorOf(CLI_FLOORS, part(to)) <= floorOf(CLI_FLOORS, part(from)))
      // The context names the types of the plumbing it carries (io, log, colours): types only.
      .filter(({ from }) => !(from === 'cli/context.ts'))
      .map(({ from, to }) => `${from} imports ${to}`);
    expect(wrong).toEqual([]);
  });

  it('names every folder of src/ in docs/architecture.md', () => {
    const doc = readFileSync(join(SRC, '../docs/architecture.md'), 'utf8');
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    for (const name of [...folders, 'cli/commands', 'cli/views', 'cli/process'].map((f) => f.split('/').pop()!))
      expect(doc).toMatch(new RegExp(`\\b${name}/`));
    for (const folder of folders) floorOf(FLOORS, folder);
  });
});
