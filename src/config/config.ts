import type { Rate } from '../capacity/rate.js';
import type { ExportFormat } from '../export/formats.js';
import type { Asn } from '../core/asn.js';
import type { PopTable } from '../core/pop-selection.js';
import type { Prefix } from '../core/prefix.js';
import { FIRST_FIELD, type ClientField } from '../core/client-field.js';
import type { RttField } from '../core/rtt-field.js';

export const ROUTE_SERVER_TYPES = ['zebra', 'frr-json', 'cisco', 'gated', 'bird', 'table', 'mrt'] as const;
export type RouteServerType = (typeof ROUTE_SERVER_TYPES)[number];
export type InvalidKeyAnswer = 'null' | 'self';
export const OUTPUT_FORMATS = ['plain', 'tsv', 'json', 'prometheus'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface Config {
  readonly routeServer: RouteServerType;
  /** Route servers tried in order: `HOST`, `HOST:PORT`, `[IPV6]:PORT`, or a socket path for bird. */
  readonly hosts: readonly string[];
  /** Port for hosts that name none; undefined: the route server type's own. */
  readonly port: number | undefined;
  readonly username: string | undefined;
  readonly password: string | undefined;
  /** The POPs by AS number (the `peer` directive), and the answer for each. */
  readonly pops: PopTable;
  readonly self: string;
  readonly batch: boolean;
  readonly cacheSize: number;
  readonly cacheTimeoutMs: number;
  /** Lifetime of a cached "no route" answer. */
  readonly negativeCacheTimeoutMs: number;
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
  /** Log mode: whole log lines in, each annotated with its POP, exact answers only. */
  readonly log: boolean;
  /** Log mode: per-POP totals instead of annotated lines. */
  readonly summary: boolean;
  /** Log mode: where each line holds the client. */
  readonly field: ClientField;
  /** Log mode: the field is an X-Forwarded-For list, and these proxies are looked past. */
  readonly trustedProxies: readonly Prefix[] | undefined;
  /** Batch, one-shot and summary output: plain, or a record per key (tsv, json). */
  readonly format: OutputFormat;
  /** Summary: POPs (host or AS) whose clients' moves are shown, as if each were drained. */
  readonly without: readonly string[];
  /** Log mode: how long a line waits for a route server that is down or a table still loading. */
  readonly retryForMs: number;
  /** Log mode: lookups asked of the route server at once. */
  readonly concurrency: number;
  /** Judge POPs down by their BGP sessions on the route server (routers that show them). */
  readonly popLiveness: boolean;
  /** POPs drained by hand, one per line, watched. */
  readonly drainFile: string | undefined;
  /** HTTP(S) health checks, each for a POP's host (the `health` directive). */
  readonly health: readonly HealthCheckLine[];
  /** What each POP (by its answer, self included) can serve: the `capacity` directive. */
  readonly capacity: readonly CapacityLine[];
  /** A capacity plan: prefixes sent to another POP, watched; written by --plan --apply. */
  readonly planFile: string | undefined;
  /** A plan keeps each POP at or below this share of its capacity. */
  readonly highWatermark: number;
  /** A prefix a plan moved goes back only when its POP stays at or below this share. */
  readonly lowWatermark: number;
  /** One --plan --apply moves at most this share of the total demand, unless --force. */
  readonly maxMove: number;
  /** Each --plan --apply appends one JSON line here: who moved what, from which inputs, and why. */
  readonly auditFile: string | undefined;
  /** Demand is read from the logs at their busiest window of this length (--serve: the last one). */
  readonly demandWindowSeconds: number;
  /** --quality: where each log line holds the client's TCP round-trip time. */
  readonly rttField: RttField | undefined;
  /** --quality: the JSON key naming the POP that served a line (else --served-by). */
  readonly servedByField: string | undefined;
  /** --quality: a POP this much faster (ms, by median) than the chosen one is flagged. */
  readonly qualityMarginMs: number;
  /** --quality: samples each POP needs for a prefix before it is compared. */
  readonly qualitySamples: number;
  /** Latency overrides (PREFIX POP lines, --quality --apply writes them): answers take them below the plan. */
  readonly latencyFile: string | undefined;
  /** This share of each prefix's clients (by /24 or /48 and day) is answered from the next POP of its ranking. */
  readonly exploreShare: number;
  /** --serve follows these access logs and plans from them (the closed loop). */
  readonly demandLogs: readonly string[];
  /** --serve makes a plan this often from demandLogs. */
  readonly planIntervalSeconds: number;
  /** apply: --serve writes each plan that changes something to planFile; shadow: it only logs it. */
  readonly planMode: 'apply' | 'shadow';
  /** This POP's anycast prefixes, announced through ExaBGP (`--exabgp`) while it can take clients. */
  readonly anycast: readonly AnycastLine[];
  /** MED by state: up, and drained (announced with it instead of withdrawn); undefined: no MED, a drain withdraws. */
  readonly anycastMed: { readonly up: number; readonly drained: number } | undefined;
  /** Files `--serve` keeps current (the `export` directive). */
  readonly exports: readonly ExportLine[];
  /** HAProxy's runtime API socket: `--serve` replaces each haproxy-map export's map in HAProxy live through it. */
  readonly haproxySocket: string | undefined;
  /** gdnsd's admin_state file: `--serve` forces the datacenters of POPs out DOWN in it, for gdnsd-classes exports. */
  readonly gdnsdAdminState: string;
  readonly healthIntervalMs: number;
  readonly healthTimeoutMs: number;
  /** Passes in a row that bring a check back up, and failures in a row that take it down, as haproxy counts. */
  readonly healthRise: number;
  readonly healthFall: number;
  readonly healthTlsVerify: boolean;
  /** Take a config, table, plan or drain file that others could write, even running as root. */
  readonly allowSharedFiles: boolean;
  /** Where one user's processes share health results; undefined: a folder of the user's own. */
  readonly healthStateDir: string | undefined;
  /** Where this process writes its counters for node_exporter's textfile collector. */
  readonly metricsDir: string | undefined;
  /** Watch the config file and apply changed POPs, self, health checks and drain file without a restart. */
  readonly reload: boolean;
  /** PowerDNS pipe-backend co-process. */
  readonly pdns: boolean;
  /** The steered DNS names, lower case, without a trailing dot. */
  readonly dnsNames: readonly string[];
  /** A POP host's addresses, for A and AAAA answers (the `address` directive). */
  readonly addresses: ReadonlyMap<string, readonly string[]>;
  readonly dnsTtl: number;
  /** A zone whose apex SOA and NS are answered here, so that a pipe backend alone serves it. */
  readonly dnsZone: string | undefined;
}

/** An `anycast` line: a prefix this POP announces, and the next hop to announce it with (`self`: ExaBGP's own address). */
export interface AnycastLine {
  readonly prefix: Prefix;
  readonly nextHop: string;
}

/** An `export` line: a format, the file kept current in it, and a command run after each change (`sh -c`). */
export interface ExportLine {
  readonly format: ExportFormat;
  readonly file: string;
  readonly command: string | undefined;
}

/** A `capacity` line: the POP's answer, what it can serve, and where it was given, for errors. */
export interface CapacityLine {
  readonly host: string;
  readonly rate: Rate;
  readonly where: string;
}

/** A `health` line: the POP's host, the URL to probe, and where it was given, for errors. */
export interface HealthCheckLine {
  readonly host: string;
  readonly url: string;
  readonly where: string;
}

/** Where each route server type listens unless told otherwise. */
export const DEFAULT_PORTS: Readonly<Partial<Record<RouteServerType, number>>> = { zebra: 2605, 'frr-json': 2605, cisco: 23, gated: 616 };
export const DEFAULT_BIRD_SOCKET = '/run/bird/bird.ctl';

export const DEFAULT_CONFIG_FILE = '/etc/supersparrow.conf';

export const DEFAULT_CONFIG: Config = Object.freeze({
  routeServer: 'zebra',
  hosts: [],
  port: undefined,
  username: undefined,
  password: undefined,
  pops: new Map<Asn, string>(),
  self: 'NULL',
  batch: false,
  cacheSize: 65536,
  cacheTimeoutMs: 300_000,
  negativeCacheTimeoutMs: 30_000,
  timeoutMs: 2000,
  deadlineMs: 250,
  debug: false,
  verbose: false,
  table: undefined,
  mrtPeer: undefined,
  invalidKey: 'null',
  log: false,
  summary: false,
  field: FIRST_FIELD,
  trustedProxies: undefined,
  format: 'plain',
  without: [],
  retryForMs: 60_000,
  concurrency: 16,
  popLiveness: true,
  drainFile: undefined,
  health: [],
  capacity: [],
  planFile: undefined,
  highWatermark: 0.9,
  lowWatermark: 0.75,
  maxMove: 0.3,
  auditFile: undefined,
  demandWindowSeconds: 300,
  rttField: undefined,
  servedByField: undefined,
  qualityMarginMs: 20,
  qualitySamples: 50,
  exploreShare: 0,
  latencyFile: undefined,
  demandLogs: [],
  planIntervalSeconds: 60,
  planMode: 'apply',
  anycast: [],
  anycastMed: undefined,
  exports: [],
  haproxySocket: undefined,
  gdnsdAdminState: '/var/lib/gdnsd/admin_state',
  healthIntervalMs: 1000,
  healthTimeoutMs: 1000,
  healthRise: 2,
  healthFall: 3,
  healthTlsVerify: true,
  allowSharedFiles: false,
  healthStateDir: undefined,
  metricsDir: undefined,
  reload: true,
  pdns: false,
  dnsNames: [],
  addresses: new Map<string, readonly string[]>(),
  dnsTtl: 20,
  dnsZone: undefined,
});

/** Where a setting came from, for error messages. */
export type SettingSource = { readonly file: string; readonly line: number } | { readonly option: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly source: SettingSource | undefined,
    problem: string,
  ) {
    super(source ? `${describeSource(source)}: ${problem}` : problem);
  }
}

export function describeSource(source: SettingSource): string {
  return 'file' in source ? `${source.file}:${source.line}` : `option ${source.option}`;
}

/** Settings one source gave; `passwordFile` is read when the layers are resolved. */
export type Settings = { -readonly [K in keyof Config]?: Config[K] } & { passwordFile?: string };

export interface SettingsLayer {
  readonly settings: Settings;
  readonly warnings: readonly string[];
}
