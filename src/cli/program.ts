import { Command, Option } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/config.js';
import { DIRECTIVES } from '../config/directives.js';
import { EXPORT_FORMATS } from '../export/formats.js';
import type { OptionValues } from '../config/parse.js';

const SHORT: Readonly<Record<string, string>> = {
  route_server: 'r',
  host: 'H',
  port: 'p',
  peer: 'P',
  self: 's',
  batch: 'b',
  timeout: 't',
  debug: 'd',
  verbose: 'v',
};

export const optionName = (directive: string): string => directive.replace(/_/g, '-');

/** `--route_server` and `--route-server` both work: the original used underscores. */
export function normalizeArgv(args: readonly string[]): string[] {
  const out: string[] = [];
  let literal = false;
  for (const arg of args) {
    if (literal || !arg.startsWith('--')) {
      out.push(arg);
      continue;
    }
    if (arg === '--') {
      literal = true;
      out.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    out.push(name.replace(/_/g, '-') + (eq < 0 ? '' : arg.slice(eq)));
  }
  return out;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The command line, built without side effects so tests can drive it. */
export function buildProgram(version: string): Command {
  const program = new Command()
    .name('supersparrow')
    .description('Answer, for each client IP address, the point of presence nearest to it by BGP AS path.')
    .usage('[options] [ADDRESS...]')
    .argument('[address...]', 'addresses to answer once; none: batch mode on a pipe, a prompt on a terminal')
    .option('-c, --config <FILE>', `configuration file (default ${DEFAULT_CONFIG_FILE})`);
  for (const d of DIRECTIVES) {
    const short = SHORT[d.name] ? `-${SHORT[d.name]}, ` : '';
    const option = new Option(`${short}--${optionName(d.name)}${d.value ? ` <${d.value}>` : ''}`, d.description);
    if (d.repeatable) option.argParser(collect);
    if (d.name === 'password') option.env('SUPERSPARROW_PASSWORD');
    program.addOption(option);
  }
  return program
    .addOption(
      new Option(
        '--export <FORMAT>',
        'write the whole table (route_server mrt or table) as blocks and answers to stdout, then exit',
      ).choices(EXPORT_FORMATS),
    )
    .option('--status', "show the POPs' state (BGP sessions, health checks, drains) and the route server's sessions, then exit")
    .option('--no-color', 'no colour in --verbose and --debug output (also NO_COLOR)')
    .version(version, '-V, --version')
    .showHelpAfterError('(run supersparrow --help for the options)');
}

/** The directive options the user gave (command line or environment), by directive name. */
export function givenOptions(program: Command): { values: OptionValues; passwordOnCommandLine: boolean } {
  const values = new Map<string, string | readonly string[] | boolean>();
  const opts = program.opts<Record<string, string | string[] | boolean | undefined>>();
  let passwordOnCommandLine = false;
  for (const d of DIRECTIVES) {
    const key = optionName(d.name).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = opts[key];
    if (value === undefined) continue;
    if (d.name === 'password' && program.getOptionValueSource(key) === 'cli') passwordOnCommandLine = true;
    values.set(d.name, value);
  }
  return { values, passwordOnCommandLine };
}
