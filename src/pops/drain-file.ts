import { WatchedListFile } from '../io/watched-list-file.js';
import type { Asn } from '../core/asn.js';
import type { PopTable } from '../core/pop-selection.js';
import { drainedBecause, drainsOfNoPop, drainsOfNoPopWarning, parseDrainList, type DrainEntry } from './drain-list.js';

export type DrainFileEvent =
  /** The POPs in force changed (the file, or an entry's time ran out): answers naming them are stale. */
  | { readonly kind: 'changed'; readonly inForce: number }
  /** The file could not be read or parsed; the previous list stays in force. */
  | { readonly kind: 'rejected'; readonly error: Error }
  /** Lines that name no POP: they are kept (a POP may be added) but drain nothing. */
  | { readonly kind: 'names-no-pop'; readonly message: string };

/** A drain file lists a few POPs: anything larger is a wrong path (a log, a device), refused. */
export const MAX_DRAIN_FILE_BYTES = 1024 * 1024;

/** A drain file, watched (see WatchedListFile); lines naming no POP are warned of, with their line. */
export class DrainFile {
  readonly #list: WatchedListFile<DrainEntry>;

  constructor(
    readonly file: string,
    private pops: PopTable,
    private readonly onEvent: (event: DrainFileEvent) => void,
    intervalMs = 250,
  ) {
    this.#list = new WatchedListFile(
      file,
      'drain file',
      (text) => {
        const entries = parseDrainList(text, file);
        this.#checkNames(entries);
        return entries;
      },
      {
        onChange: () => this.onEvent({ kind: 'changed', inForce: this.inForce() }),
        onError: (error) => this.onEvent({ kind: 'rejected', error }),
      },
      intervalMs,
      MAX_DRAIN_FILE_BYTES,
    );
  }

  /** Why the POP is drained now, or undefined. */
  readonly unavailable = (asn: Asn, answer: string): string | undefined => drainedBecause(this.#list.entries, asn, answer, Date.now());

  /** A new POP table (the config changed): lines that now name no POP are reported again. */
  setPops(pops: PopTable): void {
    this.pops = pops;
    this.#checkNames(this.#list.entries);
  }

  inForce(): number {
    return this.#list.inForce().length;
  }

  close(): void {
    this.#list.close();
  }

  #checkNames(entries: readonly DrainEntry[]): void {
    const unknown = drainsOfNoPop(entries, this.pops);
    if (unknown.length > 0) this.onEvent({ kind: 'names-no-pop', message: drainsOfNoPopWarning(this.file, unknown) });
  }
}
