import type { Config } from '../../config/config.js';
import type { ActionOptions, Command, RunMode } from './command.js';

export type { ActionOptions, Command, CommandInput, RunMode } from './command.js';
export { runtimeTraits } from './command.js';

/** Every mode, by name, loaded only when chosen: a map's start-up does not pay for --serve's code. */
const COMMANDS: Readonly<Record<RunMode, () => Promise<{ command: Command }>>> = {
  batch: () => import('./batch.js'),
  check: () => import('./check.js'),
  exabgp: () => import('./exabgp.js'),
  export: () => import('./export.js'),
  interactive: () => import('./interactive.js'),
  log: () => import('./log.js'),
  'one-shot': () => import('./one-shot.js'),
  pdns: () => import('./pdns.js'),
  plan: () => import('./plan.js'),
  quality: () => import('./quality.js'),
  serve: () => import('./serve.js'),
  status: () => import('./status.js'),
};

export async function loadCommand(mode: RunMode): Promise<Command> {
  return (await COMMANDS[mode]()).command;
}

/** The options that are runs of their own, in the order they are tried. */
const ACTIONS: ReadonlyArray<[keyof ActionOptions, RunMode]> = [
  ['check', 'check'],
  ['plan', 'plan'],
  ['quality', 'quality'],
  ['exabgp', 'exabgp'],
  ['serve', 'serve'],
  ['export', 'export'],
  ['status', 'status'],
];

/** The run an action option asks for (--check, --plan, …), if one does. */
export function askedMode(action: ActionOptions): RunMode | undefined {
  return ACTIONS.find(([option]) => action[option])?.[1];
}

/** The run the command line asks for: an action option, else what the settings and arguments say. */
export function chosenMode(action: ActionOptions, addresses: readonly string[], config: Config, stdinIsTerminal: boolean): RunMode {
  return askedMode(action) ?? runModeOf(addresses, config, stdinIsTerminal);
}

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

/** Options that make no sense together or alone, said before anything runs. */
export function actionMisuse(action: ActionOptions): string | undefined {
  if (action.as !== undefined && !action.check) return '--as is for --check: supersparrow --check --as www-data:supersparrow';
  if (action.apply && !action.plan && !action.quality) return '--apply is for --plan or --quality: supersparrow --plan --apply access.log';
  if (action.force && !(action.apply && action.plan))
    return '--force is for --plan --apply: supersparrow --plan --apply --force access.log';
  if (action.explain !== undefined && !action.plan)
    return '--explain is for --plan: supersparrow --plan --explain 192.168.201.0/24 access.log';
  if (action.servedBy !== undefined && !action.quality && !action.summary)
    return '--served-by is for --quality (or --summary --format json on a POP): supersparrow --quality --served-by www.y.example.net y-access.log';
  if (action.output !== undefined && !action.export) return '-o FILE is for --export: supersparrow --export nginx -o /etc/nginx/pops.map';
  const actions = (['status', 'check', 'export', 'plan', 'quality', 'exabgp', 'serve'] as const)
    .filter((o) => action[o])
    .map((o) => `--${o}`);
  if (actions.length > 1) return `${actions.join(' and ')} are separate runs: give one`;
  return undefined;
}
