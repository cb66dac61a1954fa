import { existsSync, readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { ConfigError, DEFAULT_CONFIG_FILE, type Config } from '../config/config.js';
import { loadConfigFile } from '../config/files.js';
import { applyOptionValues, resolveConfig } from '../config/parse.js';
import { MrtError } from '../parsers/mrt.js';
import { RouteTableError } from '../parsers/route-table.js';
import type { ExportFormat } from '../export/formats.js';
import { Runtime } from '../runtime/runtime.js';
import { serveBatch } from './batch-mode.js';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './io.js';
import { Logger } from './log.js';
import { answerOnce } from './one-shot.js';
import { PLAIN, stderrPaint, type Paint } from './paint.js';
import { buildProgram, givenOptions, normalizeArgv } from './program.js';
import { cliContext, type CliContext } from './context.js';
import { logRuntimeEvent } from './runtime-log.js';

export type RunMode = 'pdns' | 'log' | 'one-shot' | 'batch' | 'interactive' | 'status' | 'export';

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
  let paint: Paint = PLAIN;
  try {
    const configFile = program.opts<{ config?: string }>().config;
    const given = givenOptions(program);
    const commandLine = applyOptionValues(given.values, io.cwd);
    const configPath = configFile ?? DEFAULT_CONFIG_FILE;
    const loadConfig = () => resolveConfig([loadConfigFile(configPath, configFile !== undefined), commandLine]);
    const resolved = loadConfig();
    const config = resolved.config;
    if (given.passwordOnCommandLine)
      log.line('warning: a password on the command line is visible to every user in ps; use --password-file or SUPERSPARROW_PASSWORD');
    for (const w of resolved.warnings) log.line(`warning: ${w}`);
    const action = program.opts<{ status?: boolean; export?: ExportFormat }>();
    const mode: RunMode = action.export ? 'export' : action.status ? 'status' : runModeOf(addresses, config, io.stdin.isTTY === true);
    const forPerson =
      config.verbose ||
      config.debug ||
      mode === 'interactive' ||
      mode === 'status' ||
      (mode === 'log' && config.summary && io.stdout === process.stdout && process.stdout.isTTY === true);
    // chalk itself turns colour off when stderr is not a terminal.
    paint = await stderrPaint(forPerson && colourWanted(io.env, program.opts<{ color: boolean }>().color));
    const chatty = config.verbose || config.debug;
    // Live state (sessions, health) steers new clients (batch, DNS, a prompt); one-shot and log answers
    // follow the routes and the drain file alone, so that a log run is the same however sessions flap.
    const serving = mode === 'batch' || mode === 'pdns' || mode === 'interactive';
    const dim = paint.dim;
    const runtime = await Runtime.start(config, {
      version,
      live: serving || mode === 'status' || mode === 'export',
      configFile:
        serving && (configFile !== undefined || existsSync(configPath)) ? { path: configPath, load: () => loadConfig().config } : undefined,
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
      onEvent: (event) => logRuntimeEvent(log, event, chatty),
    });
    try {
      return await runMode(mode, cliContext(io, log, paint, version, runtime), addresses, action.export);
    } finally {
      runtime.close();
    }
  } catch (e) {
    if (isConfigProblem(e)) {
      io.stderr.write(`supersparrow: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
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

async function runMode(mode: RunMode, context: CliContext, addresses: readonly string[], format?: ExportFormat): Promise<number> {
  switch (mode) {
    case 'export': {
      const { exportTable } = await import('./export-mode.js');
      return await exportTable(context, format!);
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
