import type { BatchAnswerer } from '../../batch/batch-loop.js';
import type { CliContext } from '../context.js';
/** A line protocol on stdin and stdout (a map, a pipe backend), ended by end of input or a signal. */
export declare function serveLines(ctx: CliContext, fallback: () => string, answer: BatchAnswerer): Promise<number>;
