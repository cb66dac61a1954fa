import { resolve } from 'node:path';
import { parseClientKey } from '../core/address.js';
import { parseAsn } from '../core/asn.js';
import { parsePrefix } from '../core/prefix.js';
import { parseClientField } from '../core/client-field.js';
import { parseRttField } from '../core/rtt-field.js';
import {
  ConfigError,
  OUTPUT_FORMATS,
  type OutputFormat,
  DEFAULT_BIRD_SOCKET,
  DEFAULT_CONFIG,
  describeSource,
  ROUTE_SERVER_TYPES,
  type RouteServerType,
  type SettingSource,
  type Settings,
} from './config.js';
import { resolvePort } from './services.js';
import { parseRate } from '../capacity/rate.js';
import { EXPORT_FORMATS } from '../export/formats.js';
import { MAX_TIMER_MS, parseAnswer, parseDnsName, parseFlag, parseHosts, parseNumber, parseOneLine, parsePops } from './values.js';

export interface DirectiveSpec {
  readonly name: string;
  /** The setting it gives. */
  readonly key: keyof Settings;
  /** A running process takes a change of it from the config file; the rest wait for a restart. */
  readonly reloadable?: boolean;
  /** Placeholder shown in help; a directive without one is a flag. */
  readonly value?: string;
  readonly description: string;
  /** Given more than once, the values add up (within one file, or on one command line). */
  readonly repeatable?: boolean;
  /** The command-line option, when it is not the directive's own name (`--export` already names a run). */
  readonly option?: string;
  readonly apply: (s: Settings, value: string, source: SettingSource, baseDir: string) => void;
}

/** The directive's command-line option, without its dashes: `drain-file` for drain_file (`--route_server` is taken too). */
export function optionOf(d: DirectiveSpec): string {
  return d.option ?? d.name.replace(/_/g, '-');
}

function flag(
  key: 'batch' | 'debug' | 'verbose' | 'log' | 'summary' | 'pdns' | 'popLiveness' | 'healthTlsVerify' | 'reload' | 'allowSharedFiles',
  description: string,
  name: string = key,
  reloadable = false,
): DirectiveSpec {
  return {
    name,
    key,
    reloadable,
    description,
    apply: (s, v, src) => {
      s[key] = parseFlag(v, src, name);
    },
  };
}

/** A file or folder, relative names taken from the config file's folder (or, on the command line, the working one). */
function pathSetting(
  name: string,
  key: 'passwordFile' | 'table' | 'drainFile' | 'healthStateDir' | 'metricsDir' | 'planFile' | 'auditFile' | 'latencyFile',
  value: 'FILE' | 'DIR',
  description: string,
  reloadable = false,
): DirectiveSpec {
  return {
    name,
    key,
    value,
    description,
    reloadable,
    apply: (s, v, _src, baseDir) => {
      s[key] = resolve(baseDir, v);
    },
  };
}

