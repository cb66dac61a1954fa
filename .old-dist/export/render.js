import { formatAsPath } from '../core/as-path.js';
import { formatPrefix } from '../core/prefix.js';
import { answerFor, exportRows } from './decided-rows.js';
import { csvLine, exportLine, exportPrologue } from './formats.js';
import { mmdbFile } from './mmdb.js';
/**
 * An export as it is written, in pieces: the prologue (which carries the time) first, then the rows in
 * batches, so that a writer can wait for a slow reader between them. An mmdb is one piece.
 */
export function* exportPieces(format, source) {
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
export function mmdbDescription(source) {
    return `supersparrow POPs from ${source.description}`;
}
/** One row per prefix of the table, nested ones included, then the plan's lines. */
function* csvLines({ view, rules }) {
    const { table } = view;
    for (let i = 0; i < table.size; i++)
        yield csvLine([formatPrefix(table.prefixOf(i)), answerFor(table, i, rules), formatAsPath(view.pathOf(i))]);
    // A plan line may cut a route's prefix: listed after the routes, its path column saying so.
    for (const entry of rules.plan)
        yield csvLine([formatPrefix(entry.prefix), entry.pop, 'plan']);
}
function* mapLines(format, { view, rules }) {
    for (const row of exportRows(view.table, rules))
        yield exportLine(format, row);
}
export function* inBatches(lines) {
    let batch = '';
    for (const line of lines) {
        batch += line;
        if (batch.length >= BATCH_CHARS) {
            yield batch;
            batch = '';
        }
    }
    if (batch !== '')
        yield batch;
}
/** Rows are handed on in batches of about this many characters: few writes, little held at once. */
const BATCH_CHARS = 64 * 1024;
//# sourceMappingURL=render.js.map