import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseAsn, type Asn } from '../core/asn.js';
import type { PeerTable } from '../core/pop-selection.js';
import { resolvePort } from './services.js';

export const ROUTE_SERVER_TYPES = ['zebra', 'frr-json', 'cisco', 'gated', 'bird', 'table', 'mrt'] as const;
export type RouteServerType = (typeof ROUTE_SERVER_TYPES)[number];
export type InvalidKeyAnswer = 'null' | 'self';

export interface Config {
  readonly routeServer: RouteServerType;
  /** Route servers tried in order: `HOST`, `HOST:PORT`, `[IPV6]:PORT`, or a socket path for bird. */
  readonly hosts: readonly string[];
  /** Port for hosts that name none; undefined: the route server type's own. */
  readonly port: number | undefined;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly peers: PeerTable;
  readonly self: string;
  readonly batch: boolean;
  readonly cacheSize: number;
  readonly cacheTimeoutMs: number;
  /** Connect, login and per-command limit for a route server; past it the session is dropped. */
  readonly timeoutMs: number;
  /** Batch mode: the longest a key waits for its answer; the route server may go on in the background. */
  readonly deadlineMs: number;
  readonly debug: boolean;
  readonly verbose: boolean;
  readonly table: string | undefined;
  /** mrt: take paths from this peer (address or AS) only, instead of the shortest across peers. */
  readonly mrtPeer: string | undefined;
  readonly invalidKey: InvalidKeyAnswer;
}

/** Where each route server type listens unless told otherwise. */
export const DEFAULT_PORTS: Readonly<Partial<Record<RouteServerType, number>>> = { 'zebra': 2605, 'frr-json': 2605, 'cisco': 23, 'gated': 616 };
export const DEFAULT_BIRD_SOCKET = '/run/bird/bird.ctl';

export const DEFAULT_CONFIG_FILE = '/etc/supersparrow.conf';

export const DEFAULT_CONFIG: Config = Object.freeze({
  routeServer: 'zebra',
  hosts: [],
  port: undefined,
  username: undefined,
  password: undefined,
  peers: new Map<Asn, string>(),
  self: 'NULL',
  batch: false,
  cacheSize: 65536,
  cacheTimeoutMs: 300_000,
  timeoutMs: 2000,
  deadlineMs: 250,
  debug: false,
  verbose: false,
  table: undefined,
  mrtPeer: undefined,
  invalidKey: 'null',
});

/** Where a setting came from, for error messages. */
export type SettingSource = { readonly file: string; readonly line: number } | { readonly option: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly source: SettingSource | undefined, problem: string) {
    super(source ? `${describeSource(source)}: ${problem}` : problem);
  }
}

export function describeSource(source: SettingSource): string {
  return 'file' in source ? `${source.file}:${source.line}` : `option ${source.option}`;
}

type Settings = { -readonly [K in keyof Config]?: Config[K] } & { passwordFile?: string };

export interface SettingsLayer {
  readonly settings: Settings;
  readonly warnings: readonly string[];
}

interface DirectiveSpec {
  readonly name: string;
  /** Placeholder shown in help; a directive without one is a flag. */
  readonly value?: string;
  readonly description: string;
  readonly apply: (s: Settings, value: string, source: SettingSource, baseDir: string) => void;
}

const ANSWER = /^[\x21-\x7e]+$/;
const FLAG_VALUES: Readonly<Record<string, boolean>> = { '': true, on: true, yes: true, true: true, 1: true, off: false, no: false, false: false, 0: false };

function flag(key: 'batch' | 'debug' | 'verbose', name: string, description: string): DirectiveSpec {
  return {
    name, description,
    apply: (s, v, src) => {
      const b = FLAG_VALUES[v.toLowerCase()];
      if (b === undefined) throw new ConfigError(src, `"${name}" is a flag: write it alone, or "${name} on" / "${name} off"; got "${v}"`);
      s[key] = b;
    },
  };
}

