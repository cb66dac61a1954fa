import type { OutputFormat } from '../../config/config.js';
import type { Decision } from '../../resolver/resolver.js';
/** The columns of a TSV record, for runs that may print a header (one-shot, log); a map answers line for line. */
export declare const TSV_HEADER = "#key\tanswer\treason\tprefix\tas_path\tskipped\tranking\tplan";
/**
 * One key's answer as a record, so the kinds of `self` can be told apart: key, answer, reason
 * (peer, no-peer, no-route, plan, invalid-key, unavailable, timeout, error), prefix, AS path, the POPs
 * passed over with why, the POP ranking (`POP:hops,…`) and the plan line's prefix (`-` when none).
 * `plain` is the answer alone: the Apache contract.
 */
export declare function answerRecord(format: OutputFormat, key: string, decision: Decision): string;
