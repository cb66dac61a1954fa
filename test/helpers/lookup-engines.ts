import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { freePort, stopChild } from './frr-testbed.js';
import { waitFor } from './wait.js';
import { get } from './apache.js';

const execFileAsync = promisify(execFile);

/**
 * Real nginx and HAProxy on 127.0.0.1 at a free port, each answering `GET /?ip=ADDRESS` with the
 * value its own lookup gives for ADDRESS from an exported file: nginx's `geo`, HAProxy's `map_ip`.
 * Run in the foreground as children, stopped by PID.
 */
export const NGINX = process.env.SUPERSPARROW_NGINX ?? '/usr/sbin/nginx';
export const HAPROXY = process.env.SUPERSPARROW_HAPROXY ?? '/usr/sbin/haproxy';

export interface LookupEngine {
  readonly port: number;
  /** The process answering, where the engine runs as one. */
  readonly pid?: number;
  /** The engine's answer for an address (sent as it is: both engines read the raw query text). */
  answer(address: string): Promise<string>;
  /** What the engine wrote to its stdout so far (HAProxy's `log stdout`). */
  stdout?(): string;
  stop(): Promise<void>;
}

function require(binary: string, pkg: string): void {
  if (!existsSync(binary))
    throw new Error(`${binary} is missing: these tests need a real ${pkg}. Install it with: apt-get install -y ${pkg}`);
}

/** The engine's answer over HTTP, `GET /?ip=ADDRESS`, its trailing newline removed. */
function httpAnswer(port: number): (address: string) => Promise<string> {
  return async (address) => (await get(port, `/?ip=${address}`)).body.replace(/\n$/, '');
}

/**
 * Runs an engine in the foreground once `checkArgs` (its own config check) pass, and settles when it
 * answers; an answer `ready` refuses (or one that fails) means not yet. Stopped by PID on failure.
 */
async function runEngine(
  what: string,
  binary: string,
  checkArgs: readonly string[],
  runArgs: readonly string[],
  port: number,
  answer: (address: string) => Promise<string>,
  ready: (answer: string) => boolean = () => true,
): Promise<LookupEngine> {
  execFileSync(binary, checkArgs, { stdio: 'pipe' });
  let output = '';
  const child = spawn(binary, runArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  let written = '';
  child.stdout?.on('data', (d: Buffer) => {
    if (written.length < 1 << 20) written += d.toString();
  });
  const engine: LookupEngine = { port, pid: child.pid, answer, stdout: () => written, stop: () => stopChild(child) };
  try {
    await waitFor(
      what,
      async () => {
        if (child.exitCode !== null) throw new Error(`${what} exited: ${output}`);
        return answer('127.0.0.1').then(ready, () => false);
      },
      10_000,
    );
  } catch (e) {
    await engine.stop();
    throw e;
  }
  return engine;
}

/** nginx with `geo $arg_ip $pop { include FILE; }`: the file is the export as written; no file, no map (a baseline). */
export function startNginxGeo(dir: string, geoFile: string | undefined, options: NginxOptions = {}): Promise<LookupEngine> {
  return startNginx(
    dir,
    (port) => `${geoFile ? `geo $arg_ip $pop { include ${geoFile}; }` : ''}
  server {
    listen 127.0.0.1:${port};
    location / { default_type text/plain; return 200 "${geoFile ? '$pop' : 'none'}\\n"; }
  }`,
    options,
  );
}

export interface NginxOptions {
  /** A master process, as nginx runs in production: needed for `nginx -s reload` to work. */
  readonly master?: boolean;
  /** Dynamic modules to load (their .so files), each checked to be there first. */
  readonly modules?: ReadonlyArray<{ readonly file: string; readonly pkg: string }>;
}

/** nginx's geoip2 module as Debian 12 installs it. */
export const NGINX_GEOIP2 = { file: '/usr/lib/nginx/modules/ngx_http_geoip2_module.so', pkg: 'libnginx-mod-http-geoip2' };

/** `dir/nginx.conf` for nginx in the foreground, one worker, everything in `dir`, `http` holding `httpBlock`; its path. */
export function writeNginxConf(dir: string, httpBlock: string, options: NginxOptions = {}): string {
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `${(options.modules ?? []).map((m) => `load_module ${m.file};\n`).join('')}daemon off;
master_process ${options.master ? 'on' : 'off'};
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${httpBlock}
}
`,
  );
  return conf;
}

/** nginx in the foreground with `http` holding what `httpBlock(port)` gives, checked with nginx -t first. */
export async function startNginx(dir: string, httpBlock: (port: number) => string, options: NginxOptions = {}): Promise<LookupEngine> {
  require(NGINX, 'nginx');
  for (const module of options.modules ?? []) require(module.file, module.pkg);
  const port = await freePort();
  const conf = writeNginxConf(dir, httpBlock(port), options);
  const errors = ['-e', join(dir, 'nginx-error.log')];
  return runEngine(
    'nginx',
    NGINX,
    ['-t', '-q', '-c', conf, '-p', dir, ...errors],
    ['-c', conf, '-p', dir, ...errors],
    port,
    httpAnswer(port),
  );
}

/** HAProxy answering `%[url_param(ip),map_ip(FILE,DEFAULT)]`; with `adminSocket`, its runtime API there. */
export function startHaproxyMap(dir: string, mapFile: string, fallback: string, adminSocket?: string): Promise<LookupEngine> {
  return startHaproxyLookup(dir, `url_param(ip),map_ip(${mapFile},${fallback})`, adminSocket);
}

