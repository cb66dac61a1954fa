import { randomBytes } from 'node:crypto';
import { closeSync, constants, createWriteStream, fsyncSync, openSync, renameSync, unlinkSync, writeSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errorMessage } from './error-message.js';

/** Tries at a new random name before giving up: a clash is one in 2^48, a planted file as likely. */
const TEMPORARY_TRIES = 8;

/**
 * A new file beside `file` (in its folder, so that the rename stays on one filesystem) under a random
 * name, as mkstemp makes one: created here and now (O_EXCL), never a link followed or a file another
 * user planted there; a name taken is passed over for another.
 */
function openTemporaryBeside(file: string, mode: number): { fd: number; temporary: string } {
  for (let attempt = 1; ; attempt++) {
    const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      return { fd: openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode), temporary };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= TEMPORARY_TRIES) throw e;
    }
  }
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
  const { fd, temporary } = openTemporaryBeside(file, mode);
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
  const { fd, temporary } = openTemporaryBeside(file, mode);
  const stream = createWriteStream('', { fd, autoClose: false });
  let open = true;
  const close = (): void => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  return {
    stream,
    commit: () => commitBeside(fd, temporary, file, close),
    abort: () => {
      if (open) {
        // destroy() closes the descriptor itself (autoClose or not): closing it here too would throw later.
        open = false;
        stream.destroy();
      }
      unlinkQuietly(temporary);
    },
  };
}

/** A file written beside `file` piece by piece, with plain writes: it replaces `file` only on commit(). */
export interface AtomicFileWriter {
  write(data: string | Uint8Array): void;
  commit(): void;
  abort(): void;
}

export function openAtomicWriter(file: string, mode = 0o644): AtomicFileWriter {
  const { fd, temporary } = openTemporaryBeside(file, mode);
  let open = true;
  const close = (): void => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  return {
    write: (data) => {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written);
    },
    commit: () => commitBeside(fd, temporary, file, close),
    abort: () => {
      close();
      unlinkQuietly(temporary);
    },
  };
}

/** Flushes the file written beside `file` to disk and renames it over `file`; on failure, removes it. */
function commitBeside(fd: number, temporary: string, file: string, close: () => void): void {
  try {
    fsyncSync(fd);
    close();
    renameSync(temporary, file);
  } catch (e) {
    close();
    unlinkQuietly(temporary);
    throw e;
  }
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
