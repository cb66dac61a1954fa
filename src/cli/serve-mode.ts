import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExportLine } from '../config/config.js';
import { replaceHaproxyMap } from '../engines/haproxy-runtime.js';
import { runReloadCommand } from '../engines/reload-command.js';
import { checkMmdb, mmdbContent } from '../export/mmdb-check.js';
import { exportPieces, type ExportSource } from '../export/render.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { errorMessage } from '../io/error-message.js';
import { tableSource } from '../route-servers/route-server.js';
import { Coalescer } from '../runtime/coalescer.js';
import type { RuntimeEvent } from '../runtime/runtime-event.js';
import type { CliContext } from './context.js';
import { exportNotes, needsTableSource } from './export-mode.js';
import { exportSourceNow } from '../runtime/export-source.js';
import { EXIT_OK, EXIT_USAGE, type Signal } from './io.js';
import { MetricsTextfile } from './metrics-textfile.js';
import { exportFamilies, hostFamilies } from '../metrics/families.js';

/** A change is written once this long has passed without another… */
export const QUIET_MS = 100;
/** …and at the latest this long after the first, however many follow. */
export const MAX_DELAY_MS = 500;
/** A reload command that runs longer is killed, and counted failed. */
const COMMAND_TIMEOUT_MS = 30_000;
/** A failed write, push or command is tried again after this, doubling up to the last. */
const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];

/** Where one export stands: what is in its file, and what still has to be done with it. */
interface ExportState {
  /** The digest of the rows last written (the header's time left out); undefined: write it. */
  written?: string;
  /** HAProxy's copy and the reload command are behind the file. */
  pushDue: boolean;
  commandDue: boolean;
  /** The last write failed: the file in force is behind. */
  writeFailed: boolean;
  writes: number;
  writtenAtMs: number;
  failures: { write: number; push: number; command: number };
}

/** Why a change is written, from the events that can change an answer. */
function reasonOf(event: RuntimeEvent): string | undefined {
  switch (event.kind) {
    case 'route-server':
      return event.event.kind === 'table-loaded' ? 'table reloaded' : undefined;
    case 'pop':
      return `AS${event.change.asn} (${event.change.answer}) ${event.change.why === undefined ? 'back' : `out: ${event.change.why}`}`;
    case 'drain':
      return `drain file ${event.file}`;
    case 'plan':
      return `plan file ${event.file}`;
    case 'table-settled':
      return 'table settled';
    case 'config-changed':
      return event.applied.length > 0 ? 'config file' : undefined;
    default:
      return undefined;
  }
}

/** The file's bytes and a digest of what in them depends on the table (not the time in the header). */
async function render(line: ExportLine, source: ExportSource): Promise<{ bytes: Buffer; digest: string; text?: readonly string[] }> {
  const pieces: (string | Buffer)[] = [];
  let n = 0;
  for (const piece of exportPieces(line.format, source)) {
    pieces.push(piece);
    // Health checks and signals are heard while a big table is written.
    if (++n % 64 === 0) await nextTurn();
  }
  const hash = createHash('sha256').update(line.format);
  if (line.format === 'mmdb') {
    const bytes = pieces[0] as Buffer;
    checkMmdb(bytes);
    hash.update(mmdbContent(bytes));
    return { bytes, digest: hash.digest('hex') };
  }
  const text = pieces as string[];
  for (const piece of text.slice(1)) hash.update(piece);
  return { bytes: Buffer.from(text.join('')), digest: hash.digest('hex'), text: text.slice(1) };
}

/**
 * `--serve`: keeps every `export` file current. Any change that can change an answer (the table
 * reloaded, a POP out or back by health, drain or BGP session, the plan, the config) is written within
 * QUIET_MS of the last change and MAX_DELAY_MS of the first: each file whose blocks changed is replaced
 * whole (written beside it, flushed, renamed), a haproxy-map is replaced live in HAProxy through its
 * runtime API, and the line's command is run. An mmdb is read back before it replaces the old one.
 * Idle, it only waits on its watches. SIGHUP re-reads the table and writes everything again; SIGTERM
 * finishes the write under way and exits.
 */
