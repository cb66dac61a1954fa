import type { Asn } from '../core/asn.js';
import { rangeToCidrs4, rangeToCidrs6 } from '../core/cidr.js';
import { NO_PREFIX, SELF_ANSWER, type DecidedTable } from '../core/decided-table.js';
import type { PopTable, PopUnavailable } from '../core/pop-selection.js';
import { formatPrefix } from '../core/prefix.js';

/** One block of addresses and the answer for all of them. */
export interface ExportRow {
  readonly cidr: string;
  readonly answer: string;
}

export interface AnswerRules {
  readonly pops: PopTable;
  readonly self: string;
  /** POPs out now (drained, unhealthy): their clients go to the next POP on the path, as live answers do. */
  readonly unavailable?: PopUnavailable;
}

/** A prefix's answer: the first POP from the origin that can serve, else self. */
export function answerFor(table: DecidedTable, index: number, rules: AnswerRules): string {
  const asn: Asn | typeof SELF_ANSWER = table.answerOf(index, rules.unavailable, rules.pops);
  return asn === SELF_ANSWER ? rules.self : (rules.pops.get(asn) ?? rules.self);
}

/**
 * The whole table as CIDR blocks and answers, for engines that do longest-prefix (or any-match)
 * lookups themselves. Exact by construction: nested prefixes are first flattened into ranges that do
 * not overlap, neighbouring ranges with the same answer are merged, and each run is cut into the
 * fewest aligned blocks. Addresses answered `self` (no POP nearer, or no route) are left out: the
 * engine's default gives them self.
 */
export function* exportRows(table: DecidedTable, rules: AnswerRules): Generator<ExportRow> {
  for (const family of [4, 6] as const) {
    let runFirst: number | bigint | undefined;
    let runLast: number | bigint | undefined;
    let runAnswer = rules.self;
    const flush = function* (): Generator<ExportRow> {
      if (runFirst === undefined || runLast === undefined || runAnswer === rules.self) return;
      const blocks =
        family === 4
          ? rangeToCidrs4(runFirst as number, runLast as number).map((b) => ({ family: 4 as const, ...b }))
          : rangeToCidrs6(runFirst as bigint, runLast as bigint).map((b) => ({ family: 6 as const, ...b }));
      for (const b of blocks) yield { cidr: formatPrefix(b), answer: runAnswer };
    };
    for (const range of table.ranges(family)) {
      const answer = range.prefix === NO_PREFIX ? rules.self : answerFor(table, range.prefix, rules);
      if (runFirst !== undefined && answer === runAnswer) {
        runLast = range.last;
        continue;
      }
      yield* flush();
      runFirst = range.first;
      runLast = range.last;
      runAnswer = answer;
    }
    yield* flush();
  }
}
