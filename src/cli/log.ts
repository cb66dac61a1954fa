import type { Writable } from 'node:stream';

/**
 * Diagnostics on stderr, one line each with a recognisable prefix (under Apache they land in the
 * error log). Repeated warnings of one kind are rate-limited and the suppressed ones counted. A broken
 * stderr silences the log and nothing else: answers go on.
 */
export class Logger {
  readonly #lastByKind = new Map<string, { at: number; suppressed: number }>();
  readonly #prefix: string;
  #broken = false;

  constructor(
    private readonly stream: Writable,
    readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
    prefix = `supersparrow[${process.pid}]: `,
  ) {
    this.#prefix = prefix;
    stream.on('error', () => {
      this.#broken = true;
    });
  }

  line(text: string): void {
    this.raw(`${this.#prefix}${text.replace(/[\r\n]+/g, ' ')}\n`);
  }

  raw(text: string): void {
    if (this.#broken || this.stream.destroyed || this.stream.writableEnded) return;
    try {
      this.stream.write(text.endsWith('\n') ? text : `${text}\n`);
    } catch {
      this.#broken = true;
    }
  }

  /** Logs at most once per interval for each kind; returns whether the line was written. */
  warnLimited(kind: string, text: string): boolean {
    const now = this.now();
    const last = this.#lastByKind.get(kind);
    if (last && now - last.at < this.intervalMs) {
      last.suppressed++;
      return false;
    }
    const suppressed = last?.suppressed ?? 0;
    this.#lastByKind.set(kind, { at: now, suppressed: 0 });
    this.line(suppressed > 0 ? `${text} (${suppressed} similar suppressed)` : text);
    return true;
  }
}