export const DIRECTIVES: readonly DirectiveSpec[] = [
  {
    name: 'route_server',
    key: 'routeServer',
    value: 'TYPE',
    description: `route server type: ${ROUTE_SERVER_TYPES.join(' or ')} (default ${DEFAULT_CONFIG.routeServer})`,
    apply: (s, v, src) => {
      if (!(ROUTE_SERVER_TYPES as readonly string[]).includes(v))
        throw new ConfigError(src, `"route_server" must be one of ${ROUTE_SERVER_TYPES.join(', ')}; got "${v}"`);
      s.routeServer = v as RouteServerType;
    },
  },
  {
    name: 'host',
    key: 'hosts',
    value: 'HOST[:PORT],...',
    repeatable: true,
    description:
      "route servers, tried in order; repeatable; on the command line they replace the config file's " +
      `(default 127.0.0.1; for bird its control socket, default ${DEFAULT_BIRD_SOCKET})`,
    apply: (s, v, src) => {
      s.hosts = [...(s.hosts ?? []), ...parseHosts(v, src)];
    },
  },
  {
    name: 'port',
    key: 'port',
    value: 'PORT',
    description: 'route server TCP port, number or service name (default: zebra and frr-json 2605 (bgpd), cisco 23, gated 616)',
    apply: (s, v, src) => {
      const port = resolvePort(v);
      if (port === undefined)
        throw new ConfigError(
          src,
          `"port" needs a TCP port number (1-65535) or a service name from /etc/services such as bgpd; got "${v}"`,
        );
      s.port = port;
    },
  },
  {
    name: 'username',
    key: 'username',
    value: 'NAME',
    description: 'route server login name, for routers that ask Username: (Cisco IOS)',
    apply: (s, v, src) => {
      s.username = parseOneLine(v, src, 'username');
    },
  },
  {
    name: 'password',
    key: 'password',
    value: 'PASSWORD',
    description: 'route server login password (prefer password_file or SUPERSPARROW_PASSWORD)',
    apply: (s, v, src) => {
      s.password = parseOneLine(v, src, 'password');
    },
  },
  pathSetting('password_file', 'passwordFile', 'FILE', 'read the route server password from the first line of FILE'),
  {
    name: 'peer',
    key: 'pops',
    reloadable: true,
    value: 'AS=RESULT,...',
    repeatable: true,
    description: "POP AS numbers and the answer for each; repeatable; on the command line they replace the config file's",
    apply: (s, v, src) => {
      const merged = new Map(s.pops ?? []);
      for (const [asn, result] of parsePops(v, src)) {
        if (merged.has(asn))
          throw new ConfigError(src, `AS ${asn} already has an answer (${merged.get(asn)}) on an earlier "peer"; keep one answer for it`);
        merged.set(asn, result);
      }
      s.pops = merged;
    },
  },
  {
    name: 'self',
    key: 'self',
    reloadable: true,
    value: 'RESULT',
    description: `answer when no POP is nearer (default ${DEFAULT_CONFIG.self}, so Apache uses its default)`,
    apply: (s, v, src) => {
      s.self = parseAnswer(v, src, '"self"');
    },
  },
  flag('batch', 'read one address per line on stdin, write one answer per line on stdout'),
  {
    name: 'cache_size',
    key: 'cacheSize',
    value: 'N',
    description: `cached answers, 0 to disable (default ${DEFAULT_CONFIG.cacheSize})`,
    apply: (s, v, src) => {
      s.cacheSize = parseNumber(v, src, 'cache_size', 'entries', 0, 100_000_000, true);
    },
  },
  {
    name: 'cache_timeout',
    key: 'cacheTimeoutMs',
    value: 'SECONDS',
    description: `how long an answer is cached (default ${DEFAULT_CONFIG.cacheTimeoutMs / 1000})`,
    apply: (s, v, src) => {
      s.cacheTimeoutMs = parseNumber(v, src, 'cache_timeout', 'seconds', 0, 365 * 86_400, false) * 1000;
    },
  },
  {
    name: 'negative_cache_timeout',
    key: 'negativeCacheTimeoutMs',
    value: 'SECONDS',
    description: `how long a "no route" answer is cached, so that routes coming back are seen soon (default ${DEFAULT_CONFIG.negativeCacheTimeoutMs / 1000})`,
    apply: (s, v, src) => {
      s.negativeCacheTimeoutMs = parseNumber(v, src, 'negative_cache_timeout', 'seconds', 0, 365 * 86_400, false) * 1000;
    },
  },
  {
    name: 'timeout',
    key: 'timeoutMs',
    value: 'SECONDS',
    description: `route server connect and query limit (default ${DEFAULT_CONFIG.timeoutMs / 1000})`,
    apply: (s, v, src) => {
      s.timeoutMs = Math.max(1, parseNumber(v, src, 'timeout', 'seconds', 0.001, Math.floor(MAX_TIMER_MS / 1000), false) * 1000);
    },
  },
  {
    name: 'deadline',
    key: 'deadlineMs',
    value: 'MS',
    description: `batch mode: answer within this many milliseconds whatever the route server does (default ${DEFAULT_CONFIG.deadlineMs})`,
    apply: (s, v, src) => {
      s.deadlineMs = parseNumber(v, src, 'deadline', 'milliseconds', 1, MAX_TIMER_MS, false);
    },
  },
  {
    name: 'invalid_key',
    key: 'invalidKey',
    reloadable: true,
    value: 'null|self',
    description: 'answer for a key that is not an IP address (default null: the line NULL)',
    apply: (s, v, src) => {
      if (v !== 'null' && v !== 'self') throw new ConfigError(src, `"invalid_key" must be null or self; got "${v}"`);
      s.invalidKey = v;
    },
  },
  pathSetting(
    'table',
    'table',
    'FILE',
    'route table file: text (prefix and AS path per line) for route_server table, an MRT TABLE_DUMP_V2 RIB dump for route_server mrt',
  ),
  {
    name: 'mrt_peer',
    key: 'mrtPeer',
    value: 'ADDRESS|AS',
    description: "route_server mrt: use only this peer's paths (default: the shortest AS path across peers)",
    apply: (s, v, src) => {
      if (parseAsn(v) === undefined && !/^[0-9A-Fa-f:.]+$/.test(v))
        throw new ConfigError(src, `"mrt_peer" needs a peer address or AS number; got "${v}"`);
      s.mrtPeer = v;
    },
  },
  flag('log', 'log mode: read whole log lines (files named, or stdin) and write each with its POP first; exact answers only'),
  flag('summary', 'log mode: print per-POP totals and the top prefixes instead of the lines'),
  {
    name: 'field',
    key: 'field',
    value: 'N|KEY',
    description: 'log mode: the client is field N (1-based, a quoted string is one field), or KEY of a JSON-lines record (default 1)',
    apply: (s, v, src) => {
      const field = parseClientField(v);
      if (!field) throw new ConfigError(src, `"field" needs a field number from 1 or a JSON key name; got "${v}"`);
      s.field = field;
    },
  },
  {
    name: 'trusted_proxy',
    key: 'trustedProxies',
    value: 'PREFIX,...',
    repeatable: true,
    description: 'log mode: the client field is an X-Forwarded-For list; take its right-most address outside these proxies; repeatable',
    apply: (s, v, src) => {
      const prefixes = v
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '')
        .map((p) => {
          const prefix = parsePrefix(p.includes('/') ? p : `${p}/${p.includes(':') ? 128 : 32}`, true);
          if (!prefix)
            throw new ConfigError(src, `"trusted_proxy" needs addresses or prefixes such as 192.0.2.10 or 10.0.0.0/8; got "${p}"`);
          return prefix;
        });
      s.trustedProxies = [...(s.trustedProxies ?? []), ...prefixes];
    },
  },
  {
    name: 'format',
    key: 'format',
    value: 'plain|tsv|json|prometheus',
    description:
      'one-shot, batch and summary output: plain answers, or a record per key with reason, prefix and AS path (default plain); prometheus for --status',
    apply: (s, v, src) => {
      if (!(OUTPUT_FORMATS as readonly string[]).includes(v))
        throw new ConfigError(src, `"format" must be one of ${OUTPUT_FORMATS.join(', ')}; got "${v}"`);
      s.format = v as OutputFormat;
    },
  },
  {
    name: 'without',
    key: 'without',
    value: 'POP',
    repeatable: true,
    description:
      "summary: show where a POP's clients would go if it were drained (its host name or AS); repeatable: those POPs drained together",
    apply: (s, v) => {
      s.without = [...(s.without ?? []), v];
    },
  },
  {
    name: 'retry_for',
    key: 'retryForMs',
    value: 'SECONDS',
    description:
      'log mode: how long a line waits for a route server that is down or a table still loading ' +
      `(default ${DEFAULT_CONFIG.retryForMs / 1000})`,
    apply: (s, v, src) => {
      s.retryForMs = parseNumber(v, src, 'retry_for', 'seconds', 0, 86_400, false) * 1000;
    },
  },
  {
    name: 'concurrency',
    key: 'concurrency',
    value: 'N',
    description: `log mode: lookups asked of the route server at once (default ${DEFAULT_CONFIG.concurrency})`,
    apply: (s, v, src) => {
      s.concurrency = parseNumber(v, src, 'concurrency', 'lookups', 1, 1024, true);
    },
  },
  flag(
    'popLiveness',
    "watch the route server's BGP sessions (one small command a second) and give no new clients to a POP whose sessions are all down (default on; pop_liveness off to stop)",
    'pop_liveness',
  ),
  pathSetting(
    'drain_file',
    'drainFile',
    'FILE',
    'POPs that take no new clients: a host or AS per line, optionally with an end time; watched, applied within a second',
    true,
  ),
  {
    name: 'health',
    key: 'health',
    reloadable: true,
    value: 'HOST URL',
    repeatable: true,
    description:
      "a POP's health check: HOST is an answer on a peer line, URL an http:// or https:// address whose GET must give 2xx or 3xx; repeatable",
    apply: (s, v, src) => {
      const [host = '', url = '', extra] = v.split(/\s+/);
      if (url === '' || extra !== undefined)
        throw new ConfigError(
          src,
          `"health" needs a POP host and one URL, e.g. "health www.y.example.net http://192.0.2.7/health"; got "${v}"`,
        );
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new ConfigError(src, `"health" needs an http:// or https:// URL; "${url}" is not one`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw new ConfigError(src, `"health" probes by HTTP or HTTPS only; give an http:// or https:// URL instead of "${url}"`);
      s.health = [...(s.health ?? []), { host: parseAnswer(host, src, '"health"'), url: parsed.href, where: describeSource(src) }];
    },
  },
  {
    name: 'capacity',
    key: 'capacity',
    reloadable: true,
    value: 'HOST RATE',
    repeatable: true,
    description:
      'what a POP can serve: HOST an answer on a peer line or self, RATE in requests per second (800, 800/s) or bits per second (10Gbit/s, 750Mbit/s); repeatable; --plan keeps each POP under it',
    apply: (s, v, src) => {
      const [host = '', rateText = '', extra] = v.split(/\s+/);
      const rate = parseRate(rateText);
      if (rateText === '' || extra !== undefined || !rate)
        throw new ConfigError(
          src,
          `"capacity" needs a POP host and a rate, e.g. "capacity www.y.example.net 800/s" or "capacity www.y.example.net 10Gbit/s"; got "${v}"`,
        );
      const answer = parseAnswer(host, src, '"capacity"');
      const before = s.capacity?.find((c) => c.host.toLowerCase() === answer.toLowerCase());
      if (before)
        throw new ConfigError(
          src,
          `"capacity" for ${answer} is already given (${before.where}): one line per POP, so that no rate silently wins; remove one of them`,
        );
      s.capacity = [...(s.capacity ?? []), { host: answer, rate, where: describeSource(src) }];
    },
  },
  pathSetting(
    'plan_file',
    'planFile',
    'FILE',
    'a capacity plan: PREFIX POP [UNTIL] per line, written by --plan --apply; watched, applied within a second',
    true,
  ),
  {
    name: 'anycast',
    key: 'anycast',
    reloadable: true,
    value: 'PREFIX [next-hop ADDR]',
    repeatable: true,
    description:
      "--exabgp: a prefix this POP announces while it can take clients (not drained, its health checks passing), withdrawn otherwise; next-hop defaults to ExaBGP's own address; repeatable",
    apply: (s, v, src) => {
      const [prefixText = '', keyword, nextHop, extra] = v.split(/\s+/);
      const prefix = parsePrefix(prefixText);
      const hopOk =
        keyword === undefined || (keyword === 'next-hop' && nextHop !== undefined && (nextHop === 'self' || parseClientKey(nextHop).ok));
      if (!prefix || !hopOk || extra !== undefined)
        throw new ConfigError(
          src,
          `"anycast" needs a prefix with its host bits zero and optionally "next-hop ADDRESS", e.g. "anycast 192.0.2.0/24 next-hop 192.0.2.1"; got "${v}"`,
        );
      s.anycast = [...(s.anycast ?? []), { prefix, nextHop: nextHop ?? 'self' }];
    },
  },
  {
    name: 'anycast_med',
    key: 'anycastMed',
    reloadable: true,
    value: 'UP DRAINED',
    description:
      '--exabgp: announce with MED UP while up and MED DRAINED while drained, instead of withdrawing on a drain (a gentle drain); a failing health check still withdraws',
    apply: (s, v, src) => {
      const [up, drained, extra] = v.split(/\s+/).map((n) => (/^\d{1,10}$/.test(n) ? Number(n) : Number.NaN));
      if (up === undefined || drained === undefined || extra !== undefined || !(up <= 0xffffffff) || !(drained <= 0xffffffff))
        throw new ConfigError(src, `"anycast_med" needs two MEDs, up then drained, e.g. "anycast_med 100 500"; got "${v}"`);
      s.anycastMed = { up, drained };
    },
  },
  {
    name: 'export',
    key: 'exports',
    reloadable: true,
    option: 'export-to',
    value: 'FORMAT FILE [COMMAND]',
    repeatable: true,
    description: `--serve: keep FILE current in FORMAT (${EXPORT_FORMATS.join(', ')}), replaced whole when its blocks change, then run COMMAND (sh -c) if given, e.g. "export nginx-classes /etc/nginx/supersparrow-class.conf nginx -s reload"; a *-classes format also keeps its answers file (FILE with .answers before its extension; gdnsd: gdnsd_admin_state; mmdb-classes: FILE.zones.yaml, PowerDNS's geoip zones; nginx-mmdb-classes: FILE.answers.conf), the only one a POP's state changes, and haproxy-classes and nginx-classes a plan file (FILE with .plan before its extension), the only one a plan change changes; repeatable`,
    apply: (s, v, src, baseDir) => {
      const match = /^(\S+)\s+(\S+)(?:\s+(.+))?$/.exec(v);
      const format = EXPORT_FORMATS.find((f) => f === match?.[1]);
      if (!match || !format)
        throw new ConfigError(
          src,
          `"export" needs a format (${EXPORT_FORMATS.join(', ')}), a file and optionally a command to run after each change, e.g. "export haproxy-map /etc/haproxy/supersparrow-pop.map"; got "${v}"`,
        );
      const file = resolve(baseDir, match[2]!);
      if ((s.exports ?? []).some((e) => e.file === file))
        throw new ConfigError(src, `"export": ${file} is already exported by an earlier line; give each export a file of its own`);
      s.exports = [...(s.exports ?? []), { format, file, command: match[3] }];
    },
  },
  {
    name: 'haproxy_socket',
    key: 'haproxySocket',
    reloadable: true,
    value: 'SOCKET',
    description:
      "--serve: HAProxy's runtime API socket (stats socket ... level admin): each haproxy-map and haproxy-classes export's maps are also replaced live in HAProxy's memory (prepare, add, commit map), with no reload",
    apply: (s, v, _src, baseDir) => {
      s.haproxySocket = resolve(baseDir, v);
    },
  },
  {
    name: 'gdnsd_admin_state',
    key: 'gdnsdAdminState',
    reloadable: true,
    value: 'FILE',
    description: `--serve: gdnsd's admin_state file (default ${DEFAULT_CONFIG.gdnsdAdminState}): for gdnsd-classes exports, each POP out is forced DOWN there, in a block of supersparrow's own, and gdnsd fails over along each block's list without a new nets file`,
    apply: (s, v, _src, baseDir) => {
      s.gdnsdAdminState = resolve(baseDir, v);
    },
  },
  {
    name: 'high_watermark',
    key: 'highWatermark',
    reloadable: true,
    value: 'PERCENT',
    description: `--plan keeps each POP at or below this share of its capacity (default ${DEFAULT_CONFIG.highWatermark * 100})`,
    apply: (s, v, src) => {
      s.highWatermark = parseNumber(v.replace(/%$/, ''), src, 'high_watermark', 'percent', 1, 100, false) / 100;
    },
  },
  {
    name: 'low_watermark',
    key: 'lowWatermark',
    reloadable: true,
    value: 'PERCENT',
    description: `a prefix a plan moved goes back only if its POP then stays at or below this share (default ${DEFAULT_CONFIG.lowWatermark * 100})`,
    apply: (s, v, src) => {
      s.lowWatermark = parseNumber(v.replace(/%$/, ''), src, 'low_watermark', 'percent', 1, 100, false) / 100;
    },
  },
  {
    name: 'max_move',
    key: 'maxMove',
    reloadable: true,
    value: 'PERCENT',
    description: `--plan --apply refuses a plan that sends more than this share of the total demand somewhere new, unless --force (default ${DEFAULT_CONFIG.maxMove * 100})`,
    apply: (s, v, src) => {
      s.maxMove = parseNumber(v.replace(/%$/, ''), src, 'max_move', 'percent', 0, 100, false) / 100;
    },
  },
  pathSetting(
    'audit_file',
    'auditFile',
    'FILE',
    '--plan --apply appends one JSON line here per apply: time, user, version, inputs and their digests, watermarks, POPs out, each move and the projected use of each POP',
    true,
  ),
  {
    name: 'demand_log',
    key: 'demandLogs',
    value: 'FILE...',
    repeatable: true,
    description:
      '--serve: access logs followed as tail -F follows them (rotation, copytruncate, a rotated file compressed at once): each request counted into the last demand_window seconds, and a plan made from them every plan_interval and written to plan_file; repeatable',
    apply: (s, v, _src, baseDir) => {
      s.demandLogs = [
        ...(s.demandLogs ?? []),
        ...v
          .split(/\s+/)
          .filter(Boolean)
          .map((f) => resolve(baseDir, f)),
      ];
    },
  },
  {
    name: 'plan_interval',
    key: 'planIntervalSeconds',
    reloadable: true,
    value: 'SECONDS',
    description: `--serve with demand_log: a plan is made this often (default ${DEFAULT_CONFIG.planIntervalSeconds})`,
    apply: (s, v, src) => {
      s.planIntervalSeconds = parseNumber(v, src, 'plan_interval', 'seconds', 1, 86_400, false);
    },
  },
  {
    name: 'plan_mode',
    key: 'planMode',
    reloadable: true,
    value: 'MODE',
    description: `--serve with demand_log: apply (write each plan that changes something, within max_move, to plan_file) or shadow (make and log each plan, apply none) (default ${DEFAULT_CONFIG.planMode})`,
    apply: (s, v, src) => {
      if (v !== 'apply' && v !== 'shadow') throw new ConfigError(src, `"plan_mode" is apply or shadow; got "${v}"`);
      s.planMode = v;
    },
  },
  {
    name: 'demand_window',
    key: 'demandWindowSeconds',
    value: 'SECONDS',
    description: `--plan and --summary take demand at the logs' busiest window of this length (default ${DEFAULT_CONFIG.demandWindowSeconds})`,
    apply: (s, v, src) => {
      s.demandWindowSeconds = parseNumber(v, src, 'demand_window', 'seconds', 1, 86_400, true);
    },
  },
  {
    name: 'rtt_field',
    key: 'rttField',
    reloadable: true,
    value: 'N|KEY [us|ms]',
    description:
      "--quality: the client's TCP round-trip time is field N (1-based, as field counts) or KEY of a JSON-lines record, in us, microseconds (nginx's $tcpinfo_rtt, the default) or ms (HAProxy's fc_rtt)",
    apply: (s, v, src) => {
      const field = parseRttField(v);
      if (!field)
        throw new ConfigError(
          src,
          `"rtt_field" needs a field number from 1 or a JSON key, then us or ms (rtt_field tcpinfo_rtt us); got "${v}"`,
        );
      s.rttField = field;
    },
  },
  {
    name: 'served_by_field',
    key: 'servedByField',
    reloadable: true,
    value: 'KEY',
    description:
      '--quality: the JSON-lines key that names the POP (its answer, as in peer lines) that served each line; else give --served-by HOST',
    apply: (s, v, src) => {
      if (!/^[A-Za-z_][\w.-]{0,127}$/.test(v))
        throw new ConfigError(src, `"served_by_field" needs a JSON key name (served_by_field pop); got "${v}"`);
      s.servedByField = v;
    },
  },
  {
    name: 'quality_margin',
    key: 'qualityMarginMs',
    reloadable: true,
    value: 'MS',
    description: `--quality flags a prefix when another POP is at least this much faster, by median round trip (default ${DEFAULT_CONFIG.qualityMarginMs})`,
    apply: (s, v, src) => {
      s.qualityMarginMs = parseNumber(v.replace(/ms$/, ''), src, 'quality_margin', 'milliseconds', 0, 10_000, false);
    },
  },
  {
    name: 'quality_samples',
    key: 'qualitySamples',
    reloadable: true,
    value: 'N',
    description: `--quality compares two POPs for a prefix only with at least this many round trips at each (default ${DEFAULT_CONFIG.qualitySamples})`,
    apply: (s, v, src) => {
      s.qualitySamples = parseNumber(v, src, 'quality_samples', 'samples', 1, 1_000_000, true);
    },
  },
  pathSetting(
    'latency_file',
    'latencyFile',
    'FILE',
    "latency overrides, PREFIX POP per line as the plan file: --quality --apply writes them (a prefix to the POP measured faster), every map and export answers with them, below the plan's lines (a plan line covering one wins), re-read within a second of a change",
    true,
  ),
  {
    name: 'explore',
    key: 'exploreShare',
    reloadable: true,
    value: 'PERCENT',
    description:
      "batch, DNS and the prompt: this share of each prefix's clients (chosen by a hash of their /24 or /48 and the day, so a client keeps its POP for a day) is answered from the next POP of its ranking that can take clients and that no plan line relieves, reason explore, so that --quality measures the alternates; never where a plan line decides (default 0: off; e.g. 0.5%)",
    apply: (s, v, src) => {
      s.exploreShare = parseNumber(v.replace(/%$/, ''), src, 'explore', 'percent', 0, 10, false) / 100;
    },
  },
  {
    name: 'health_interval',
    key: 'healthIntervalMs',
    reloadable: true,
    value: 'SECONDS',
    description: `time between health probes of a URL (default ${DEFAULT_CONFIG.healthIntervalMs / 1000}); a quarter of it while a check is turning`,
    apply: (s, v, src) => {
      s.healthIntervalMs = parseNumber(v, src, 'health_interval', 'seconds', 0.1, 3600, false) * 1000;
    },
  },
  {
    name: 'health_timeout',
    key: 'healthTimeoutMs',
    reloadable: true,
    value: 'SECONDS',
    description: `a health probe with no answer by then fails (default ${DEFAULT_CONFIG.healthTimeoutMs / 1000})`,
    apply: (s, v, src) => {
      s.healthTimeoutMs = parseNumber(v, src, 'health_timeout', 'seconds', 0.01, 600, false) * 1000;
    },
  },
  {
    name: 'health_rise',
    key: 'healthRise',
    reloadable: true,
    value: 'N',
    description: `passing probes in a row that bring a POP back (default ${DEFAULT_CONFIG.healthRise})`,
    apply: (s, v, src) => {
      s.healthRise = parseNumber(v, src, 'health_rise', 'probes', 1, 100, true);
    },
  },
  {
    name: 'health_fall',
    key: 'healthFall',
    reloadable: true,
    value: 'N',
    description: `failing probes in a row that take a POP out (default ${DEFAULT_CONFIG.healthFall})`,
    apply: (s, v, src) => {
      s.healthFall = parseNumber(v, src, 'health_fall', 'probes', 1, 100, true);
    },
  },
  flag(
    'healthTlsVerify',
    'check the certificate of https:// health URLs (default on; health_tls_verify off for self-signed ones)',
    'health_tls_verify',
    true,
  ),
  flag(
    'allowSharedFiles',
    'take a config, table, plan or drain file that another user could write (its folder writable by group or others, or owned by another user) even when running as root (default off: refused as root, a warning otherwise, a problem in --check)',
    'allow_shared_files',
  ),
  pathSetting(
    'health_state_dir',
    'healthStateDir',
    'DIR',
    "where one user's processes share health results, so each URL is probed once per interval per host (default $XDG_RUNTIME_DIR/supersparrow, else /tmp/supersparrow-UID)",
    true,
  ),
  pathSetting(
    'metrics_dir',
    'metricsDir',
    'DIR',
    "write this process's counters (answers per POP and reason, cache, route-server latency, POP state; --serve: each export's writes, failures and lag) to DIR/supersparrow-MODE-PID.prom every 10 s, for node_exporter's textfile collector",
  ),
  flag(
    'reload',
    'watch the config file and apply changed peer, self, health and drain_file lines to new answers without a restart (default on; reload off to stop)',
  ),
  flag('pdns', 'be a PowerDNS pipe backend (ABI 1 to 5; 3 and up carry the client subnet) for the dns_name names'),
  {
    name: 'dns_name',
    key: 'dnsNames',
    value: 'NAME',
    repeatable: true,
    description: 'pdns: a DNS name steered to the nearest POP; repeatable',
    apply: (s, v, src) => {
      s.dnsNames = [...(s.dnsNames ?? []), parseDnsName(v, src, 'dns_name')];
    },
  },
  {
    name: 'address',
    key: 'addresses',
    value: 'HOST ADDRESS...',
    repeatable: true,
    description: 'pdns: the addresses a POP host answers with (A and AAAA); repeatable',
    apply: (s, v, src) => {
      const [host = '', ...addresses] = v.split(/\s+/);
      if (addresses.length === 0)
        throw new ConfigError(
          src,
          `"address" needs a host and its addresses, e.g. "address www.y.example.net 192.0.2.7 2001:db8::7"; got "${v}"`,
        );
      for (const a of addresses) {
        if (!parseClientKey(a).ok || a.includes('%'))
          throw new ConfigError(src, `"address" needs IPv4 or IPv6 addresses after the host; "${a}" is not one`);
      }
      const name = parseDnsName(host, src, 'address');
      const canonical = addresses.map((a) => {
        const parsed = parseClientKey(a);
        return parsed.ok ? parsed.address.text : a;
      });
      const merged = new Map(s.addresses ?? []);
      merged.set(name, [...(merged.get(name) ?? []), ...canonical]);
      s.addresses = merged;
    },
  },
  {
    name: 'dns_ttl',
    key: 'dnsTtl',
    value: 'SECONDS',
    description: `pdns: the TTL of the answers (default ${DEFAULT_CONFIG.dnsTtl})`,
    apply: (s, v, src) => {
      s.dnsTtl = parseNumber(v, src, 'dns_ttl', 'seconds', 0, 86_400, true);
    },
  },
  {
    name: 'dns_zone',
    key: 'dnsZone',
    value: 'ZONE',
    description: "pdns: answer this zone's apex SOA and NS too, so that launch=pipe alone serves it",
    apply: (s, v, src) => {
      s.dnsZone = parseDnsName(v, src, 'dns_zone');
    },
  },
  flag('debug', 'log the route server dialogue on stderr (password masked)'),
  flag('verbose', 'explain each answer on stderr'),
];

const BY_NAME = new Map(DIRECTIVES.map((d) => [d.name, d]));

/** `route-server` and `route_server` are one directive: the original used underscores. */
export function findDirective(name: string): DirectiveSpec | undefined {
  return BY_NAME.get(name.replace(/-/g, '_'));
}
