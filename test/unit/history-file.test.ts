import { chownSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { HISTORY_LINES, HistoryFile } from '../../src/cli/process/history-file.js';
import { scratchDir } from '../helpers/scratch.js';

const COMMANDS = ['status', 'help', 'quit', 'exit'];

describe("the prompt's history file", () => {
  it('never follows a link planted where it lives: the target is neither read nor written', () => {
    const dir = scratchDir('history');
    const target = join(dir, 'root-owned');
    writeFileSync(target, '192.0.2.1\n');
    const file = join(dir, 'history');
    symlinkSync(target, file);
    const history = HistoryFile.open(file, COMMANDS);
    expect(history.refused).toMatch(/is a symbolic link/);
    expect(history.lines).toEqual([]);
    history.add('192.0.2.7');
    expect(readFileSync(target, 'utf8')).toBe('192.0.2.1\n');
  });

  it("refuses a file that is another user's", () => {
    if (process.getuid?.() !== 0) return expect(process.getuid?.()).not.toBe(0);
    const dir = scratchDir('history');
    const file = join(dir, 'history');
    writeFileSync(file, '192.0.2.1\n');
    chownSync(file, 65534, 65534);
    const history = HistoryFile.open(file, COMMANDS);
    expect(history.refused).toMatch(/belongs to uid 65534, not this user/);
    expect(history.lines).toEqual([]);
  });

  it('reads only the tail of a huge file, and keeps only commands and addresses', () => {
    const dir = scratchDir('history');
    const file = join(dir, 'history');
    const block = `192.0.2.1\npassword hunter2\nstatus\n2001:db8::1\n${'x'.repeat(200)}\n`;
    writeFileSync(file, block.repeat(40_000));
    expect(statSync(file).size).toBeGreaterThan(8_000_000);
    const before = process.memoryUsage().rss;
    const history = HistoryFile.open(file, COMMANDS);
    expect(process.memoryUsage().rss - before).toBeLessThan(32 * 1024 * 1024);
    expect(history.lines.length).toBeLessThanOrEqual(HISTORY_LINES);
    expect(new Set(history.lines)).toEqual(new Set(['192.0.2.1', 'status', '2001:db8::1']));
  });

  it('keeps no line that is neither, and cuts the file back to the last lines kept', () => {
    const dir = scratchDir('history');
    const file = join(dir, 'sub', 'history');
    const history = HistoryFile.open(file, COMMANDS);
    history.add('my-secret-password');
    history.add('quit');
    for (let i = 0; i < 2 * HISTORY_LINES + 5; i++) history.add(`10.0.${(i >> 8) & 255}.${i & 255}`);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeLessThanOrEqual(HISTORY_LINES + 5);
    expect(lines).not.toContain('my-secret-password');
    expect(lines.at(-1)).toBe(`10.0.${((2 * HISTORY_LINES + 4) >> 8) & 255}.${(2 * HISTORY_LINES + 4) & 255}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'sub')).mode & 0o777).toBe(0o700);
  });
});
