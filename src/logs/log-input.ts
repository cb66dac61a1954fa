import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** A problem with one input that ended it early; the lines read before it were all used. */
export class LogInputError extends Error {
  override name = 'LogInputError';
}

export interface LogSource {
  /** `-` for standard input. */
  readonly name: string;
  /** Bytes on disk, when known (a file): progress shows a share and an ETA. */
  readonly size: number | undefined;
  readonly open: () => Readable;
}

export function logSources(names: readonly string[], stdin: Readable): LogSource[] {
  const list = names.length === 0 ? ['-'] : names;
  return list.map((name) => {
    if (name === '-') return { name, size: undefined, open: () => stdin };
    let size: number | undefined;
    try {
      const stats = statSync(name);
      size = stats.isFile() ? stats.size : undefined;
    } catch (e) {
      throw new LogInputError(`cannot read log ${name}: ${(e as Error).message}`);
    }
    return { name, size, open: () => createReadStream(name) };
  });
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * The lines of one source, decoded as latin1 so every byte comes back out unchanged, gunzipped when
 * the content is gzip (rotated `access.log.2.gz`). `onBytes` counts raw bytes read, for progress. A
 * last line without `\n` is still a line; a read or gzip fault ends the source with a LogInputError
 * after every line before it.
 */
export async function* linesOf(source: LogSource, onBytes: (n: number) => void): AsyncGenerator<string[]> {
  const raw = source.open();
  let partial = '';
  let gunzip: ReturnType<typeof createGunzip> | undefined;
  let stream: AsyncIterable<Buffer> = raw;
  const first = await firstChunk(raw, source.name);
  if (first === undefined) return;
  onBytes(first.length);
  if (first.length >= 2 && first[0] === GZIP_MAGIC_0 && first[1] === GZIP_MAGIC_1) {
    gunzip = createGunzip();
    gunzip.write(first);
    raw.on('data', (chunk: Buffer) => onBytes(chunk.length));
    raw.pipe(gunzip);
    raw.on('error', (e) => gunzip?.destroy(e));
    stream = gunzip;
  } else {
    const lines = split(first.toString('latin1'));
    if (lines.length > 0) yield lines;
  }
  try {
    for await (const chunk of stream) {
      if (!gunzip) onBytes(chunk.length);
      const lines = split(chunk.toString('latin1'));
      if (lines.length > 0) yield lines;
    }
  } catch (e) {
    if (partial !== '') yield [partial];
    throw new LogInputError(
      `${source.name}: ${(e as Error).message}${gunzip ? ' (a truncated or damaged gzip file)' : ''}; the lines before it were read`,
    );
  }
  if (partial !== '') yield [partial];

  // Only the new text is split: a long line is joined once, not re-split with every chunk.
  function split(text: string): string[] {
    if (text.indexOf('\n') < 0) {
      partial += text;
      return [];
    }
    const lines = text.split('\n');
    lines[0] = partial + lines[0]!;
    partial = lines.pop()!;
    return lines;
  }
}

function firstChunk(stream: Readable, name: string): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const onReadable = (): void => {
      const chunk = stream.read() as Buffer | null;
      if (chunk === null) return;
      cleanup();
      resolve(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(undefined);
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(new LogInputError(`cannot read log ${name}: ${e.message}`));
    };
    const cleanup = (): void => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    stream.on('readable', onReadable);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}
