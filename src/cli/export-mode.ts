import type { Writable } from 'node:stream';
import { answerFor, exportRows } from '../export/decided-rows.js';
import { csvLine, exportLine, exportPrologue, type ExportFormat } from '../export/formats.js';
import { formatAsPath } from '../core/as-path.js';
import { formatPrefix } from '../core/prefix.js';
import { LineWriter } from '../io/line-writer.js';
import { EXIT_READER_CLOSED, outputEndAfter, type OutputEnd } from '../io/output.js';
import { tableSource } from '../route-servers/route-server.js';
import { openAtomicFile, type AtomicFileStream } from '../io/atomic-file.js';
import { EXIT_EXPORT_FAILED, EXIT_OK, EXIT_USAGE } from './io.js';
import type { CliContext } from './context.js';
import { takeOneLook } from './status-view.js';

/** Writes, waiting for the reader when it falls behind; rejects when the output breaks. */
function exportWriter(out: Writable): { write(text: string | Uint8Array): Promise<void>; end(): Promise<void> } {
  const writer = new LineWriter(out);
  const check = (end: OutputEnd): void => {
    if (end !== 'written') throw writer.error ?? new Error('output closed');
  };
  return {
    write: async (data) => {
      check(writer.end);
      const caughtUp = typeof data === 'string' ? writer.add(data) : writer.addBytes(data);
      if (!caughtUp) check(await writer.ready());
    },
    end: async () => check(await writer.finished()),
  };
}

/**
 * `--export FORMAT`: the whole table, each block of addresses with its answer, for an engine that does
 * the lookups itself. From `mrt` and `table` only; it reflects the POPs' state (drain file, health
 * checks) as it is when written, so it is written again when that changes.
 */
export async function exportTable(ctx: CliContext, format: ExportFormat, outputFile?: string): Promise<number> {
  const { routeServer, config, io, log, pops } = ctx;
  if (format === 'mmdb' && outputFile === undefined && (io.stdout as { isTTY?: boolean }).isTTY === true) {
    io.stderr.write(
      'supersparrow: an mmdb file is binary and would garble this terminal: write it with -o FILE, or redirect stdout to a file\n',
    );
    return EXIT_USAGE;
  }
  const source = tableSource(routeServer);
  if (!source) {
    io.stderr.write(
      `supersparrow: --export needs route_server mrt or table: a full table cannot be read over the ${config.routeServer} ` +
        'command line in reasonable time. Have the route server write a dump (FRR: "dump bgp routes-mrt FILE"; BIRD: "mrt dump") and export from it\n',
    );
    return EXIT_USAGE;
  }
  let file: AtomicFileStream | undefined;
  try {
    await takeOneLook(ctx);
    if (outputFile !== undefined) file = openAtomicFile(outputFile);
    const stdout = file?.stream ?? io.stdout;
    const view = source.decided();
    if (!view) throw new Error(`${routeServer.description} has no table loaded`);
    const plan = ctx.runtime.plan.entries.filter((e) => e.untilMs === undefined || e.untilMs > Date.now());
    const rules = { pops: config.pops, self: config.self, unavailable: pops.unavailable, plan };
    if (plan.length > 0) log.line(`exporting with the plan in force: ${plan.length} planned prefix${plan.length === 1 ? '' : 'es'}`);
    for (const state of pops.states()) if (state.why) log.line(`exporting without POP AS${state.asn} (${state.answer}): ${state.why}`);
    if (format === 'mmdb') {
      const { mmdbFile } = await import('../export/mmdb.js');
      const mmdb = mmdbFile(
        exportRows(view.table, rules),
        `supersparrow POPs from ${routeServer.description}`,
        Math.floor(Date.now() / 1000),
      );
      const out = exportWriter(stdout);
      await out.write(mmdb);
      await out.end();
      file?.commit();
      return EXIT_OK;
    }
    const out = exportWriter(stdout);
    await out.write(
      exportPrologue(format, {
        self: config.self,
        source: routeServer.description,
        generated: new Date(),
        answers: [...new Set([config.self, ...config.pops.values()])],
      }),
    );
    if (format === 'csv') {
      const { table } = view;
      for (let i = 0; i < table.size; i++) {
        await out.write(csvLine([formatPrefix(table.prefixOf(i)), answerFor(table, i, rules), formatAsPath(view.pathOf(i))]));
      }
      // A plan line may cut a route's prefix: listed after the routes, its path column saying so.
      for (const entry of plan) await out.write(csvLine([formatPrefix(entry.prefix), entry.pop, 'plan']));
    } else {
      for (const row of exportRows(view.table, rules)) await out.write(exportLine(format, row));
    }
    await out.end();
    file?.commit();
    return EXIT_OK;
  } catch (e) {
    file?.abort();
    // A reader that went away (`| head`) ends the export quietly; the status still says it is not whole.
    if (outputEndAfter(e) === 'reader-closed') return EXIT_READER_CLOSED;
    log.line(`export failed: ${(e as Error).message}`);
    return EXIT_EXPORT_FAILED;
  } finally {
    await routeServer.close();
  }
}
