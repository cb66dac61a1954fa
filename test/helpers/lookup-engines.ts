import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { freePort, stopChild, waitFor } from './frr-testbed.js';
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
  /** The engine's answer for an address (sent as it is: both engines read the raw query text). */
  answer(address: string): Promise<string>;
  stop(): Promise<void>;
}

function require(binary: string, pkg: string): void {
  if (!existsSync(binary))
    throw new Error(`${binary} is missing: these tests need a real ${pkg}. Install it with: apt-get install -y ${pkg}`);
}

async function started(child: ChildProcess, port: number, what: string, log: () => string): Promise<LookupEngine> {
  const engine: LookupEngine = {
    port,
    answer: async (address) => (await get(port, `/?ip=${address}`)).body.replace(/\n$/, ''),
    stop: () => stopChild(child),
  };
  try {
    await waitFor(
      what,
      async () => {
        if (child.exitCode !== null) throw new Error(`${what} exited: ${log()}`);
        return engine.answer('127.0.0.1').then(
          () => true,
          () => false,
        );
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
export function startNginxGeo(dir: string, geoFile: string | undefined): Promise<LookupEngine> {
  return startNginx(
    dir,
    (port) => `${geoFile ? `geo $arg_ip $pop { include ${geoFile}; }` : ''}
  server {
    listen 127.0.0.1:${port};
    location / { default_type text/plain; return 200 "${geoFile ? '$pop' : 'none'}\\n"; }
  }`,
  );
}

/** nginx in the foreground with `http` holding what `httpBlock(port)` gives, checked with nginx -t first. */
export async function startNginx(dir: string, httpBlock: (port: number) => string): Promise<LookupEngine> {
  require(NGINX, 'nginx');
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
master_process off;
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
${httpBlock(port)}
}
`,
  );
  execFileSync(NGINX, ['-t', '-q', '-c', conf, '-p', dir, '-e', join(dir, 'nginx-error.log')], { stdio: 'pipe' });
  let output = '';
  const child = spawn(NGINX, ['-c', conf, '-p', dir, '-e', join(dir, 'nginx-error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  return started(child, port, 'nginx', () => output);
}

/** HAProxy answering `%[url_param(ip),map_ip(FILE,DEFAULT)]`. */
export function startHaproxyMap(dir: string, mapFile: string, fallback: string): Promise<LookupEngine> {
  return startHaproxy(
    dir,
    (port) => `frontend lookups
  bind 127.0.0.1:${port}
  http-request return status 200 content-type text/plain lf-string "%[url_param(ip),map_ip(${mapFile},${fallback})]\\n"
`,
  );
}

/** HAProxy in the foreground with `sections(port)` after its defaults, checked with haproxy -c first. */
export async function startHaproxy(dir: string, sections: (port: number) => string): Promise<LookupEngine> {
  require(HAPROXY, 'haproxy');
  const port = await freePort();
  const conf = join(dir, 'haproxy.cfg');
  writeFileSync(
    conf,
    `defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
${sections(port)}`,
  );
  execFileSync(HAPROXY, ['-c', '-q', '-f', conf], { stdio: 'pipe' });
  let output = '';
  const child = spawn(HAPROXY, ['-db', '-f', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  return started(child, port, 'haproxy', () => output);
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
  execFileSync(GDNSD, ['-c', dir, 'checkconf'], { stdio: 'pipe' });
  let output = '';
  const child = spawn(GDNSD, ['-c', dir, 'start'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const engine: LookupEngine = {
    port,
    answer: async (address) => {
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
    },
    stop: () => stopChild(child),
  };
  try {
    await waitFor(
      'gdnsd',
      async () => {
        if (child.exitCode !== null) throw new Error(`gdnsd exited: ${output}`);
        return (await engine.answer('127.0.0.1')).startsWith('unknown') === false;
      },
      10_000,
    );
  } catch (e) {
    await engine.stop();
    throw e;
  }
  return engine;
}
