import { readFileSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import type { Asn } from '../core/asn.js';
import { DrainListError, drainedBecause, nextExpiry, parseDrainList, type DrainEntry } from './drain-list.js';

export interface DrainFileEvents {
  /** The POPs in force changed (the file, or an entry's time ran out): answers naming them are stale. */
  readonly onChange: (inForce: number) => void;
  /** The file could not be read or parsed; the previous list stays in force. */
  readonly onError: (message: string) => void;
}

/**
 * A drain file, watched: a change is applied within `intervalMs`, an entry's end time is applied when
 * it comes, and a broken file keeps the previous list in force.
 */
export class DrainFile {
  #entries: readonly DrainEntry[] = [];
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #watcher = (current: Stats, previous: Stats): void => {
    if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size || current.ino !== previous.ino) this.#load(true);
  };

  constructor(
    readonly file: string,
    private readonly events: DrainFileEvents,
    intervalMs = 250,
  ) {
    this.#load(false);
    watchFile(file, { interval: intervalMs, persistent: false }, this.#watcher);
  }

  /** Why the POP is drained now, or undefined. */
  readonly unavailable = (asn: Asn, answer: string): string | undefined => drainedBecause(this.#entries, asn, answer, Date.now());

  inForce(): number {
    const now = Date.now();
    return this.#entries.filter((e) => e.untilMs === undefined || e.untilMs > now).length;
  }

  close(): void {
    unwatchFile(this.file, this.#watcher);
    clearTimeout(this.#expiryTimer);
  }

  #load(notify: boolean): void {
    let text = '';
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      // A missing file is an empty list: removing the file ends every drain.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.events.onError(`cannot read drain file ${this.file}: ${(e as Error).message}; the previous list stays in force`);
        return;
      }
    }
    try {
      this.#entries = parseDrainList(text, this.file);
    } catch (e) {
      if (!(e instanceof DrainListError)) throw e;
      this.events.onError(`${e.message}; the previous list stays in force`);
      return;
    }
    this.#scheduleExpiry();
    if (notify) this.events.onChange(this.inForce());
  }

  #scheduleExpiry(): void {
    clearTimeout(this.#expiryTimer);
    const next = nextExpiry(this.#entries, Date.now());
    if (next === undefined) return;
    this.#expiryTimer = setTimeout(
      () => {
        this.events.onChange(this.inForce());
        this.#scheduleExpiry();
      },
      Math.min(next - Date.now() + 5, 2 ** 31 - 1),
    );
    this.#expiryTimer.unref();
  }
}