function number(v: string, src: SettingSource, name: string, unit: string, min: number, integer: boolean): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new ConfigError(src, `"${name}" needs ${integer ? 'a whole number' : 'a number'} of ${unit} (at least ${min}); got "${v}"`);
  }
  return n;
}

function answer(v: string, src: SettingSource, what: string): string {
  if (!ANSWER.test(v) || v.includes(',')) throw new ConfigError(src, `${what} must be one word of printable ASCII with no commas (a host name or address); got "${v}"`);
  return v;
}

export function parsePeers(v: string, src: SettingSource): Map<Asn, string> {
  const peers = new Map<Asn, string>();
  for (const item of v.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = item.indexOf('=');
    const asn = eq > 0 ? parseAsn(item.slice(0, eq).trim()) : undefined;
    if (asn === undefined) throw new ConfigError(src, `"peer" needs AS=result pairs separated by commas, e.g. "64700=www.x.example.net,64702=www.y.example.net"; "${item}" is not one (AS numbers are asplain or asdot)`);
    if (peers.has(asn)) throw new ConfigError(src, `AS ${asn} is listed twice in "peer"`);
    peers.set(asn, answer(item.slice(eq + 1).trim(), src, `the result for AS ${asn}`));
  }
  if (peers.size === 0) throw new ConfigError(src, '"peer" needs at least one AS=result pair, e.g. "64702=www.y.example.net"');
  return peers;
}

