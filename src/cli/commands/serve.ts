import { takeOneLook } from '../../runtime/first-look.js';
import { ExportKeeper } from '../../runtime/export-keeper.js';
import type { CliContext } from '../context.js';
import { exportNotes, needsTableSource } from '../views/export-notes.js';
import { EXIT_USAGE } from '../process/io.js';
import { untilStopped } from '../process/until-stopped.js';
import { MetricsTextfile } from '../process/metrics-textfile.js';
import { exportFamilies, hostFamilies, planLoopFamilies } from '../../metrics/families.js';
import { PlanLoop } from '../../runtime/plan-loop.js';
import { popsOut } from '../../pops/pops-out.js';
import { type Command, ONE_OFF, usesCommonSettings } from './command.js';

/**
 * `--serve`: keeps every `export` file current (see ExportKeeper): each file whose blocks changed is replaced
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
  const keeper = new ExportKeeper({ runtime, log, notes: exportNotes, onWritten: () => metrics?.write() });
  const planLoop =
    ctx.config.demandLogs.length === 0
      ? undefined
      : new PlanLoop({
          resolver: ctx.resolver,
          config: () => ctx.config,
          out: () => popsOut(ctx.config, ctx.pops),
          inForce: () => runtime.plan.entries,
          overrides: () => runtime.answering.entries.filter((e) => e.latency === true),
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
            ...exportFamilies(keeper.status()),
            ...(planLoop ? planLoopFamilies(planLoop.status()) : []),
          ],
          (error) => log.warnLimited('metrics', error.message),
        );
  keeper.start();
  await planLoop?.start();
  // The watches do not hold the process open by themselves: this does, until a signal ends it.
  const holdOpen = setInterval(() => undefined, 2 ** 31 - 1);
  const run = untilStopped(io, {
    stopOn: ['SIGTERM', 'SIGINT'],
    also: new Map([['SIGHUP', () => keeper.rereadAll()]]),
    finish: async (why) => {
      clearInterval(holdOpen);
      metrics?.close();
      await Promise.all([keeper.stop(), planLoop?.stop()]);
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
