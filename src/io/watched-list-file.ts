import { errorMessage } from './error-message.js';
import { FileReadError, readRegularFile, readRegularFileSync, SettledFileWatch } from './file-watch.js';

export interface ListFileEvents {
  /** The entries in force changed (the file, or an entry's time ran out). */
  readonly onChange: () => void;
  /** The file could not be read or was refused; the previous entries stay in force. */
  readonly onError: (error: Error) => void;
}

/** A list file (drains, a plan) is small: anything larger is a wrong path (a log, a device), refused. */
export const MAX_LIST_FILE_BYTES = 8 * 1024 * 1024;

/**
 * A small file of timed entries, watched: a change is applied within a second of the file settling, an
 * entry's end time when it comes, and a file that does not read or parse keeps the previous entries.
 * Read off the answering path, regular files only, never half-written; removing the file empties it.
 */
export class WatchedListFile<E extends { readonly untilMs: number | undefined }> {
  #entries: readonly E[] = [];
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #watch: SettledFileWatch;

  /** `parse` throws, with file and line in its message, to refuse a file. */
  constructor(
    readonly file: string,
    private readonly what: string,
    private readonly parse: (text: string) => readonly E[],
    private readonly events: ListFileEvents,
    intervalMs = 250,
    maxBytes = MAX_LIST_FILE_BYTES,
  ) {
    let version: string | undefined;
    try {
      const content = readRegularFileSync(file, maxBytes);
      version = content.version;
      this.#apply(content.data.toString('utf8'), false);
    } catch (e) {
      if (e instanceof FileReadError && e.code === 'missing') version = 'missing';
      else this.events.onError(new Error(`cannot read ${what} ${file}: ${errorMessage(e)}; none in force until it reads`));
    }
    this.#watch = new SettledFileWatch(
      file,
      {
        onSettled: async () => {
          try {
            this.#apply((await readRegularFile(file, maxBytes)).data.toString('utf8'), true);
          } catch (e) {
            this.#failed(e);
          }
        },
        onRemoved: () => this.#apply('', true),
        onError: (e) => this.events.onError(new Error(`${what} ${file}: ${e.message}; the previous one stays in force`)),
      },
      intervalMs,
      version,
    );
  }

  get entries(): readonly E[] {
    return this.#entries;
  }

  /** The entries whose time has not run out. */
  inForce(nowMs = Date.now()): E[] {
    return this.#entries.filter((e) => e.untilMs === undefined || e.untilMs > nowMs);
  }

  close(): void {
    this.#watch.close();
    clearTimeout(this.#expiryTimer);
  }

  #apply(text: string, notify: boolean): void {
    try {
      this.#entries = this.parse(text);
    } catch (e) {
      this.events.onError(new Error(`${errorMessage(e)}; the previous ${this.what} stays in force`));
      return;
    }
    this.#scheduleExpiry();
    if (!notify) return;
    try {
      this.events.onChange();
    } catch (e) {
      this.events.onError(new Error(`${this.what} ${this.file}: applying it failed: ${errorMessage(e)}`));
    }
  }

  #failed(e: unknown): void {
    if (e instanceof FileReadError && e.code === 'missing') {
      this.#apply('', true);
      return;
    }
    // Changed while read: the watch reports it again once it settles.
    if (e instanceof FileReadError && e.code === 'changed') {
      this.#watch.again();
      return;
    }
    this.events.onError(new Error(`cannot read ${this.what} ${this.file}: ${errorMessage(e)}; the previous one stays in force`));
  }

  #scheduleExpiry(): void {
    clearTimeout(this.#expiryTimer);
    const now = Date.now();
    let next: number | undefined;
    for (const e of this.#entries)
      if (e.untilMs !== undefined && e.untilMs > now && (next === undefined || e.untilMs < next)) next = e.untilMs;
    if (next === undefined) return;
    this.#expiryTimer = setTimeout(
      () => {
        // A fault in what the change drives must not end a running map from a timer.
        try {
          this.events.onChange();
        } catch (e) {
          this.events.onError(new Error(`${this.what} ${this.file}: applying an entry's end failed: ${errorMessage(e)}`));
        } finally {
          this.#scheduleExpiry();
        }
      },
      Math.min(next - now + 5, 2 ** 31 - 1),
    );
    this.#expiryTimer.unref();
  }
}

/** When the next entry still in force ends, or undefined. */
export function nextExpiry(entries: ReadonlyArray<{ readonly untilMs: number | undefined }>, nowMs: number): number | undefined {
  let next: number | undefined;
  for (const e of entries) if (e.untilMs !== undefined && e.untilMs > nowMs && (next === undefined || e.untilMs < next)) next = e.untilMs;
  return next;
}