export const DIRECTIVES: readonly DirectiveSpec[] = [
  {
    name: 'route_server', value: 'TYPE', description: `route server type: ${ROUTE_SERVER_TYPES.join(' or ')} (default ${DEFAULT_CONFIG.routeServer})`,
    apply: (s, v, src) => {
      if (!(ROUTE_SERVER_TYPES as readonly string[]).includes(v)) throw new ConfigError(src, `"route_server" must be one of ${ROUTE_SERVER_TYPES.join(', ')}; got "${v}"`);
      s.routeServer = v as RouteServerType;
    },
  },
  {
    name: 'host', value: 'HOST[:PORT],...', description: `route servers, tried in order; repeatable (default 127.0.0.1; for bird its control socket, default ${DEFAULT_BIRD_SOCKET})`,
    apply: (s, v, src) => {
      const entries = v.split(',').map((h) => h.trim()).filter((h) => h !== '');
      for (const entry of entries) {
        if (parseHostEntry(entry) === undefined) throw new ConfigError(src, `"host" needs host names or addresses, each optionally with :PORT ([IPV6]:PORT), or a socket path; got "${entry}"`);
      }
      s.hosts = [...(s.hosts ?? []), ...entries];
    },
  },
  {
    name: 'port', value: 'PORT', description: 'route server TCP port, number or service name (default: zebra and frr-json 2605 (bgpd), cisco 23, gated 616)',
    apply: (s, v, src) => {
      const port = resolvePort(v);
      if (port === undefined) throw new ConfigError(src, `"port" needs a TCP port number (1-65535) or a service name from /etc/services such as bgpd; got "${v}"`);
      s.port = port;
    },
  },
  {
    name: 'username', value: 'NAME', description: 'route server login name, for routers that ask Username: (Cisco IOS)',
    apply: (s, v) => { s.username = v; },
  },
  {
    name: 'password', value: 'PASSWORD', description: 'route server login password (prefer password_file or SUPERSPARROW_PASSWORD)',
    apply: (s, v) => { s.password = v; },
  },
  {
    name: 'password_file', value: 'FILE', description: 'read the route server password from the first line of FILE',
    apply: (s, v, _src, baseDir) => { s.passwordFile = resolve(baseDir, v); },
  },
  {
    name: 'peer', value: 'AS=RESULT,...', description: 'POP AS numbers and the answer for each; repeatable',
    apply: (s, v, src) => {
      const merged = new Map(s.peers ?? []);
      for (const [asn, result] of parsePeers(v, src)) merged.set(asn, result);
      s.peers = merged;
    },
  },
  {
    name: 'self', value: 'RESULT', description: `answer when no POP is nearer (default ${DEFAULT_CONFIG.self}, so Apache uses its default)`,
    apply: (s, v, src) => { s.self = answer(v, src, '"self"'); },
  },
  flag('batch', 'batch', 'read one address per line on stdin, write one answer per line on stdout'),
  {
    name: 'cache_size', value: 'N', description: `cached answers, 0 to disable (default ${DEFAULT_CONFIG.cacheSize})`,
    apply: (s, v, src) => { s.cacheSize = number(v, src, 'cache_size', 'entries', 0, true); },
  },
  {
    name: 'cache_timeout', value: 'SECONDS', description: `how long an answer is cached (default ${DEFAULT_CONFIG.cacheTimeoutMs / 1000})`,
    apply: (s, v, src) => { s.cacheTimeoutMs = number(v, src, 'cache_timeout', 'seconds', 0, false) * 1000; },
  },
  {
    name: 'timeout', value: 'SECONDS', description: `route server connect and query limit (default ${DEFAULT_CONFIG.timeoutMs / 1000})`,
    apply: (s, v, src) => { s.timeoutMs = Math.max(1, number(v, src, 'timeout', 'seconds', 0.001, false) * 1000); },
  },
  {
    name: 'deadline', value: 'MS', description: `batch mode: answer within this many milliseconds whatever the route server does (default ${DEFAULT_CONFIG.deadlineMs})`,
    apply: (s, v, src) => { s.deadlineMs = number(v, src, 'deadline', 'milliseconds', 1, false); },
  },
  {
    name: 'invalid_key', value: 'null|self', description: 'answer for a key that is not an IP address (default null: the line NULL)',
    apply: (s, v, src) => {
      if (v !== 'null' && v !== 'self') throw new ConfigError(src, `"invalid_key" must be null or self; got "${v}"`);
      s.invalidKey = v;
    },
  },
  {
    name: 'table', value: 'FILE', description: 'route table file: text (prefix and AS path per line) for route_server table, an MRT TABLE_DUMP_V2 RIB dump for route_server mrt',
    apply: (s, v, _src, baseDir) => { s.table = resolve(baseDir, v); },
  },
  {
    name: 'mrt_peer', value: 'ADDRESS|AS', description: 'route_server mrt: use only this peer\'s paths (default: the shortest AS path across peers)',
    apply: (s, v, src) => {
      if (parseAsn(v) === undefined && !/^[0-9A-Fa-f:.]+$/.test(v)) throw new ConfigError(src, `"mrt_peer" needs a peer address or AS number; got "${v}"`);
      s.mrtPeer = v;
    },
  },
  flag('debug', 'debug', 'log the route server dialogue on stderr (password masked)'),
  flag('verbose', 'verbose', 'explain each answer on stderr'),
];

export interface HostEntry { readonly host: string; readonly port: number | undefined }

/** `host`, `host:port`, `[ipv6]:port`, a bare IPv6 address, or an absolute socket path. */
export function parseHostEntry(entry: string): HostEntry | undefined {
  if (entry.startsWith('/')) return /^\/[^\s,]*$/.test(entry) ? { host: entry, port: undefined } : undefined;
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(\w[\w-]*))?$/.exec(entry);
  if (bracketed) return withPort(bracketed[1]!, bracketed[2]);
  if ((entry.match(/:/g) ?? []).length >= 2) return /^[0-9A-Fa-f:.]+$/.test(entry) ? { host: entry, port: undefined } : undefined;
  const m = /^([A-Za-z0-9._-]+)(?::(\w[\w-]*))?$/.exec(entry);
  return m ? withPort(m[1]!, m[2]) : undefined;
}

function withPort(host: string, portText: string | undefined): HostEntry | undefined {
  if (portText === undefined) return { host, port: undefined };
  const port = resolvePort(portText);
  return port === undefined ? undefined : { host, port };
}

