import { existsSync, readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { ConfigError, DEFAULT_CONFIG_FILE, type Config } from '../config/config.js';
import { loadConfigFile } from '../config/files.js';
import { applyOptionValues, NO_POP_WARNING, resolveConfig } from '../config/parse.js';
import { MrtError } from '../parsers/mrt.js';
import { RouteTableError } from '../parsers/route-table.js';
import type { ExportFormat } from '../export/formats.js';
import { Runtime } from '../runtime/runtime.js';
import { serveBatch } from './batch-mode.js';
import { EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from './io.js';
import { refusesSharedInputs, sharedInputProblems } from './shared-inputs.js';
import { Logger } from './log.js';
import { answerOnce } from './one-shot.js';
import { PLAIN, stderrPaint, stdoutPaint, type Paint } from './paint.js';
import { buildProgram, givenOptions, normalizeArgv } from './program.js';
import type { RuntimeEvent } from '../runtime/runtime-event.js';
import { cliContext, type CliContext } from './context.js';
import { becomeUser, RunAsError } from './run-as.js';
import { logRuntimeEvent } from './runtime-log.js';

export type RunMode = 'pdns' | 'log' | 'one-shot' | 'batch' | 'interactive' | 'status' | 'export' | 'check' | 'plan' | 'exabgp' | 'serve';

/**
 * Log mode when asked for (its arguments are files); else addresses on the command line mean
 * one-shot, whatever the config says; else a pipe means batch.
 */
export function runModeOf(addresses: readonly string[], config: Config, stdinIsTerminal: boolean): RunMode {
  if (config.pdns) return 'pdns';
  if (config.log || config.summary) return 'log';
  if (addresses.length > 0) return 'one-shot';
  return config.batch || !stdinIsTerminal ? 'batch' : 'interactive';
}

/** `NO_COLOR` turns colour off when it is set to anything but the empty string (no-color.org). */
export function colourWanted(env: CliIo['env'], colorOption: boolean): boolean {
  return colorOption && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/** The version in a package.json: each entry names the package's, as it sits in its own place. */
export function packageVersion(packageJson: URL): string {
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

function isConfigProblem(e: unknown): e is Error {
  return e instanceof ConfigError || e instanceof RouteTableError || e instanceof MrtError;
}

/** The whole command line: parses `argv`, runs the mode it asks for, and returns the exit status. */
export async function main(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  const startedMs = Date.now();
  const program = buildProgram(version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  try {
    program.parse(normalizeArgv(argv), { from: 'user' });
  } catch (e) {
    // --help and --version end here too, with exit code 0; usage errors exit 2 like config errors.
    return e instanceof CommanderError && e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  const log = new Logger(io.stderr);
  const addresses = program.args;
  const action = program.opts<ActionOptions & { color: boolean }>();
  let paint: Paint = PLAIN;
  try {
    const misuse = actionMisuse(action);
    if (misuse) {
      io.stderr.write(`supersparrow: ${misuse}\n`);
      return EXIT_USAGE;
    }
    // Before any file is read: the check reads them as the map will.
    if (action.as !== undefined) becomeUser(action.as);
    const configFile = program.opts<{ config?: string }>().config;
    const given = givenOptions(program);
    let commandLine = applyOptionValues(given.values, io.cwd);
    const configPath = configFile ?? DEFAULT_CONFIG_FILE;
    const loadConfig = () => resolveConfig([loadConfigFile(configPath, configFile !== undefined), commandLine]);
    let resolved = loadConfig();
    // A password typed at the terminal changes no setting that picks the mode.
    const mode: RunMode = action.check
      ? 'check'
      : action.plan
        ? 'plan'
        : action.exabgp
          ? 'exabgp'
          : action.serve
            ? 'serve'
            : action.export
              ? 'export'
              : action.status
                ? 'status'
                : runModeOf(addresses, resolved.config, io.stdin.isTTY === true);
    if ((mode === 'interactive' || mode === 'one-shot') && io.stdin === process.stdin && needsPassword(resolved.config)) {
      // A person at a terminal with no password configured: asked once, as ssh or psql would, never echoed.
      const { askPassword } = await import('./ask.js');
      commandLine = applyOptionValues(new Map([...given.values, ['password', askPassword(resolved.config)]]), io.cwd);
      resolved = loadConfig();
    }
    const config = resolved.config;
    if (given.passwordOnCommandLine)
      log.line('warning: a password on the command line is visible to every user in ps; use --password-file or SUPERSPARROW_PASSWORD');
    // --exabgp announces this POP's own prefixes: it asks no route server and answers for no POP.
    const anycastOnly = mode === 'exabgp' || (mode === 'check' && config.anycast.length > 0 && config.pops.size === 0);
    for (const w of resolved.warnings) if (!anycastOnly || w !== NO_POP_WARNING) log.line(`warning: ${w}`);
    const configInUse = configFile !== undefined || existsSync(configPath) ? configPath : undefined;
    const shared = sharedInputProblems(config, configInUse);
    if (mode !== 'check' && shared.length > 0) {
      if (refusesSharedInputs(config)) {
        for (const problem of shared) io.stderr.write(`supersparrow: refused, running as root: ${problem}\n`);
        return EXIT_USAGE;
      }
      for (const problem of shared) log.line(`warning: ${problem}`);
    }
    if (config.format === 'prometheus' && mode !== 'status') {
      io.stderr.write(
        'supersparrow: format prometheus is for --status; a running map writes its counters to metrics_dir (node_exporter textfile collector)\n',
      );
      return EXIT_USAGE;
    }
    const forPerson =
      config.verbose ||
      config.debug ||
      mode === 'interactive' ||
      mode === 'status' ||
      mode === 'check' ||
      mode === 'plan' ||
      (mode === 'log' && config.summary && io.stdout === process.stdout && process.stdout.isTTY === true);
    // chalk itself turns colour off when stderr is not a terminal.
    const colour = colourWanted(io.env, action.color);
    paint = await stderrPaint(forPerson && colour);
    const chatty = config.verbose || config.debug;
    // Live state (sessions, health) steers new clients (batch, DNS, a prompt); one-shot and log answers
    // follow the routes and the drain file alone, so that a log run is the same however sessions flap.
    const serving = mode === 'batch' || mode === 'pdns' || mode === 'interactive' || mode === 'exabgp' || mode === 'serve';
    const dim = paint.dim;
    const seen: RuntimeEvent[] = [];
    let routeServerAnswered = false;
    const runtime = await Runtime.start(config, {
      version,
      // One-shot --verbose also says what batch mode would answer: that takes the live state.
      live:
        serving || mode === 'status' || mode === 'export' || mode === 'check' || mode === 'plan' || (mode === 'one-shot' && config.verbose),
      // --exabgp follows this POP's own checks and drains alone: it asks the route server nothing.
      watchSessions: mode !== 'exabgp',
      // A plan is made from where each prefix's clients would go with no plan in force: the log is read as log mode reads it.
      answersFollow: mode === 'one-shot' || mode === 'log' || mode === 'plan' ? 'drains' : 'every-check',
      configFile: serving && configInUse !== undefined ? { path: configInUse, load: () => loadConfig().config } : undefined,
      inUse: settingsInUse(mode),
      onDialogue: (direction, text) =>
        log.raw(
          dim(
            text
              .replace(/\r/g, '')
              .split('\n')
              .map((l) => `${direction === 'sent' ? '>' : '<'} ${l}`)
              .join('\n'),
          ),
        ),
      onEvent: (event) => {
        if (event.kind === 'route-server' && event.event.kind === 'up') routeServerAnswered = true;
        if (mode === 'check') seen.push(event);
        // --plan says in one line that the route server never answered, and stops.
        else if (!(mode === 'plan' && !routeServerAnswered && event.kind === 'route-server' && event.event.kind === 'down'))
          logRuntimeEvent(log, event, chatty);
      },
    });
    const context = cliContext(
      {
        io,
        log,
        paint,
        stdoutPaint: await stdoutPaint(
          colour && (mode === 'status' || mode === 'check' || mode === 'plan') && io.stdout === process.stdout,
        ),
        version,
        configFile: configInUse,
      },
      runtime,
    );
    const metrics = config.metricsDir !== undefined && METERED_MODES.has(mode) ? await startMetrics(context, mode, startedMs) : undefined;
    try {
      if (mode === 'check') {
        const { checkConfig } = await import('./check-mode.js');
        return await checkConfig(context, seen, action.as, shared);
      }
      if (mode === 'plan') {
        const { planMode } = await import('./plan-mode.js');
        return await planMode(
          context,
          addresses,
          action.apply === true ? (action.force === true ? 'forced' : 'capped') : 'show',
          action.explain,
        );
      }
      if (mode === 'exabgp') {
        const { serveExabgp } = await import('./exabgp-mode.js');
        return await serveExabgp(context);
      }
      if (mode === 'serve') {
        const { serveExports } = await import('./serve-mode.js');
        return await serveExports(context);
      }
      return await runMode(mode, context, addresses, { format: action.export, output: action.output });
    } finally {
      metrics?.close();
      runtime.close();
    }
  } catch (e) {
    if (e instanceof RunAsError) {
      io.stderr.write(`supersparrow: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (isConfigProblem(e)) {
      io.stderr.write(`supersparrow: ${e.message}\n`);
      // --check's verdict is its status: a config it cannot read or parse is a problem found, as any other.
      return action.check ? EXIT_CHECK_FAILED : EXIT_USAGE;
    }
    throw e;
  }
}

/** A vty route server (FRR, Zebra, Cisco, GateD) with no password set, and a person at the terminal to ask. */
function needsPassword(config: Config): boolean {
  const vty =
    config.routeServer === 'zebra' || config.routeServer === 'frr-json' || config.routeServer === 'cisco' || config.routeServer === 'gated';
  return vty && config.password === undefined && process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/** The modes that run long enough to be watched; a one-off run's counters would be gone before a scrape. */
const METERED_MODES = new Set<RunMode>(['batch', 'pdns', 'log']);

/** Counters of this process for node_exporter's textfile collector, written until the run ends. */
async function startMetrics(context: CliContext, mode: RunMode, startedMs: number): Promise<{ close(): void }> {
  const [{ MetricsTextfile }, { hostFamilies, processFamilies }] = await Promise.all([
    import('./metrics-textfile.js'),
    import('../metrics/families.js'),
  ]);
  const { runtime, log } = context;
  return new MetricsTextfile(
    context.config.metricsDir!,
    mode,
    () => [...processFamilies(runtime.resolver.stats, startedMs), ...hostFamilies(runtime.hostState())],
    (message) => log.warnLimited('metrics', message),
  );
}

/** The options that pick a run of their own, rather than a setting. */
interface ActionOptions {
  readonly status?: boolean;
  readonly check?: boolean;
  readonly plan?: boolean;
  readonly apply?: boolean;
  readonly force?: boolean;
  readonly explain?: string;
  readonly exabgp?: boolean;
  readonly serve?: boolean;
  readonly as?: string;
  readonly export?: ExportFormat;
  readonly output?: string;
}

/** Options that make no sense together or alone, said before anything runs. */
function actionMisuse(action: ActionOptions): string | undefined {
  if (action.as !== undefined && !action.check) return '--as is for --check: supersparrow --check --as www-data:supersparrow';
  if (action.apply && !action.plan) return '--apply is for --plan: supersparrow --plan --apply access.log';
  if (action.force && !action.apply) return '--force is for --plan --apply: supersparrow --plan --apply --force access.log';
  if (action.explain !== undefined && !action.plan)
    return '--explain is for --plan: supersparrow --plan --explain 192.168.201.0/24 access.log';
  if (action.output !== undefined && !action.export) return '-o FILE is for --export: supersparrow --export nginx -o /etc/nginx/pops.map';
  const actions = [
    action.status && '--status',
    action.check && '--check',
    action.export && '--export',
    action.plan && '--plan',
    action.exabgp && '--exabgp',
    action.serve && '--serve',
  ].filter(Boolean);
  if (actions.length > 1) return `${actions.join(' and ')} are separate runs: give one`;
  return undefined;
}

const LOG_SETTINGS = new Set<keyof Config>(['log', 'summary', 'field', 'trustedProxies', 'without', 'retryForMs', 'concurrency']);
const DNS_SETTINGS = new Set<keyof Config>(['pdns', 'dnsNames', 'addresses', 'dnsTtl', 'dnsZone']);

/** Which settings a mode acts on, so that a reload reports only changes that matter to it. */
export function settingsInUse(mode: RunMode): (setting: keyof Config) => boolean {
  return (setting) => {
    if (setting === 'batch' || LOG_SETTINGS.has(setting)) return mode === 'log';
    if (DNS_SETTINGS.has(setting)) return mode === 'pdns';
    return setting !== 'format' || mode !== 'pdns';
  };
}

async function runMode(
  mode: Exclude<RunMode, 'check' | 'plan' | 'exabgp' | 'serve'>,
  context: CliContext,
  addresses: readonly string[],
  exporting: { format?: ExportFormat; output?: string },
): Promise<number> {
  switch (mode) {
    case 'export': {
      const { exportTable } = await import('./export-mode.js');
      return await exportTable(context, exporting.format!, exporting.output);
    }
    case 'pdns': {
      const { servePdns } = await import('./pdns-mode.js');
      return await servePdns(context);
    }
    case 'log': {
      const { serveLogs } = await import('./log-mode.js');
      return await serveLogs(context, addresses);
    }
    case 'one-shot':
      return await answerOnce(context, addresses);
    case 'batch':
      return await serveBatch(context);
    case 'status': {
      const { showStatus } = await import('./status-view.js');
      return await showStatus(context);
    }
    case 'interactive': {
      const { interact } = await import('./interactive.js');
      return await interact(context);
    }
  }
}
