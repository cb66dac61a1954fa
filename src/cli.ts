import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { runBatch } from './batch/batch-loop.js';
import {
  ConfigError, DEFAULT_CONFIG_FILE, DIRECTIVES, loadConfigFile, resolveConfig, type Config, type SettingsLayer, parseConfigText,
} from './config/config.js';
import { explainDecision } from './cli/explain.js';
import { Logger } from './cli/log.js';
import { PLAIN, stderrPaint, type Paint } from './cli/paint.js';
import { buildProgram, normalizeArgv, optionName } from './cli/program.js';
import type { Decision, Resolver } from './resolver/resolver.js';
import type { RouteServer } from './route-servers/route-server.js';
import { RouteTableError } from './parsers/route-table.js';
import { MrtError } from './parsers/mrt.js';
import { MrtRouteServer } from './route-servers/mrt-route-server.js';
import { createResolver, createRouteServer } from './route-servers/from-config.js';

const EXIT_OK = 0;
const EXIT_FALLBACK = 1;
const EXIT_USAGE = 2;

// Apache (or `| head`) closing the pipe ends us quietly, not with an EPIPE stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT_OK);
  throw e;
});

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const log = new Logger(process.stderr);

const program = buildProgram(pkg.version).exitOverride();
try {
  program.parse(normalizeArgv(process.argv.slice(2)), { from: 'user' });
} catch (e) {
  // --help and --version end here too, with exit code 0; usage errors exit 2 like config errors.
  process.exit(e instanceof CommanderError && e.exitCode === 0 ? EXIT_OK : EXIT_USAGE);
}
const opts = program.opts<Record<string, string | string[] | boolean | undefined>>();
let paint: Paint = PLAIN;

let config: Config;
let routeServer: RouteServer;
let resolverRef: Resolver | undefined;
try {
  const configFile = typeof opts.config === 'string' ? opts.config : undefined;
  const layers: SettingsLayer[] = [loadConfigFile(configFile ?? DEFAULT_CONFIG_FILE, configFile !== undefined), commandLineLayer()];
  const resolved = resolveConfig(layers);
  config = resolved.config;
  for (const w of resolved.warnings) log.line(`warning: ${w}`);
  const forPerson = config.verbose || config.debug || (program.args.length === 0 && !config.batch && process.stdin.isTTY === true);
  // chalk itself turns colour off when stderr is not a terminal.
  paint = await stderrPaint(forPerson && !('NO_COLOR' in process.env) && opts.color !== false);
  routeServer = createRouteServer(config, {
    onDialogue: (direction, text) => log.raw(paint.dim(text.replace(/\r/g, '').split('\n').map((l) => `${direction === 'sent' ? '>' : '<'} ${l}`).join('\n'))),
    onStateChange: (state, detail) => {
      // A new table may change any answer: the cache must not outlive it.
      if (state === 'reloaded') resolverRef?.clearCache();
      if (config.verbose || config.debug || (state !== 'up' && state !== 'reloaded')) log.warnLimited(`state-${state}`, `route server ${state}: ${detail}`);
      else if (state === 'reloaded') log.line(`route server ${state}: ${detail}`);
    },
  });
} catch (e) {
  if (e instanceof ConfigError || e instanceof RouteTableError || e instanceof MrtError) {
    process.stderr.write(`supersparrow: ${e.message}\n`);
    process.exit(EXIT_USAGE);
  }
  throw e;
}
const resolver = createResolver(config, routeServer);
resolverRef = resolver;
const addresses = program.args;

if (addresses.length > 0 && !config.batch) {
  process.exitCode = await answerOnce(addresses);
} else if (config.batch || !process.stdin.isTTY) {
  await serveBatch();
} else {
  process.exitCode = await interactive();
}

