/** Keys longer than this are cut here: no address is longer, and memory stays bounded. */
export const MAX_KEY_BYTES = 8192;

/**
 * Ends a key that was cut. Latin1 decoding never yields it, and it is not whitespace, so no trimming
 * can turn the kept part (`1.2.3.4` and 8 KB of spaces) into a valid address: a cut key is never one.
 */
export const CUT_MARK = '\uFFFF';

/**
 * What becomes of a line over the limit: `cut` keeps its start, marked (a map still owes it one answer
 * line); `drop` leaves it out and counts it (a log report never shows half a line).
 */
export type OverlongLines = 'cut' | 'drop';

/**
 * Splits a byte stream into `\n`-terminated lines, decoded as latin1 so that any bytes (invalid UTF-8
 * included) give exactly one line per `\n` and come back out unchanged. `\r` is left in: the caller
 * trims it. Only new text is searched: a long line is joined once, not searched again with every chunk.
 */
export class LineSplitter {
  #partial = '';
  #overlong = false;
  /** Lines left out for their length (`drop`). */
  dropped = 0;

  constructor(
    private readonly maxBytes = MAX_KEY_BYTES,
    private readonly overlong: OverlongLines = 'cut',
  ) {}

  push(chunk: Buffer | string): string[] {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      // Most lines: whole in this chunk and within the limit, nothing to join or cut.
      if (this.#partial === '' && !this.#overlong && newline - start <= this.maxBytes) lines.push(text.slice(start, newline));
      else this.#take(text.slice(start, newline), lines);
      start = newline + 1;
    }
    this.#append(text.slice(start));
    return lines;
  }

  /** The unterminated last line at end of input, if any. */
  end(): string | undefined {
    if (this.#partial === '' && !this.#overlong) return undefined;
    const lines: string[] = [];
    this.#take('', lines);
    return lines[0];
  }

  #append(text: string): void {
    if (this.#overlong) return;
    if (this.#partial.length + text.length <= this.maxBytes) {
      this.#partial += text;
      return;
    }
    this.#overlong = true;
    this.#partial = this.overlong === 'cut' ? (this.#partial + text).slice(0, this.maxBytes) : '';
  }

  #take(tail: string, into: string[]): void {
    this.#append(tail);
    if (!this.#overlong) into.push(this.#partial);
    else if (this.overlong === 'cut') into.push(this.#partial + CUT_MARK);
    else this.dropped++;
    this.#partial = '';
    this.#overlong = false;
  }
}