/** Directives of the original that have no meaning here; accepted so old files still load. */
const IGNORED_DIRECTIVES = new Set(['result_count', 'no_lookup']);

const BY_NAME = new Map(DIRECTIVES.map((d) => [d.name, d]));

export function findDirective(name: string): DirectiveSpec | undefined {
  return BY_NAME.get(name.replace(/-/g, '_'));
}

export function parseConfigText(text: string, file: string, baseDir = dirname(resolve(file))): SettingsLayer {
  const settings: Settings = {};
  const warnings: string[] = [];
  // Editors on some systems start files with a byte-order mark.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const source = { file, line: i + 1 };
    const m = /^([A-Za-z][A-Za-z0-9_-]*)(?:\s+(.*))?$/.exec(line);
    if (!m) throw new ConfigError(source, `expected "name value" or a flag name alone; got "${line}"`);
    const name = m[1]!;
    const value = unquote((m[2] ?? '').trim());
    if (IGNORED_DIRECTIVES.has(name)) { warnings.push(`${describeSource(source)}: "${name}" has no effect in this version; ignored`); return; }
    const spec = findDirective(name);
    if (!spec) throw new ConfigError(source, `unknown directive "${name}"; expected one of ${DIRECTIVES.map((d) => d.name).join(', ')}`);
    if (spec.value !== undefined && value === '') throw new ConfigError(source, `"${spec.name}" needs a value: ${spec.name} ${spec.value}`);
    spec.apply(settings, value, source, baseDir);
  });
  return { settings, warnings };
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

/** Reads a config file; a missing default file is an empty layer, a missing named one an error. */
export function loadConfigFile(path: string, required: boolean): SettingsLayer {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!required && code === 'ENOENT') return { settings: {}, warnings: [] };
    throw new ConfigError(undefined, `cannot read config file ${path}: ${(e as Error).message}; give an existing file with --config FILE`);
  }
  const layer = parseConfigText(text, path);
  const warnings = [...layer.warnings];
  if (layer.settings.password !== undefined) {
    const w = exposedSecretWarning(path);
    if (w) warnings.push(w);
  }
  return { settings: layer.settings, warnings };
}

export function exposedSecretWarning(path: string): string | undefined {
  try {
    const mode = statSync(path).mode;
    if ((mode & 0o077) !== 0) return `${path} holds a password but is readable by group or others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${path}`;
  } catch { /* unreadable: reported elsewhere */ }
  return undefined;
}

export function readPasswordFile(path: string, source: SettingSource): { password: string; warning: string | undefined } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(source, `cannot read password file ${path}: ${(e as Error).message}`);
  }
  return { password: text.split(/\r?\n/)[0] ?? '', warning: exposedSecretWarning(path) };
}

/**
 * Layers apply in order, later ones winning: defaults, config file, environment, command line.
 * `password_file` read here so that the winning layer's choice between password and file holds.
 */
export function resolveConfig(layers: readonly SettingsLayer[]): { config: Config; warnings: string[] } {
  const merged: Settings = {};
  const warnings: string[] = [];
  for (const layer of layers) {
    warnings.push(...layer.warnings);
    const { passwordFile, password, ...rest } = layer.settings;
    Object.assign(merged, rest);
    if (passwordFile !== undefined) {
      const { password: p, warning } = readPasswordFile(passwordFile, { option: 'password_file' });
      merged.password = p;
      if (warning) warnings.push(warning);
    } else if (password !== undefined) {
      merged.password = password;
    }
  }
  const config: Config = { ...DEFAULT_CONFIG, ...merged };
  if ((config.routeServer === 'table' || config.routeServer === 'mrt') && config.table === undefined) {
    throw new ConfigError(undefined, `route_server ${config.routeServer} needs a route table: add "table FILE" to the config file or give --table FILE`);
  }
  return { config, warnings };
}