export async function serveExports(ctx: CliContext): Promise<number> {
  const { io, log, runtime } = ctx;
  if (ctx.config.exports.length === 0) {
    io.stderr.write(
      'supersparrow: --serve keeps export files current: add lines such as "export haproxy-map /etc/haproxy/supersparrow-pop.map" to the config file\n',
    );
    return EXIT_USAGE;
  }
  const unsupported = needsTableSource(ctx, '--serve');
  if (unsupported) {
    io.stderr.write(`supersparrow: ${unsupported}\n`);
    return EXIT_USAGE;
  }
  const { takeOneLook } = await import('./status-view.js');
  await takeOneLook(ctx);
  const states = new Map<string, ExportState>();
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;
  let lastNotes = '';

  const stateOf = (line: ExportLine): ExportState => {
    let state = states.get(line.file);
    if (!state) {
      state = {
        pushDue: false,
        commandDue: false,
        writeFailed: false,
        writes: 0,
        writtenAtMs: 0,
        failures: { write: 0, push: 0, command: 0 },
      };
      states.set(line.file, state);
    }
    return state;
  };

  const writeOne = async (line: ExportLine, source: ExportSource, why: string): Promise<boolean> => {
    const state = stateOf(line);
    const started = performance.now();
    let rendered: Awaited<ReturnType<typeof render>>;
    try {
      // An mmdb that does not read back is refused here, as a failed write is.
      rendered = await render(line, source);
      if (rendered.digest !== state.written) writeFileAtomic(line.file, rendered.bytes);
      state.writeFailed = false;
    } catch (e) {
      state.writeFailed = true;
      state.failures.write++;
      throw e;
    }
    const { bytes, digest, text } = rendered;
    if (digest !== state.written) {
      state.writes++;
      state.writtenAtMs = Date.now();
      state.written = digest;
      state.pushDue = line.format === 'haproxy-map' && ctx.config.haproxySocket !== undefined;
      state.commandDue = line.command !== undefined;
      log.line(`wrote ${line.file} (${line.format}, ${bytes.length} bytes) in ${Math.round(performance.now() - started)} ms: ${why}`);
    }
    let ok = true;
    const socket = ctx.config.haproxySocket;
    if (state.pushDue && socket !== undefined && text) {
      const pushStarted = performance.now();
      try {
        const replaced = await replaceHaproxyMap(socket, line.file, text);
        state.pushDue = false;
        log.line(
          `HAProxy: map ${line.file} replaced live (version ${replaced.version}) in ${Math.round(performance.now() - pushStarted)} ms`,
        );
      } catch (e) {
        ok = false;
        state.failures.push++;
        log.warnLimited(`haproxy ${line.file}`, `HAProxy's map ${line.file} not replaced live (its file is): ${errorMessage(e)}`);
      }
    }
    if (state.commandDue && line.command !== undefined) {
      const outcome = await runReloadCommand(line.command, COMMAND_TIMEOUT_MS);
      if (outcome.ok) {
        state.commandDue = false;
        log.line(`ran "${line.command}"${outcome.output ? `: ${outcome.output}` : ''}`);
      } else {
        ok = false;
        state.failures.command++;
        log.warnLimited(`command ${line.file}`, `"${line.command}" failed (${outcome.how})${outcome.output ? `: ${outcome.output}` : ''}`);
      }
    }
    return ok;
  };

  const writeAll = async (reasons: readonly string[]): Promise<void> => {
    clearTimeout(retry);
    let source: ExportSource;
    try {
      source = exportSourceNow(runtime);
    } catch (e) {
      log.warnLimited('serve', `nothing written: ${errorMessage(e)}`);
      return;
    }
    const notes = exportNotes(source).join('\n');
    if (notes !== lastNotes && notes !== '') log.line(notes);
    lastNotes = notes;
    const why = reasons.join('; ');
    let allOk = true;
    for (const line of ctx.config.exports) {
      try {
        if (!(await writeOne(line, source, why))) allOk = false;
      } catch (e) {
        allOk = false;
        log.warnLimited(`write ${line.file}`, `${line.file} not written, the previous one left in force: ${errorMessage(e)}`);
      }
    }
    metrics?.write();
    failures = allOk ? 0 : failures + 1;
    if (!allOk) retry = setTimeout(() => coalescer.poke('retry'), RETRY_MS[Math.min(failures, RETRY_MS.length) - 1]);
  };

  const coalescer = new Coalescer(QUIET_MS, MAX_DELAY_MS, writeAll);
  const metrics =
    ctx.config.metricsDir === undefined
      ? undefined
      : new MetricsTextfile(
          ctx.config.metricsDir,
          'serve',
          () => [
            ...hostFamilies(runtime.hostState()),
            ...exportFamilies(
              ctx.config.exports.map((line) => {
                const state = stateOf(line);
                return {
                  file: line.file,
                  format: line.format,
                  writes: state.writes,
                  failures: state.failures,
                  writtenAtMs: state.writtenAtMs,
                  behind: state.written === undefined || state.writeFailed || state.pushDue || state.commandDue,
                };
              }),
            ),
          ],
          (message) => log.warnLimited('metrics', message),
        );
  const onEvent = (event: RuntimeEvent): void => {
    const reason = reasonOf(event);
    if (reason !== undefined) coalescer.poke(reason);
  };
  runtime.on(onEvent);
  coalescer.poke('started');
  // The watches do not hold the process open by themselves: this does, until a signal ends it.
  const holdOpen = setInterval(() => undefined, 2 ** 31 - 1);
  return await new Promise<number>((resolve) => {
    const handlers = new Map<Signal, () => void>();
    const finish = (why: string): void => {
      clearInterval(holdOpen);
      metrics?.close();
      runtime.off(onEvent);
      clearTimeout(retry);
      for (const [signal, handler] of handlers) io.offSignal(signal, handler);
      void coalescer.stop().then(() => {
        clearTimeout(retry);
        log.line(`${why}: stopped`);
        resolve(EXIT_OK);
      });
    };
    handlers.set('SIGTERM', () => finish('SIGTERM'));
    handlers.set('SIGINT', () => finish('SIGINT'));
    handlers.set('SIGHUP', () => {
      for (const state of states.values()) state.written = undefined;
      void Promise.resolve(tableSource(ctx.routeServer)?.reload())
        .catch((e: unknown) => log.warnLimited('serve', `the table was not read again: ${errorMessage(e)}`))
        .finally(() => coalescer.poke('SIGHUP'));
    });
    for (const [signal, handler] of handlers) io.onSignal(signal, handler);
  });
}
