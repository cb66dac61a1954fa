import { type Decision } from '../../resolver/resolver.js';
import type { CliContext } from '../context.js';
/** The `--verbose` account of one answer, headed by its key. */
export declare function explain(ctx: CliContext, key: string, decision: Decision): void;
/** Explains when asked, and warns (rate-limited, counted) about bad keys and fallbacks. */
export declare function report(ctx: CliContext, key: string, decision: Decision): void;
