import { waitFor } from './wait.js';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './frr-testbed.js';

/**
 * A real Apache httpd (Debian's apache2) on 127.0.0.1 and [::1] at a free port, with its own
 * ServerRoot, including the project's shipped snippet. Daemonised by apache2 itself (its own
 * session) and stopped by the PID in its PidFile.
 */
export const APACHE2 = process.env.SUPERSPARROW_APACHE2 ?? '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';

export interface ApacheOptions {
  /** `Define NAME value` lines placed before the snippet. */
  readonly defines: Readonly<Record<string, string>>;
  /** Path of the shipped snippet to Include. */
  readonly snippet: string;
  /** Extra config after the snippet (test-only rules). */
  readonly extra?: string;
  readonly mpm?: 'event' | 'prefork';
  /** Trust X-Forwarded-For from loopback (mod_remoteip), so tests can play any client. */
  readonly remoteIp?: boolean;
  /** The main server's ServerName; with a scheme (`https://…`) it sets %{REQUEST_SCHEME}, as behind a TLS proxy. */
  readonly serverName?: string;
}

export interface Apache {
  readonly dir: string;
  readonly port: number;
  pid(): number;
  errorLog(): string;
  /** PIDs of the map programs Apache started (children of the parent running node). */
  mapPids(): number[];
  signal(signal: NodeJS.Signals): void;
  /** Waits until a map program other than `not` runs and the server answers. */
  waitForMap(not?: readonly number[], timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

export interface HttpResult {
  status: number;
  location: string | undefined;
  ms: number;
  body: string;
}

export function requireApache(): void {
  if (!existsSync(APACHE2))
    throw new Error(`${APACHE2} is missing: these tests need a real Apache. Install it with: apt-get install -y apache2 apache2-utils`);
}

export function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  host = '127.0.0.1',
  timeoutMs = 5000,
  method = 'GET',
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      { host, port, path, method, headers: { Host: 'www.example.net', ...headers }, agent: false, timeout: timeoutMs },
      (res) => {
        let body = '';
        res.setEncoding('latin1');
        res.on('data', (d: string) => {
          body += d;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, ms: performance.now() - started, body }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** A request written byte for byte, for header values an HTTP client library refuses to send. */
export function rawGet(port: number, path: string, headerLines: Buffer, timeoutMs = 5000, host = 'keys.example.net'): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = createConnection({ host: '127.0.0.1', port });
    let response = '';
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`GET ${path} timed out`)));
    socket.on('error', reject);
    socket.on('data', (d: Buffer) => {
      response += d.toString('latin1');
    });
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.\d (\d{3})/.exec(response)?.[1] ?? 0);
      const location = /\r\nLocation: ([^\r]*)\r\n/i.exec(response)?.[1];
      resolve({ status, location, ms: performance.now() - started, body: response.slice(response.indexOf('\r\n\r\n') + 4) });
    });
    socket.end(Buffer.concat([Buffer.from(`GET ${path} HTTP/1.0\r\nHost: ${host}\r\n`), headerLines, Buffer.from('\r\n')]));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}

/** The one wait of the tests (helpers/wait.ts), polled every 25 ms. */
export function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  return waitFor(what, check, timeoutMs, 25);
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return out;
}

export async function startApache(options: ApacheOptions): Promise<Apache> {
  requireApache();
  const dir = mkdtempSync(join(tmpdir(), 'ss-apache-'));
  for (const d of ['logs', 'run', 'htdocs', 'htdocs/images']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'htdocs/index.html'), 'served here\n');
  writeFileSync(join(dir, 'htdocs/images/logo.png'), 'png\n');
  chmodSync(dir, 0o755);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const mpm = options.mpm ?? 'event';
  const conf = `ServerRoot "${dir}"
DefaultRuntimeDir "${dir}/run"
PidFile "${dir}/run/httpd.pid"
ServerName ${options.serverName ?? '127.0.0.1'}
Listen 127.0.0.1:${port}
Listen [::1]:${port}
LoadModule mpm_${mpm}_module ${MODULES}/mod_mpm_${mpm}.so
LoadModule authz_core_module ${MODULES}/mod_authz_core.so
LoadModule rewrite_module ${MODULES}/mod_rewrite.so
${mpm === 'event' ? 'StartServers 2\nServerLimit 4\nThreadsPerChild 8\nMaxRequestWorkers 32' : 'StartServers 2\nMaxRequestWorkers 16'}
${options.remoteIp ? `LoadModule remoteip_module ${MODULES}/mod_remoteip.so\nRemoteIPHeader X-Forwarded-For\nRemoteIPInternalProxy 127.0.0.1 ::1` : ''}
${root ? 'User www-data\nGroup www-data' : ''}
ErrorLog "${dir}/logs/error.log"
LogLevel warn
LogFormat "%h \\"%r\\" %>s loc=\\"%{Location}o\\" %Dus" short
CustomLog "${dir}/logs/access.log" short
KeepAlive Off
DocumentRoot "${dir}/htdocs"
<Directory />
  Require all denied
</Directory>
<Directory "${dir}/htdocs">
  Require all granted
</Directory>
${Object.entries(options.defines)
  .map(([k, v]) => `Define ${k} ${v}`)
  .join('\n')}
Include "${options.snippet}"
${options.extra ?? ''}
`;
  writeFileSync(join(dir, 'httpd.conf'), conf);
  const pidFile = join(dir, 'run/httpd.pid');
  const readPid = (): number => {
    try {
      return Number(readFileSync(pidFile, 'utf8').trim());
    } catch {
      return 0;
    }
  };
  execFileSync(APACHE2, ['-f', join(dir, 'httpd.conf'), '-k', 'start'], {
    stdio: 'pipe',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });

  const apache: Apache = {
    dir,
    port,
    pid: readPid,
    errorLog: () => {
      try {
        return readFileSync(join(dir, 'logs/error.log'), 'utf8');
      } catch {
        return '';
      }
    },
    mapPids: () => {
      const pid = readPid();
      return pid
        ? childrenOf(pid).filter((c) => {
            try {
              return readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('supersparrow.cjs');
            } catch {
              return false;
            }
          })
        : [];
    },
    signal: (signal) => process.kill(readPid(), signal),
    waitForMap: async (not = [], timeoutMs = 5000) => {
      let found = 0;
      await waitUntil(
        'map program started',
        () => {
          found = apache.mapPids().find((p) => !not.includes(p)) ?? 0;
          return found !== 0;
        },
        timeoutMs,
      );
      return found;
    },
    stop: async () => {
      const pid = readPid();
      if (pid && alive(pid)) {
        process.kill(pid, 'SIGTERM');
        await waitUntil('apache stopped', () => !alive(pid), 15_000).catch(() => {
          if (alive(pid)) process.kill(pid, 'SIGKILL');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitUntil(
      'apache answering',
      async () => {
        if (!readPid()) return false;
        try {
          await get(port, '/index.html', { Host: 'localhost' }, '127.0.0.1', 500);
          return true;
        } catch {
          return false;
        }
      },
      10_000,
    );
  } catch (e) {
    const log = apache.errorLog();
    await apache.stop();
    throw new Error(`${(e as Error).message}\n${log}`);
  }
  return apache;
}

export function isProcessAlive(pid: number): boolean {
  return alive(pid);
}
