import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout (the bench runs compiled, from .bench/test/bench/), and the CLI as it ships. */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const CLI = resolve(ROOT, 'dist/supersparrow.cjs');

export const fmt = (n: number, digits = 2): string => n.toFixed(digits);
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