/** Command-line options as a settings layer, parsed by the same rules as the config file. */
function commandLineLayer(): SettingsLayer {
  const lines: string[] = [];
  const warnings: string[] = [];
  for (const d of DIRECTIVES) {
    const key = optionName(d.name).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = opts[key];
    if (value === undefined || value === false) continue;
    if (d.name === 'password' && program.getOptionValueSource(key) === 'cli') {
      warnings.push('a password on the command line is visible to every user in ps; use --password-file or SUPERSPARROW_PASSWORD');
    }
    for (const v of Array.isArray(value) ? value : [value]) lines.push(value === true ? d.name : `${d.name} ${v}`);
  }
  // Relative paths on the command line are relative to the working directory.
  const layer = parseConfigText(lines.join('\n'), 'command line', process.cwd());
  return { settings: layer.settings, warnings };
}

function explain(key: string, decision: Decision): void {
  log.raw(`${paint.bold(key.slice(0, 200))}\n${explainDecision(key, decision, paint)}`);
}

function report(key: string, decision: Decision): void {
  if (config.verbose) explain(key, decision);
  if (decision.reason === 'invalid-key') {
    log.warnLimited('invalid-key', `ignored a key that is not an IP address (${decision.keyRejection}): ${JSON.stringify(key.slice(0, 80))}; answered ${decision.answer}; ${resolver.stats.invalidKeys} so far`);
  } else if (decision.reason === 'unavailable' || decision.reason === 'timeout' || decision.reason === 'error') {
    log.warnLimited(`fallback-${decision.reason}`, `answered ${decision.answer} for ${decision.address?.text}: ${decision.error}; ${resolver.stats.fallbacks} fallbacks so far`);
  }
}

async function answerOnce(keys: readonly string[]): Promise<number> {
  let status = EXIT_OK;
  for (const key of keys) {
    const decision = await resolver.resolve(key);
    process.stdout.write(`${decision.answer}\n`);
    if (config.verbose) explain(key, decision);
    else if (decision.error || decision.reason === 'invalid-key') log.line(`${key}: ${decision.error ?? `not an IP address (${decision.keyRejection})`}`);
    if (!['peer', 'no-peer', 'no-route'].includes(decision.reason)) status = EXIT_FALLBACK;
  }
  await routeServer.close();
  return status;
}

async function serveBatch(): Promise<void> {
  const shutdown = (why: string): void => {
    log.line(`${why}: ${resolver.stats.summary()}`);
    void routeServer.close();
    process.exit(EXIT_OK);
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGHUP', () => shutdown('SIGHUP'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGUSR2', () => log.line(`stats: ${resolver.stats.summary()}`));
  routeServer.start();
  await runBatch(process.stdin, process.stdout, (key) => {
    const decision = resolver.decide(key, config.deadlineMs);
    if (!(decision instanceof Promise)) {
      report(key, decision);
      return decision.answer;
    }
    return decision.then((d) => { report(key, d); return d.answer; });
  });
  log.line(`end of input: ${resolver.stats.summary()}`);
  await routeServer.close();
  // Answers are already written; nothing left may hold the process past a second.
  setTimeout(() => process.exit(EXIT_OK), 500).unref();
}

async function interactive(): Promise<number> {
  const { default: readlineSync } = await import('readline-sync');
  // Batch mode must end on SIGHUP (Apache's restart); a person at a prompt may ask for a new dump with it.
  let reloadAsked = false;
  if (routeServer instanceof MrtRouteServer) process.on('SIGHUP', () => { reloadAsked = true; });
  process.stderr.write(`supersparrow ${pkg.version}: type an address, or quit\n`);
  for (;;) {
    const line = readlineSync.question('address> ', { keepWhitespace: false });
    // question() blocks the event loop: let a signal that came meanwhile be handled, then act on it.
    await new Promise((resolve) => setImmediate(resolve));
    if (reloadAsked && routeServer instanceof MrtRouteServer) {
      reloadAsked = false;
      await routeServer.reload().catch(() => undefined);
    }
    // readline-sync reports end of input (Ctrl-D) only as a NUL in the raw input.
    if (line === 'quit' || line === 'exit' || (line === '' && readlineSync.getRawInput().includes('\0'))) break;
    if (line === '') continue;
    const decision = await resolver.resolve(line);
    process.stdout.write(`${decision.answer}\n`);
    process.stderr.write(`${explainDecision(line, decision, paint)}\n`);
  }
  await routeServer.close();
  return EXIT_OK;
}
