import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { LogInputError, type LogSource, linesOf } from '../../src/logs/log-input.js';

const LINES = Array.from({ length: 20_000 }, (_, i) => `192.0.2.${i % 250} - - [02/Dec/2026:10:00:00 +0000] "GET /${i} HTTP/1.1" 200 ${i}`);
const TEXT = `${LINES.join('\n')}\n`;
const GZ = gzipSync(Buffer.from(TEXT, 'latin1'));

function source(data: Buffer | Readable): LogSource {
  return { name: 'test.log.gz', size: undefined, open: () => (data instanceof Readable ? data : Readable.from([data])) };
}

/** Every line given out, and the fault that ended the source, if any. */
async function readAll(src: LogSource, maxLineBytes?: number): Promise<{ lines: string[]; fault: string | undefined }> {
  const lines: string[] = [];
  try {
    for await (const batch of linesOf(src, () => undefined, maxLineBytes)) lines.push(...batch);
  } catch (e) {
    if (!(e instanceof LogInputError)) throw e;
    return { lines, fault: e.message };
  }
  return { lines, fault: undefined };
}

describe('log input: every line decompressed is given out, whatever is wrong after it', () => {
  it('reads a whole gzip file, and several members one after another', async () => {
    expect(await readAll(source(GZ))).toEqual({ lines: LINES, fault: undefined });
    const twice = await readAll(source(Buffer.concat([GZ, GZ])));
    expect(twice.lines).toEqual([...LINES, ...LINES]);
    expect(twice.fault).toBeUndefined();
  });

  it('gives every line before a bad CRC or trailing garbage, then says what was wrong (zcat recovers them all too)', async () => {
    const badCrc = Buffer.from(GZ);
    badCrc[badCrc.length - 8]! ^= 0xff;
    const crc = await readAll(source(badCrc));
    expect(crc.lines).toEqual(LINES);
    expect(crc.fault).toMatch(/gzip CRC error/);
    const trailing = await readAll(source(Buffer.concat([GZ, Buffer.from('garbage\n')])));
    expect(trailing.lines).toEqual(LINES);
    expect(trailing.fault).toMatch(/trailing garbage after the gzip data/);
  });

  it('gives the lines of a truncated file up to where it stops, the same on every run', async () => {
    const cut = GZ.subarray(0, Math.floor(GZ.length / 2));
    const first = await readAll(source(cut));
    expect(first.fault).toMatch(/truncated gzip file/);
    expect(first.lines.length).toBeGreaterThan(5000);
    expect(first.lines.slice(0, -1)).toEqual(LINES.slice(0, first.lines.length - 1));
    expect(await readAll(source(cut))).toEqual(first);
  });

  it('tells gzip when the first read brings a single byte', async () => {
    const slow = new PassThrough();
    const reading = readAll(source(slow));
    slow.write(GZ.subarray(0, 1));
    await new Promise((r) => setTimeout(r, 100));
    slow.end(GZ.subarray(1));
    expect(await reading).toEqual({ lines: LINES, fault: undefined });
  });

  it('leaves out a line too long to hold and says so, never cutting it or losing the next', async () => {
    const text = `short one\n${'x'.repeat(5000)}\nafter it\nlast`;
    const bytes = Buffer.from(text, 'latin1');
    const pieces: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 700) pieces.push(bytes.subarray(i, i + 700));
    const chunks = Readable.from(pieces);
    const { lines, fault } = await readAll(source(chunks), 1000);
    expect(lines).toEqual(['short one', 'after it', 'last']);
    expect(fault).toMatch(/1 line longer than 1000 bytes left out/);
  });
});
