import { FileReadError, readRegularFile, readRegularFileSync, SettledFileWatch } from '../io/file-watch.js';
import type { Asn } from '../core/asn.js';
import type { PopTable } from '../core/pop-selection.js';
import {
  DrainListError,
  drainedBecause,
  drainsOfNoPop,
  drainsOfNoPopWarning,
  nextExpiry,
  parseDrainList,
  type DrainEntry,
} from './drain-list.js';

export interface DrainFileEvents {
  /** The POPs in force changed (the file, or an entry's time ran out): answers naming them are stale. */
  readonly onChange: (inForce: number) => void;
  /** The file could not be read or parsed; the previous list stays in force. */
  readonly onError: (message: string) => void;
  /** Lines that name no POP: they are kept (a POP may be added) but drain nothing. */
  readonly onWarning: (message: string) => void;
}

/** A drain file lists a few POPs: anything larger is a wrong path (a log, a device), refused. */
export const MAX_DRAIN_FILE_BYTES = 1024 * 1024;

/**
 * A drain file, watched: a change is applied within a second of the file settling, an entry's end time
 * is applied when it comes, and a broken file keeps the previous list in force. Read off the answering
 * path, regular files only, and never half-written.
 */
export class DrainFile {
  #entries: readonly DrainEntry[] = [];
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #watch: SettledFileWatch;

  constructor(
    readonly file: string,
    private pops: PopTable,
    private readonly events: DrainFileEvents,
    intervalMs = 250,
  ) {
    let version: string | undefined;
    try {
      const content = readRegularFileSync(file, MAX_DRAIN_FILE_BYTES);
      version = content.version;
      this.#apply(content.data.toString('utf8'), false);
    } catch (e) {
      if (e instanceof FileReadError && e.code === 'missing') version = 'missing';
      else this.events.onError(`cannot read drain file ${file}: ${(e as Error).message}; no drains in force until it reads`);
    }
    this.#watch = new SettledFileWatch(
      file,
      {
        onSettled: async () => {
          try {
            this.#apply((await readRegularFile(file, MAX_DRAIN_FILE_BYTES)).data.toString('utf8'), true);
          } catch (e) {
            this.#failed(e);
          }
        },
        onError: (e) => this.events.onError(`drain file ${file}: ${e.message}; the previous list stays in force`),
      },
      intervalMs,
      version,
    );
  }

  /** Why the POP is drained now, or undefined. */
  readonly unavailable = (asn: Asn, answer: string): string | undefined => drainedBecause(this.#entries, asn, answer, Date.now());

  /** A new POP table (the config changed): lines that now name no POP are reported again. */
  setPops(pops: PopTable): void {
    this.pops = pops;
    this.#checkNames();
  }

  inForce(): number {
    const now = Date.now();
    return this.#entries.filter((e) => e.untilMs === undefined || e.untilMs > now).length;
  }

  close(): void {
    this.#watch.close();
    clearTimeout(this.#expiryTimer);
  }

  #apply(text: string, notify: boolean): void {
    try {
      this.#entries = parseDrainList(text, this.file);
    } catch (e) {
      if (!(e instanceof DrainListError)) throw e;
      this.events.onError(`${e.message}; the previous list stays in force`);
      return;
    }
    this.#scheduleExpiry();
    this.#checkNames();
    if (notify) this.events.onChange(this.inForce());
  }

  #checkNames(): void {
    const unknown = drainsOfNoPop(this.#entries, this.pops);
    if (unknown.length > 0) this.events.onWarning(drainsOfNoPopWarning(this.file, unknown));
  }

  #failed(e: unknown): void {
    if (e instanceof FileReadError && e.code === 'missing') {
      // Removing the file ends every drain.
      this.#apply('', true);
      return;
    }
    // Changed while read: the watch reports it again once it settles.
    if (e instanceof FileReadError && e.code === 'changed') {
      this.#watch.again();
      return;
    }
    this.events.onError(`cannot read drain file ${this.file}: ${(e as Error).message}; the previous list stays in force`);
  }

  #scheduleExpiry(): void {
    clearTimeout(this.#expiryTimer);
    const next = nextExpiry(this.#entries, Date.now());
    if (next === undefined) return;
    this.#expiryTimer = setTimeout(
      () => {
        try {
          this.events.onChange(this.inForce());
        } finally {
          this.#scheduleExpiry();
        }
      },
      Math.min(next - Date.now() + 5, 2 ** 31 - 1),
    );
    this.#expiryTimer.unref();
  }
}
