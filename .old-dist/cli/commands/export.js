import { resolve } from 'node:path';
import { isClassFormat, isMmdbClassFormat } from '../../export/formats.js';
import { exportPieces } from '../../export/render.js';
import { LineWriter } from '../../io/line-writer.js';
import { EXIT_READER_CLOSED, outputEndAfter } from '../../io/output.js';
import { openAtomicFile, writeFileAtomic } from '../../io/atomic-file.js';
import { existsSync, readFileSync } from 'node:fs';
import { answersFileOf, answersText, classPieces, hasPlanFile, mmdbClassFile, planFileOf, planText } from '../../export/class-render.js';
import { checkMmdb } from '../../export/mmdb-check.js';
import { EXIT_EXPORT_FAILED, EXIT_OK, EXIT_USAGE } from '../process/io.js';
import { exportNotes, needsTableSource } from '../views/export-notes.js';
import { takeOneLook } from '../../runtime/first-look.js';
import { exportSourceNow } from '../../runtime/export-source.js';
import { ONE_OFF } from './command.js';
import { errorMessage } from '../../io/error-message.js';
/** Writes, waiting for the reader when it falls behind; rejects when the output breaks. */
function exportWriter(out) {
    const writer = new LineWriter(out);
    const check = (end) => {
        if (end !== 'written')
            throw writer.error ?? new Error('output closed');
    };
    return {
        write: async (data) => {
            check(writer.end);
            const caughtUp = typeof data === 'string' ? writer.add(data) : writer.addBytes(data);
            if (!caughtUp)
                check(await writer.ready());
        },
        end: async () => check(await writer.finished()),
    };
}
/**
 * `--export FORMAT`: the whole table, each block of addresses with its answer, for an engine that does
 * the lookups itself. From `mrt` and `table` only; it reflects the POPs' state (drain file, health
 * checks) as it is when written, so it is written again when that changes.
 */
export async function exportTable(ctx, format, outputFile) {
    const { routeServer, io, log } = ctx;
    if (format === 'mmdb' && outputFile === undefined && io.stdout.isTTY === true) {
        io.stderr.write('supersparrow: an mmdb file is binary and would garble this terminal: write it with -o FILE, or redirect stdout to a file\n');
        return EXIT_USAGE;
    }
    if (isClassFormat(format) && outputFile === undefined) {
        io.stderr.write(`supersparrow: ${format} is ${hasPlanFile(format) ? 'three files' : 'two files'}, the blocks' classes${hasPlanFile(format) ? `, the plan's (in ${planFileOf('FILE')})` : ''} and the classes' answers: write them with -o FILE (the answers go to ${answersFileOf(format, 'FILE', ctx.config.gdnsdAdminState)})\n`);
        return EXIT_USAGE;
    }
    const unsupported = needsTableSource(ctx, '--export');
    if (unsupported) {
        io.stderr.write(`supersparrow: ${unsupported}\n`);
        return EXIT_USAGE;
    }
    let file;
    try {
        await takeOneLook(ctx.runtime);
        if (outputFile !== undefined)
            file = openAtomicFile(outputFile);
        const stdout = file?.stream ?? io.stdout;
        const now = exportSourceNow(ctx.runtime);
        for (const line of exportNotes(now))
            log.line(line);
        const out = exportWriter(stdout);
        if (isClassFormat(format)) {
            // The big file first, the plan's, then the answers: an engine never meets a class with no answer.
            const answersFile = answersFileOf(format, resolve(outputFile), ctx.config.gdnsdAdminState);
            const classes = new Set();
            if (isMmdbClassFormat(format)) {
                const bytes = mmdbClassFile(now, classes);
                checkMmdb(bytes);
                await out.write(bytes);
            }
            else
                for (const piece of classPieces(format, now, answersFile, classes))
                    await out.write(piece);
            await out.end();
            file?.commit();
            if (hasPlanFile(format))
                writeFileAtomic(planFileOf(resolve(outputFile)), planText(format, now, classes));
            const existing = format === 'gdnsd-classes' && existsSync(answersFile) ? readFileSync(answersFile, 'utf8') : '';
            writeFileAtomic(answersFile, answersText(format, now, classes, existing));
            return EXIT_OK;
        }
        for (const piece of exportPieces(format, now))
            await out.write(piece);
        await out.end();
        file?.commit();
        return EXIT_OK;
    }
    catch (e) {
        file?.abort();
        // A reader that went away (`| head`) ends the export quietly; the status still says it is not whole.
        if (outputEndAfter(e) === 'reader-closed')
            return EXIT_READER_CLOSED;
        log.line(`export failed: ${errorMessage(e)}`);
        return EXIT_EXPORT_FAILED;
    }
    finally {
        await routeServer.close();
    }
}
/** `--export FORMAT [-o FILE]`. */
export const command = {
    ...ONE_OFF,
    name: 'export',
    run: (ctx, input) => exportTable(ctx, input.action.export, input.action.output),
};
//# sourceMappingURL=export.js.map