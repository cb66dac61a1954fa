import type { Config } from '../../config/config.js';
import type { ExportFormat } from '../../export/formats.js';
import type { RuntimeEvent } from '../../runtime/runtime-event.js';
import type { RuntimeOptions } from '../../runtime/runtime.js';
import type { CliContext } from '../context.js';
import { EXIT_USAGE } from '../process/io.js';

export type RunMode =
  | 'pdns'
  | 'log'
  | 'one-shot'
  | 'batch'
  | 'interactive'
  | 'status'
  | 'export'
  | 'check'
  | 'plan'
  | 'quality'
  | 'exabgp'
  | 'serve';

/** The options that pick a run of their own, rather than a setting. */
export interface ActionOptions {
  readonly status?: boolean;
  readonly check?: boolean;
  readonly plan?: boolean;
  readonly apply?: boolean;
  readonly force?: boolean;
  readonly explain?: string;
  readonly quality?: boolean;
  readonly servedBy?: readonly string[];
  /** A setting (`summary`), read here only because --served-by is for it too. */
  readonly summary?: boolean;
  readonly exabgp?: boolean;
  readonly serve?: boolean;
  readonly as?: string;
  readonly export?: ExportFormat;
  readonly output?: string;
}

/** What a command runs with beyond its context. */
export interface CommandInput {
  /** The command line's arguments: addresses, or log files. */
  readonly args: readonly string[];
  readonly action: ActionOptions;
  /** The runtime's events while it started, for a command that keeps them (`events: 'keep'`). */
  readonly seen: readonly RuntimeEvent[];
  /** Inputs that users other than root could write, as problems. */
  readonly shared: readonly string[];
}

/** A mode: the runtime it needs, the settings it acts on, how it talks to a person, and its run. */
export interface Command {
  readonly name: RunMode;
  /** Runs until a signal or end of input, and takes a changed config file. */
  readonly serving: boolean;
  /** Follows BGP sessions and health checks as well as the routes and the drain file. */
  readonly live: (config: Config) => boolean;
  /** Asks the route server about its sessions (--exabgp asks it nothing). */
  readonly watchSessions: boolean;
  /** Whether answers pass over POPs out by every check, or by drains alone (a log run is the same however sessions flap). */
  readonly answersFollow: 'drains' | 'every-check';
  /** Written for a person: coloured on stderr when colour is wanted. */
  readonly forPerson: (config: Config, stdoutIsTerminal: boolean) => boolean;
  /** Prints tables on stdout for a person: coloured there too. */
  readonly tables: boolean;
  /** Writes this process's counters to metrics_dir while it runs. */
  readonly metered: boolean;
  /** May ask a person for the route server's password. */
  readonly asksPassword: boolean;
  /** Runs without POPs (no peer line is a warning otherwise). */
  readonly withoutPops: (config: Config) => boolean;
  /** `report`: shows inputs others could write as findings; `refuse`: refused (as root) or warned about before running. */
  readonly sharedInputs: 'report' | 'refuse';
  /** Takes --format prometheus. */
  readonly prometheus: boolean;
  /** The runtime's events: logged; kept for the run; or logged once the route server has answered (an outage from the start is the run's own one line). */
  readonly events: 'log' | 'keep' | 'log-once-answered';
  /** The exit status of a config that cannot be read. */
  readonly configProblemStatus: number;
  /** Answers take latency_file's overrides (--quality measures the answers without them). */
  readonly latencyOverrides: boolean;
  /** Which settings it acts on: a reload reports only changes to these. */
  readonly uses: (setting: keyof Config) => boolean;
  readonly run: (ctx: CliContext, input: CommandInput) => Promise<number>;
}

const LOG_SETTINGS = new Set<keyof Config>(['log', 'summary', 'field', 'trustedProxies', 'without', 'retryForMs', 'concurrency']);
const DNS_SETTINGS = new Set<keyof Config>(['pdns', 'dnsNames', 'addresses', 'dnsTtl', 'dnsZone']);

/** The settings every run acts on, those of log mode and DNS mode aside. */
export function usesCommonSettings(setting: keyof Config): boolean {
  return setting !== 'batch' && !LOG_SETTINGS.has(setting) && !DNS_SETTINGS.has(setting);
}

export const usesLogSettings = (setting: keyof Config): boolean =>
  setting === 'batch' || LOG_SETTINGS.has(setting) || usesCommonSettings(setting);
export const usesDnsSettings = (setting: keyof Config): boolean =>
  (DNS_SETTINGS.has(setting) || usesCommonSettings(setting)) && setting !== 'format';

/** What the runtime a command runs on watches and answers with. */
export function runtimeTraits(
  command: Command,
  config: Config,
): Pick<RuntimeOptions, 'live' | 'watchSessions' | 'answersFollow' | 'latencyOverrides'> {
  return {
    live: command.live(config),
    watchSessions: command.watchSessions,
    answersFollow: command.answersFollow,
    latencyOverrides: command.latencyOverrides,
  };
}

/** A command's traits as most have them: a one-off run for a script, on routes and drains. */
export const ONE_OFF: Omit<Command, 'name' | 'run'> = {
  serving: false,
  live: () => true,
  watchSessions: true,
  answersFollow: 'every-check',
  forPerson: (config) => config.verbose || config.debug,
  tables: false,
  metered: false,
  asksPassword: false,
  withoutPops: () => false,
  sharedInputs: 'refuse',
  prometheus: false,
  events: 'log',
  configProblemStatus: EXIT_USAGE,
  latencyOverrides: true,
  uses: usesCommonSettings,
};