/** A class export's three files: the routes' classes, the plan's classes (looked up first), the classes' answers. */
export interface ClassFiles {
  readonly classes: string;
  readonly plan: string;
  readonly answers: string;
}

/** HAProxy answering `GET /?ip=ADDRESS` from a class export's three maps, chained as export/haproxy-supersparrow.cfg chains them. */
export function startHaproxyClasses(dir: string, files: ClassFiles, fallback: string, adminSocket?: string): Promise<LookupEngine> {
  return startHaproxyLookup(dir, `var(txn.ss_class),map_str(${files.answers},${fallback})`, adminSocket, [
    `http-request set-var(txn.ss_class) url_param(ip),map_ip(${files.plan})`,
    `http-request set-var(txn.ss_class) url_param(ip),map_ip(${files.classes},self) unless { var(txn.ss_class) -m found }`,
  ]);
}

/** HAProxy answering `GET /?ip=ADDRESS` with `%[EXPRESSION]` after `rules`; with `adminSocket`, its runtime API there. */
function startHaproxyLookup(
  dir: string,
  expression: string,
  adminSocket: string | undefined,
  rules: readonly string[] = [],
): Promise<LookupEngine> {
  return startHaproxy(
    dir,
    (port) => `frontend lookups
  bind 127.0.0.1:${port}
${rules.map((r) => `  ${r}\n`).join('')}  http-request return status 200 content-type text/plain lf-string "%[${expression}]\\n"
`,
    adminSocket === undefined ? [] : [`stats socket ${adminSocket} mode 600 level admin`],
  );
}

/** nginx answering `GET /?ip=ADDRESS` from a class export's three files, chained as export/nginx-supersparrow.conf chains them. */
export function startNginxClasses(dir: string, files: ClassFiles, options: NginxOptions = {}): Promise<LookupEngine> {
  return startNginx(
    dir,
    (port) => `geo $arg_ip $ss_routed { include ${files.classes}; }
  geo $arg_ip $ss_planned { include ${files.plan}; }
  map $ss_planned $ss_class { "" $ss_routed; default $ss_planned; }
  map $ss_class $pop { include ${files.answers}; }
  server {
    listen 127.0.0.1:${port};
    location / { default_type text/plain; return 200 "$pop\\n"; }
  }`,
    options,
  );
}

/** HAProxy in the foreground with `sections(port)` after its defaults (and `global` lines before), checked with haproxy -c first. */
export async function startHaproxy(dir: string, sections: (port: number) => string, global: readonly string[] = []): Promise<LookupEngine> {
  require(HAPROXY, 'haproxy');
  const port = await freePort();
  const conf = join(dir, 'haproxy.cfg');
  writeFileSync(
    conf,
    `${global.length > 0 ? `global\n${global.map((l) => `  ${l}\n`).join('')}` : ''}defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
${sections(port)}`,
  );
  return runEngine('haproxy', HAPROXY, ['-c', '-q', '-f', conf], ['-db', '-f', conf], port, httpAnswer(port));
}

export const GDNSD = process.env.SUPERSPARROW_GDNSD ?? '/usr/sbin/gdnsd';
const DIG = process.env.SUPERSPARROW_DIG ?? '/usr/bin/dig';

/**
 * gdnsd (its geoip plugin with no GeoIP database, only the exported `nets` file) serving
 * `www.example.net` as `DYNA geoip!www`, each POP a datacenter with one address. `answer` asks with an
 * EDNS Client Subnet of the address (as a resolver would) and gives back the datacenter's name.
 */
export async function startGdnsd(dir: string, netsFile: string, datacenters: readonly string[]): Promise<LookupEngine> {
  require(GDNSD, 'gdnsd');
  require(DIG, 'bind9-dnsutils');
  const port = await freePort();
  const addressOf = new Map(datacenters.map((dc, i) => [dc, `192.0.2.${10 + i}`]));
  const dcOf = new Map([...addressOf].map(([dc, a]) => [a, dc]));
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(dir, 'zones'), { recursive: true });
  writeFileSync(
    join(dir, 'config'),
    `options => {
  listen => [ 127.0.0.1:${port} ]
  run_dir => ${dir}/run
  state_dir => ${dir}/state
}
plugins => {
  geoip => {
    maps => {
      pops => {
        datacenters => [ ${datacenters.map((d) => `"${d}"`).join(', ')} ]
        nets => ${netsFile}
      }
    }
    resources => {
      www => {
        map => pops
        dcmap => {
${[...addressOf].map(([dc, a]) => `          "${dc}" => ${a}`).join('\n')}
        }
      }
    }
  }
}
`,
  );
  writeFileSync(
    join(dir, 'zones', 'example.net'),
    '@ 900 SOA ns1 hostmaster 1 7200 1800 259200 900\n@ NS ns1\n@ NS ns2\nns1 A 192.0.2.1\nns2 A 192.0.2.2\nwww 30 DYNA geoip!www\n',
  );
  const answer = async (address: string): Promise<string> => {
    const { stdout } = await execFileAsync(DIG, [
      '+short',
      '+tries=1',
      '+time=2',
      `+subnet=${address}/${address.includes(':') ? 128 : 32}`,
      '-p',
      String(port),
      '@127.0.0.1',
      'www.example.net',
      'A',
    ]);
    const a = stdout.trim();
    return dcOf.get(a) ?? `unknown answer "${a}"`;
  };
  // Until the zone is loaded gdnsd answers nothing a datacenter owns.
  return runEngine('gdnsd', GDNSD, ['-c', dir, 'checkconf'], ['-c', dir, 'start'], port, answer, (a) => !a.startsWith('unknown'));
}
