import type { Readable, Writable } from 'node:stream';
/** Returns the answer at once when it is known, else a promise that always resolves, by a deadline. */
export type BatchAnswerer = (key: string) => string | Promise<string>;
/**
 * The RewriteMap `prg:` loop: one `\n`-terminated answer per `\n`-terminated key, in order, each
 * written as soon as it is known. Answers known at once are written together per input chunk;
 * a key that must wait flushes everything before it first. Resolves at end of input.
 */
export declare function runBatch(input: Readable, output: Writable, answerer: BatchAnswerer, 
/** The line for a key whose answerer failed (a defect): one line per key whatever happens. */
fallback?: (key: string, error: unknown) => string): Promise<number>;
