/** Keys longer than this are cut here: no address is longer, and memory stays bounded. */
export const MAX_KEY_BYTES = 8192;

/**
 * Ends a key that was cut. Latin1 decoding never yields it, and it is not whitespace, so no trimming
 * can turn the kept part (`1.2.3.4` and 8 KB of spaces) into a valid address: a cut key is never one.
 */
export const CUT_MARK = '\uFFFF';

/**
 * Splits a byte stream into `\n`-terminated keys, decoded as latin1 so that any bytes (invalid
 * UTF-8 included) give exactly one key per line. `\r` is left in the key: the caller trims it.
 */
export class LineSplitter {
  #partial = '';
  #overlong = false;

  push(chunk: Buffer): string[] {
    const text = chunk.toString('latin1');
    const keys: string[] = [];
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      keys.push(this.#take(text.slice(start, newline)));
      start = newline + 1;
    }
    this.#append(text.slice(start));
    return keys;
  }

  /** The unterminated last line at end of input, if any. */
  end(): string | undefined {
    if (this.#partial === '' && !this.#overlong) return undefined;
    return this.#take('');
  }

  #append(text: string): void {
    if (this.#overlong) return;
    this.#partial += text;
    if (this.#partial.length > MAX_KEY_BYTES) {
      this.#partial = this.#partial.slice(0, MAX_KEY_BYTES);
      this.#overlong = true;
    }
  }

  #take(tail: string): string {
    this.#append(tail);
    const key = this.#overlong ? this.#partial + CUT_MARK : this.#partial;
    this.#partial = '';
    this.#overlong = false;
    return key;
  }
}
