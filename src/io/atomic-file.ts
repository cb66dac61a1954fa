import { closeSync, createWriteStream, fsyncSync, openSync, renameSync, unlinkSync, writeSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errorMessage } from './error-message.js';

let sequence = 0;

/** A new, unguessable-enough name beside `file`, in its folder, so that the rename stays on one filesystem. */
function temporaryBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${++sequence}.tmp`);
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone: nothing to clean.
  }
}

/**
 * Replaces `file` with `data` so that a reader sees the old content or the new, never part: written
 * beside it (a new file, never one planted there), flushed to disk, then renamed over it.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o644): void {
  const temporary = temporaryBeside(file);
  const fd = openSync(temporary, 'wx', mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkQuietly(temporary);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(temporary, file);
  } catch (e) {
    unlinkQuietly(temporary);
    throw e;
  }
}

/** A stream into a new file beside `file` that replaces it only on commit(); abort() leaves `file` as it was. */
export interface AtomicFileStream {
  readonly stream: WriteStream;
  commit(): void;
  abort(): void;
}

export function openAtomicFile(file: string, mode = 0o644): AtomicFileStream {
  const temporary = temporaryBeside(file);
  const fd = openSync(temporary, 'wx', mode);
  const stream = createWriteStream('', { fd, autoClose: false });
  let open = true;
  const close = (): void => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  return {
    stream,
    commit: () => {
      try {
        fsyncSync(fd);
        close();
        renameSync(temporary, file);
      } catch (e) {
        close();
        unlinkQuietly(temporary);
        throw e;
      }
    },
    abort: () => {
      stream.destroy();
      close();
      unlinkQuietly(temporary);
    },
  };
}

/** Why a file could not be written atomically as `probe` (then removed), or undefined when it can: a check before the real writes. */
export function atomicWriteProblem(probe: string): string | undefined {
  try {
    writeFileAtomic(probe, '');
    unlinkSync(probe);
    return undefined;
  } catch (e) {
    return errorMessage(e);
  }
}
