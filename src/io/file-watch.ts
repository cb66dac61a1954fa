import { closeSync, constants, fstatSync, openSync, readSync, type Stats, unwatchFile, watchFile } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { errorMessage } from './error-message.js';

/** What identifies one version of a file: a rename, a rewrite in place and an append all change it. */
export function versionOf(stats: Pick<Stats, 'mtimeMs' | 'size' | 'ino' | 'dev'>): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

/** A file that cannot be read as asked: not there, not a regular file, too large, unreadable. */
export class FileReadError extends Error {
  constructor(
    readonly file: string,
    readonly code: 'missing' | 'not-regular' | 'too-large' | 'unreadable' | 'changed',
    message: string,
  ) {
    super(message);
    this.name = 'FileReadError';
  }
}

export interface FileContent {
  readonly data: Buffer;
  /** The version read, from the open file itself. */
  readonly version: string;
}

// O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused as not a regular file.
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

function refuseUnlessRegular(file: string, stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) throw new FileReadError(file, 'not-regular', `${file} is not a regular file`);
  if (stats.size > maxBytes)
    throw new FileReadError(file, 'too-large', `${file} is ${stats.size} bytes, more than the ${maxBytes} allowed`);
}

function readFailure(file: string, e: unknown): FileReadError {
  if (e instanceof FileReadError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  return new FileReadError(file, code === 'ENOENT' ? 'missing' : 'unreadable', `cannot read ${file}: ${errorMessage(e)}`);
}

/** Reads a small regular file whole, at start-up (before any answer is due); devices, FIFOs and huge files are refused. */
export function readRegularFileSync(file: string, maxBytes: number): FileContent {
  let fd: number | undefined;
  try {
    fd = openSync(file, READ_FLAGS);
    const stats = fstatSync(fd);
    refuseUnlessRegular(file, stats, maxBytes);
    const data = Buffer.alloc(stats.size);
    let got = 0;
    while (got < data.length) {
      const n = readSync(fd, data, got, data.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return { data: data.subarray(0, got), version: versionOf(stats) };
  } catch (e) {
    throw readFailure(file, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads a regular file whole without blocking the event loop; refused when it changed while being
 * read (a file rewritten in place is read again once it is stable, never applied half-written).
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<FileContent> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, READ_FLAGS);
    const before = await handle.stat();
    refuseUnlessRegular(file, before, maxBytes);
    const data = Buffer.alloc(before.size);
    let got = 0;
    while (got < data.length) {
      const { bytesRead } = await handle.read(data, got, Math.min(data.length - got, 1 << 20), got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    const after = await handle.stat();
    if (got !== before.size || versionOf(after) !== versionOf(before))
      throw new FileReadError(file, 'changed', `${file} changed while it was read`);
    return { data, version: versionOf(before) };
  } catch (e) {
    throw readFailure(file, e);
  } finally {
    await handle?.close();
  }
}

export interface SettledFileEvents {
  /** The file changed and has stayed the same for one more interval. */
  readonly onSettled: (stats: Stats) => void | Promise<void>;
  /** The file is gone (and stayed gone for one more interval): a file being replaced, or removed for good. */
  readonly onRemoved: () => void | Promise<void>;
  /** A handler threw: reported, and the watch goes on. */
  readonly onError: (error: Error) => void;
}

/**
 * One file, polled every `intervalMs` (works across renames and on any filesystem). A change is
 * reported only once the file has stopped changing for a whole interval: a file rewritten in place is
 * never taken half-written. Handlers run one at a time; a throw is reported, never propagated.
 */
export class SettledFileWatch {
  #seen: string | undefined;
  #reported: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #closed = false;
  readonly #listener = (current: Stats): void => this.#changed(current);

  constructor(
    readonly file: string,
    private readonly events: SettledFileEvents,
    private readonly intervalMs = 250,
    /** The version already in force (read at start), so that an unchanged file is not reported. */
    initialVersion?: string,
  ) {
    this.#reported = initialVersion;
    watchFile(file, { interval: intervalMs, persistent: false }, this.#listener);
    // watchFile compares against its own first look, taken later: a change made between the read at
    // start and that look would never be reported. One check after an interval closes the gap.
    if (initialVersion !== undefined) this.#schedule();
  }

  /** Reports the file as it is now at the next check, even if unchanged (e.g. a retry after a failed read). */
  again(): void {
    this.#reported = undefined;
    this.#schedule();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    unwatchFile(this.file, this.#listener);
  }

  #changed(current: Stats): void {
    this.#seen = versionOf(current);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    const seenThen = this.#seen;
    this.#timer = setTimeout(() => void this.#check(seenThen), this.intervalMs);
    this.#timer.unref();
  }

  async #check(seenThen: string | undefined): Promise<void> {
    if (this.#closed) return;
    if (this.#running) return this.#schedule();
    const now = await stat(this.file).catch(() => undefined);
    const version = now ? versionOf(now) : 'missing';
    // Still changing: wait for it to stop.
    if (seenThen !== undefined && now && version !== seenThen) {
      this.#seen = version;
      return this.#schedule();
    }
    if (version === this.#reported) return;
    this.#running = true;
    try {
      this.#reported = version;
      await (now ? this.events.onSettled(now) : this.events.onRemoved());
    } catch (e) {
      this.events.onError(e instanceof Error ? e : new Error(errorMessage(e)));
    } finally {
      this.#running = false;
    }
  }
}
