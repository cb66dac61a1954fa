import { Command, Option } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/config.js';
import { DIRECTIVES, optionOf } from '../config/directives.js';
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
  return joinTwoWordOptions(out);
}

/** Options whose value is two words (`--health HOST URL`), also taken as one (`--health "HOST URL"`). */
const TWO_WORD_OPTIONS = new Set(['--health', '--capacity']);

function joinTwoWordOptions(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const first = args[i + 1];
    const second = args[i + 2];
    if (TWO_WORD_OPTIONS.has(arg) && first !== undefined && second !== undefined && !/\s/.test(first) && !second.startsWith('-')) {
      out.push(`${arg}=${first} ${second}`);
      i += 2;
    } else out.push(arg);
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
    const option = new Option(`${short}--${optionOf(d)}${d.value ? ` <${d.value}>` : ''}`, d.description);
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
    .option('-o, --output <FILE>', 'with --export: write FILE, replaced whole (written beside it, then renamed), instead of stdout')
    .option(
      '--plan',
      "plan capacity: from the logs given (or stdin; a .json file is another host's --summary --format json), which prefixes move to which POP so that none is over its high watermark; prints the plan",
    )
    .option('--apply', 'with --plan: also write the plan to plan_file (atomically), where every running map takes it within a second')
    .option('--force', 'with --plan --apply: apply a plan that moves more than max_move of the demand')
    .option('--explain <prefix>', 'with --plan: say why PREFIX (or an address) is where the plan puts it')
    .option(
      '--quality',
      "measure the answers: from the logs given (or stdin), each client's round-trip time (rtt_field) by its prefix and the POP that served it; flags prefixes where another POP is quality_margin faster",
    )
    .option(
      '--served-by <HOST>',
      'with --quality: the POP (its answer, as in peer lines) that served the logs given; repeated, one per log file, in their order. With --summary --format json on a POP: its round trips go in the summary, for --quality to merge',
      collect,
    )
    .option(
      '--exabgp',
      'run as an ExaBGP API process: announce the anycast prefixes while this POP can take clients, withdraw them when its health checks fail, it is drained, or this ends',
    )
    .option(
      '--serve',
      "keep the export files current: rewrite each (atomically) when the table, a POP's state, the drain or plan file or the config changes, replace HAProxy maps live, run their reload commands",
    )
    .option('--status', "show the POPs' state (BGP sessions, health checks, drains) and the route server's sessions, then exit")
    .option(
      '--check',
      'check the configuration: read every file, log in to the route server, probe the health URLs; say what each mode would do; exit 1 on any problem',
    )
    .option(
      '--as <USER[:GROUP]>',
      'with --check (as root): read the files as the daemon will: USER:GROUP with no other group, as Apache runs its map (www-data:supersparrow); USER alone with its groups, as systemd runs PowerDNS (pdns)',
    )
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
    const key = optionOf(d).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = opts[key];
    if (value === undefined) continue;
    if (d.name === 'password' && program.getOptionValueSource(key) === 'cli') passwordOnCommandLine = true;
    values.set(d.name, value);
  }
  return { values, passwordOnCommandLine };
}
