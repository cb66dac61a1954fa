import { formatAsPath } from '../core/as-path.js';
import type { PlanEntry } from '../core/planned-prefixes.js';
import { formatPrefix } from '../core/prefix.js';
import type { DecidedView } from '../core/decided-table.js';
import { answerFor, exportRows, type AnswerRules } from './decided-rows.js';
import { csvLine, exportLine, exportPrologue, type FlatFormat } from './formats.js';
import { mmdbFile } from './mmdb.js';
import type { DnsNaming } from './pdns-zones.js';

/** What one export is made of: the decided table, the rules that answer it now, and what to say it came from. */
export interface ExportSource {
  readonly view: DecidedView;
  readonly rules: AnswerRules & { readonly plan: readonly PlanEntry[] };
  /** The POPs out when it was taken, and why: walked past in every answer it gives. */
  readonly out: readonly { readonly asn: number; readonly answer: string; readonly why: string }[];
  /** The route server it was read from, named in the file's header. */
  readonly description: string;
  readonly generated: Date;
  /** The steered names and POP addresses, for PowerDNS's zones file (mmdb-classes). */
  readonly dns?: DnsNaming;
}

/**
 * An export as it is written, in pieces: the prologue (which carries the time) first, then the rows in
 * batches, so that a writer can wait for a slow reader between them. An mmdb is one piece.
 */
export function* exportPieces(format: FlatFormat, source: ExportSource): Generator<string | Buffer> {
  const { view, rules, description, generated } = source;
  if (format === 'mmdb') {
    yield mmdbFile(exportRows(view.table, rules, true), mmdbDescription(source), Math.floor(generated.getTime() / 1000));
    return;
  }
  yield exportPrologue(format, {
    self: rules.self,
    source: description,
    generated,
    answers: [...new Set([rules.self, ...rules.pops.values()])],
  });
  yield* inBatches(format === 'csv' ? csvLines(source) : mapLines(format, source));
}

export function mmdbDescription(source: ExportSource): string {
  return `supersparrow POPs from ${source.description}`;
}

/** One row per prefix of the table, nested ones included, then the plan's lines. */
function* csvLines({ view, rules }: ExportSource): Generator<string> {
  const { table } = view;
  for (let i = 0; i < table.size; i++)
    yield csvLine([formatPrefix(table.prefixOf(i)), answerFor(table, i, rules), formatAsPath(view.pathOf(i))]);
  // A plan line may cut a route's prefix: listed after the routes, its path column saying so.
  for (const entry of rules.plan) yield csvLine([formatPrefix(entry.prefix), entry.pop, 'plan']);
}

function* mapLines(format: Exclude<FlatFormat, 'csv' | 'mmdb'>, { view, rules }: ExportSource): Generator<string> {
  for (const row of exportRows(view.table, rules)) yield exportLine(format, row);
}

export function* inBatches(lines: Iterable<string>): Generator<string> {
  let batch = '';
  for (const line of lines) {
    batch += line;
    if (batch.length >= BATCH_CHARS) {
      yield batch;
      batch = '';
    }
  }
  if (batch !== '') yield batch;
}

/** Rows are handed on in batches of about this many characters: few writes, little held at once. */
const BATCH_CHARS = 64 * 1024;
