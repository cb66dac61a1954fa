import { ExportPublisher } from '../../engines/export-publisher.js';
import type { ExportSource } from '../../export/render.js';
import { errorMessage } from '../../io/error-message.js';
import { takeOneLook } from '../../runtime/first-look.js';
import { tableSource } from '../../route-servers/route-server.js';
import { Coalescer } from '../../runtime/coalescer.js';
import type { RuntimeEvent } from '../../runtime/runtime-event.js';
import type { CliContext } from '../context.js';
import { exportNotes, needsTableSource } from '../views/export-notes.js';
import { exportSourceNow } from '../../runtime/export-source.js';
import { EXIT_USAGE } from '../process/io.js';
import { untilStopped } from '../process/until-stopped.js';
import { MetricsTextfile } from '../process/metrics-textfile.js';
import { exportFamilies, hostFamilies, planLoopFamilies } from '../../metrics/families.js';
import { PlanLoop } from '../../runtime/plan-loop.js';
import { popsOut } from '../../pops/pops-out.js';
import { type Command, ONE_OFF, usesCommonSettings } from './command.js';

/** A change is written once this long has passed without another… */
export const QUIET_MS = 100;
/** …and at the latest this long after the first, however many follow. */
export const MAX_DELAY_MS = 500;
/** A reload command that runs longer is killed with its process group, and counted failed. */
const COMMAND_TIMEOUT_MS = 30_000;
/** A failed write, push or command is tried again after this, doubling up to the last. */
const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];

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
  if (ctx.config.exports.length === 0 && ctx.config.demandLogs.length === 0) {
    io.stderr.write(
      'supersparrow: --serve keeps export files current, or plans from followed logs: add lines such as "export haproxy-map /etc/haproxy/supersparrow-pop.map" or "demand_log /var/log/nginx/access.log" to the config file\n',
    );
    return EXIT_USAGE;
  }
  const loopProblem = planLoopProblem(ctx);
  if (loopProblem) {
    io.stderr.write(`supersparrow: ${loopProblem}\n`);
    return EXIT_USAGE;
  }
  const unsupported = needsTableSource(ctx, '--serve');
  if (unsupported) {
    io.stderr.write(`supersparrow: ${unsupported}\n`);
    return EXIT_USAGE;
  }
  await takeOneLook(ctx.runtime);
  const publisher = new ExportPublisher({
    log,
    get haproxySocket() {
      return ctx.config.haproxySocket;
    },
    get gdnsdAdminState() {
      return ctx.config.gdnsdAdminState;
    },
    commandTimeoutMs: COMMAND_TIMEOUT_MS,
  });
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;
  let lastNotes = '';

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
    const before = JSON.stringify(publisher.status(ctx.config.exports));
    const allOk = await publisher.publish(source, ctx.config.exports, reasons.join('; '), () => exportSourceNow(runtime));
    // Said, so that a reload that moved no block is seen to have been weighed.
    if (allOk && JSON.stringify(publisher.status(ctx.config.exports)) === before) log.line(`no file changed: ${reasons.join('; ')}`);
    metrics?.write();
    failures = allOk ? 0 : failures + 1;
    if (!allOk) retry = setTimeout(() => coalescer.poke('retry'), RETRY_MS[Math.min(failures, RETRY_MS.length) - 1]);
  };

  const coalescer = new Coalescer(QUIET_MS, MAX_DELAY_MS, writeAll);
  // A POP's state reaches the answers tables at once, even while a new table is being rendered.
  const stateLane = new Coalescer(QUIET_MS, MAX_DELAY_MS, async (reasons) => {
    let source: ExportSource;
    try {
      source = exportSourceNow(runtime);
    } catch {
      return;
    }
    if (!(await publisher.publishAnswers(source, ctx.config.exports, reasons.join('; ')))) coalescer.poke('retry');
    metrics?.write();
  });
  const planLoop =
    ctx.config.demandLogs.length === 0
      ? undefined
      : new PlanLoop({
          resolver: ctx.resolver,
          config: () => ctx.config,
          out: () => popsOut(ctx.config, ctx.pops),
          inForce: () => runtime.plan.entries,
          log,
          version: ctx.version,
          onTurn: () => metrics?.write(),
        });
  const metrics =
    ctx.config.metricsDir === undefined
      ? undefined
      : new MetricsTextfile(
          ctx.config.metricsDir,
          'serve',
          () => [
            ...hostFamilies(runtime.hostState()),
            ...exportFamilies(publisher.status(ctx.config.exports)),
            ...(planLoop ? planLoopFamilies(planLoop.status()) : []),
          ],
          (error) => log.warnLimited('metrics', error.message),
        );
  const onEvent = (event: RuntimeEvent): void => {
    const reason = reasonOf(event);
    if (reason === undefined) return;
    coalescer.poke(reason);
    if (event.kind === 'pop' || event.kind === 'drain') stateLane.poke(reason);
  };
  runtime.on(onEvent);
  if (ctx.config.exports.length > 0) coalescer.poke('started');
  await planLoop?.start();
  // The watches do not hold the process open by themselves: this does, until a signal ends it.
  const holdOpen = setInterval(() => undefined, 2 ** 31 - 1);
  const run = untilStopped(io, {
    stopOn: ['SIGTERM', 'SIGINT'],
    also: new Map([
      [
        'SIGHUP',
        () => {
          publisher.forget();
          void Promise.resolve(tableSource(ctx.routeServer)?.reload())
            .catch((e: unknown) => log.warnLimited('serve', `the table was not read again: ${errorMessage(e)}`))
            .finally(() => coalescer.poke('SIGHUP'));
        },
      ],
    ]),
    finish: async (why) => {
      clearInterval(holdOpen);
      metrics?.close();
      runtime.off(onEvent);
      clearTimeout(retry);
      await Promise.all([stateLane.stop(), coalescer.stop(), planLoop?.stop()]);
      clearTimeout(retry);
      log.line(`${why}: stopped`);
    },
  });
  return await run.done;
}

/** What --serve needs to plan from demand_log, said as the fix; undefined when it has it (or plans nothing). */
function planLoopProblem(ctx: CliContext): string | undefined {
  const { config } = ctx;
  if (config.demandLogs.length === 0) return undefined;
  if (config.capacity.length === 0)
    return 'demand_log plans each POP within its capacity: add "capacity www.y.example.net 800/s" lines to the config file';
  if (config.planFile === undefined)
    return 'demand_log writes each plan to plan_file, which every map and export follows: add "plan_file /var/lib/supersparrow/plan" to the config file';
  return undefined;
}

/** `--serve`: export files kept current, and the closed loop of capacity. */
export const command: Command = {
  ...ONE_OFF,
  name: 'serve',
  serving: true,
  // demand_log lines are read as log mode reads them.
  uses: (setting) =>
    usesCommonSettings(setting) ||
    setting === 'field' ||
    setting === 'trustedProxies' ||
    setting === 'retryForMs' ||
    setting === 'concurrency',
  run: (ctx) => serveExports(ctx),
};
