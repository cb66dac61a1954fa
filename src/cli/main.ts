import { existsSync, readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { ConfigError, DEFAULT_CONFIG_FILE, type Config } from '../config/config.js';
import { loadConfigFile } from '../config/files.js';
import { applyOptionValues, NO_POP_WARNING, resolveConfig } from '../config/parse.js';
import { MrtError } from '../parsers/mrt.js';
import { RouteTableError } from '../parsers/route-table.js';
import type { RuntimeEvent } from '../runtime/runtime-event.js';
import { Runtime } from '../runtime/runtime.js';
import { type ActionOptions, actionMisuse, askedMode, chosenMode, loadCommand, runtimeTraits } from './commands/index.js';
import { cliContext } from './context.js';
import { EXIT_OK, EXIT_USAGE, type CliIo, needsPassword } from './process/io.js';
import { Logger } from './process/log.js';
import { becomeUser, RunAsError } from './process/run-as.js';
import { logRuntimeEvent } from './process/runtime-log.js';
import { refusesSharedInputs, sharedInputProblems } from './process/shared-inputs.js';
import { buildProgram, givenOptions, normalizeArgv } from './program.js';
import { PLAIN, type Paint, stderrPaint, stdoutPaint } from './views/paint.js';

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

/** The whole command line: parses `argv`, runs the command it asks for, and returns the exit status. */
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
  const args = program.args;
  const action = program.opts<ActionOptions & { color: boolean }>();
  // A config that cannot be read is --check's finding, and a usage error to the rest.
  const asked = askedMode(action);
  let configProblemStatus = asked ? (await loadCommand(asked)).configProblemStatus : EXIT_USAGE;
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
    const configPath = configFile ?? DEFAULT_CONFIG_FILE;
    const loadConfig = (values = given.values) =>
      resolveConfig([loadConfigFile(configPath, configFile !== undefined), applyOptionValues(values, io.cwd)]);
    let resolved = loadConfig();
    // A password typed at the terminal changes no setting that picks the command.
    const command = await loadCommand(chosenMode(action, args, resolved.config, io.stdin.isTTY === true));
    configProblemStatus = command.configProblemStatus;
    if (command.asksPassword && io.stdin === process.stdin && needsPassword(resolved.config)) {
      // A person at a terminal with no password configured: asked once, as ssh or psql would, never echoed.
      const { askPassword } = await import('./process/ask.js');
      resolved = loadConfig(new Map([...given.values, ['password', askPassword(resolved.config)]]));
    }
    const config: Config = resolved.config;
    if (given.passwordOnCommandLine)
      log.line('warning: a password on the command line is visible to every user in ps; use --password-file or SUPERSPARROW_PASSWORD');
    for (const w of resolved.warnings) if (!command.withoutPops(config) || w !== NO_POP_WARNING) log.line(`warning: ${w}`);
    const configInUse = configFile !== undefined || existsSync(configPath) ? configPath : undefined;
    const shared = sharedInputProblems(config, configInUse);
    if (command.sharedInputs === 'refuse' && shared.length > 0) {
      if (refusesSharedInputs(config)) {
        for (const problem of shared) io.stderr.write(`supersparrow: refused, running as root: ${problem}\n`);
        return EXIT_USAGE;
      }
      for (const problem of shared) log.line(`warning: ${problem}`);
    }
    if (config.format === 'prometheus' && !command.prometheus) {
      io.stderr.write(
        'supersparrow: format prometheus is for --status; a running map writes its counters to metrics_dir (node_exporter textfile collector)\n',
      );
      return EXIT_USAGE;
    }
    const stdoutIsTerminal = io.stdout === process.stdout && process.stdout.isTTY === true;
    // chalk itself turns colour off when stderr is not a terminal.
    const colour = colourWanted(io.env, action.color);
    const paint: Paint = await stderrPaint(command.forPerson(config, stdoutIsTerminal) && colour);
    const chatty = config.verbose || config.debug;
    const seen: RuntimeEvent[] = [];
    let answered = false;
    const runtime = await Runtime.start(config, {
      version,
      ...runtimeTraits(command, config),
      configFile: command.serving && configInUse !== undefined ? { path: configInUse, load: () => loadConfig().config } : undefined,
      inUse: command.uses,
      onDialogue: (direction, text) => log.raw(paint.dim(dialogueText(direction, text))),
      onEvent: (event) => {
        if (event.kind === 'route-server' && event.event.kind === 'up') answered = true;
        if (command.events === 'keep') seen.push(event);
        else if (!(command.events === 'log-once-answered' && !answered && event.kind === 'route-server' && event.event.kind === 'down'))
          logRuntimeEvent(log, event, chatty);
      },
    });
    const stdout = command.tables && colour && io.stdout === process.stdout;
    const context = cliContext(
      { io, log, paint, stdoutPaint: stdout ? await stdoutPaint(true) : PLAIN, version, configFile: configInUse },
      runtime,
    );
    const metrics =
      config.metricsDir !== undefined && command.metered
        ? await (await import('./process/metrics-textfile.js')).processMetrics(context, command.name, startedMs)
        : undefined;
    try {
      return await command.run(context, { args, action, seen, shared });
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
      return configProblemStatus;
    }
    throw e;
  }
}

/** The route server's dialogue, for --debug: each line marked with its direction. */
function dialogueText(direction: 'sent' | 'received', text: string): string {
  return text
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => `${direction === 'sent' ? '>' : '<'} ${l}`)
    .join('\n');
}
