import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { runBatch } from '../../src/batch/batch-loop.js';
import { CUT_MARK, LineSplitter, MAX_KEY_BYTES } from '../../src/io/line-splitter.js';

describe('LineSplitter', () => {
  it('gives one key per newline wherever the chunks split', () => {
    const input = Buffer.from('1.2.3.4\n\n a b\r\n\xff\xfe\n::1\n', 'latin1');
    for (let cut = 0; cut <= input.length; cut++) {
      const s = new LineSplitter();
      const keys = [...s.push(input.subarray(0, cut)), ...s.push(input.subarray(cut))];
      expect(keys).toEqual(['1.2.3.4', '', ' a b\r', '\xff\xfe', '::1']);
      expect(s.end()).toBeUndefined();
    }
  });

  it('bounds an over-long line but still gives one key for it', () => {
    const s = new LineSplitter();
    const keys = [...s.push(Buffer.alloc(MAX_KEY_BYTES * 3, 'a')), ...s.push(Buffer.from('b\nnext\n'))];
    expect(keys.length).toBe(2);
    expect(keys[0]!.length).toBe(MAX_KEY_BYTES + 1);
    expect(keys[0]!.endsWith(CUT_MARK)).toBe(true);
    expect(keys[1]).toBe('next');
  });

  it('gives what a whole-input split gives, around the limit, in chunks of any size, cut or dropped', () => {
    let seed = 11;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const max = 8;
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 1 + next(12) }, () => 'x'.repeat(next(2) ? next(max + 3) : max)).join('\n') + (next(2) ? '\n' : '');
      const whole = text.split('\n');
      const last = whole.pop()!;
      for (const mode of ['cut', 'drop'] as const) {
        const expected = [...whole, ...(last === '' ? [] : [last])].flatMap((line) =>
          line.length <= max ? [line] : mode === 'cut' ? [line.slice(0, max) + CUT_MARK] : [],
        );
        const s = new LineSplitter(max, mode);
        const got: string[] = [];
        for (let at = 0; at < text.length; ) {
          const size = 1 + next(10);
          got.push(...s.push(text.slice(at, at + size)));
          at += size;
        }
        const end = s.end();
        if (end !== undefined) got.push(end);
        expect([text, mode, got]).toEqual([text, mode, expected]);
      }
    }
  });

  it('returns an unterminated last line at the end', () => {
    const s = new LineSplitter();
    expect(s.push(Buffer.from('1.2.3.4'))).toEqual([]);
    expect(s.end()).toBe('1.2.3.4');
  });
});

describe('runBatch', () => {
  async function run(chunks: string[], answer: (key: string) => string | Promise<string>): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => {
      text += d.toString('latin1');
    });
    const done = runBatch(input, output, answer);
    for (const c of chunks) input.write(Buffer.from(c, 'latin1'));
    input.end();
    await done;
    return text;
  }

  it('writes one line per key, in order, mixing immediate and delayed answers', async () => {
    const out = await run(['a\nb\n', 'c\nd'], (k) =>
      k === 'b' || k === 'd' ? new Promise((r) => setTimeout(() => r(`slow-${k}`), 5)) : `fast-${k}`,
    );
    expect(out).toBe('fast-a\nslow-b\nfast-c\nslow-d\n');
  });

  it('answers a rejected lookup with NULL rather than losing the line', async () => {
    expect(await run(['x\ny\n'], (k) => (k === 'x' ? Promise.reject(new Error('boom')) : 'ok'))).toBe('NULL\nok\n');
  });

  it('keeps lockstep with a reader that waits for each answer', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    void runBatch(input, output, (k) => (k.length % 2 ? `odd-${k}` : Promise.resolve(`even-${k}`)));
    for (const key of ['1', '22', '333', '4444']) {
      const line = new Promise<string>((resolve) => output.once('data', (d: Buffer) => resolve(d.toString())));
      input.write(`${key}\n`);
      expect(await line).toBe(`${key.length % 2 ? 'odd' : 'even'}-${key}\n`);
    }
    input.end();
  });

  it('waits for one drain at a time when the reader is slow', async () => {
    const input = new PassThrough();
    let text = '';
    let maxDrainListeners = 0;
    const output = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, callback) {
        text += chunk.toString('latin1');
        setTimeout(callback, 1);
      },
    });
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w.name);
    };
    process.on('warning', onWarning);
    const done = runBatch(input, output, (k) => {
      maxDrainListeners = Math.max(maxDrainListeners, output.listenerCount('drain'));
      return k.length % 3 === 0 ? Promise.resolve(`p${k}`) : `s${k}`;
    });
    for (let i = 0; i < 300; i++) input.write(`${'k'.repeat((i % 7) + 1)}\n`);
    input.end();
    await done;
    await new Promise((r) => output.end(r));
    process.off('warning', onWarning);
    expect(text.split('\n').length - 1).toBe(300);
    expect(maxDrainListeners).toBeLessThanOrEqual(1);
    expect(warnings).toEqual([]);
  });
});

describe('an answerer that fails', () => {
  it('still gives one line per key, the configured fallback, and goes on', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => {
      text += d.toString();
    });
    const done = runBatch(
      input,
      output,
      (k) => {
        if (k === 'throw') throw new Error('defect');
        if (k === 'reject') return Promise.reject(new Error('defect'));
        return k === 'later' ? Promise.resolve('y') : 'x';
      },
      (key) => `self-for-${key}`,
    );
    input.end('a\nthrow\nlater\nreject\nb\n');
    await done;
    expect(text).toBe('x\nself-for-throw\ny\nself-for-reject\nx\n');
  });
});

describe('keys over 8 KB', () => {
  it('are never read as an address, whatever the kept part holds', async () => {
    const { parseClientKey } = await import('../../src/core/address.js');
    const s = new LineSplitter();
    const [key] = s.push(Buffer.from(`1.2.3.4${' '.repeat(8200)}x\n`, 'latin1'));
    expect(parseClientKey(key!)).toEqual({ ok: false, reason: 'too-long' });
    const [exact] = new LineSplitter().push(Buffer.from(`1.2.3.4${' '.repeat(MAX_KEY_BYTES - 7)}\n`, 'latin1'));
    expect(parseClientKey(exact!).ok).toBe(true);
  });
});
