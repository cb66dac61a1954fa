import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, launchDaemon, stopChild } from './frr-testbed.js';
import { waitFor } from './wait.js';

export const PDNS_SERVER = process.env.SUPERSPARROW_PDNS ?? '/usr/sbin/pdns_server';
export const DIG = process.env.SUPERSPARROW_DIG ?? '/usr/bin/dig';
// The benchmark runs this helper compiled under .bench/: the CLI is the package's own either way.
const CLI = fileURLToPath(new URL('../../dist/supersparrow.cjs', import.meta.url)).replace('/.bench/dist/', '/dist/');
const execFileAsync = promisify(execFile);

const GEOIP_BACKEND = '/usr/lib/x86_64-linux-gnu/pdns/libgeoipbackend.so';

export function requirePdns(): void {
  if (!existsSync(PDNS_SERVER) || !existsSync('/usr/lib/x86_64-linux-gnu/pdns/libpipebackend.so')) {
    throw new Error(
      `${PDNS_SERVER} or its pipe backend is missing: install them with: apt-get install -y pdns-server pdns-backend-pipe pdns-backend-bind`,
    );
  }
  if (!existsSync(DIG)) throw new Error(`${DIG} is missing: install it with: apt-get install -y bind9-dnsutils`);
}

export interface Pdns {
  readonly dir: string;
  readonly port: number;
  readonly pid: number;
  log(): string;
  stop(): Promise<void>;
}

/**
 * A real pdns_server on 127.0.0.1 and ::1 at a free port, launch=pipe with supersparrow as the
 * co-process (ABI 3, ECS on, pdns's default caches unless told), stopped by its PID.
 */
export async function startPdns(
  config: string,
  options: {
    launch?: string;
    pipeCommand?: string;
    extra?: readonly string[];
    /**
     * The installed system's own /etc/powerdns/pdns.conf and pdns.d/ (paths under /etc/powerdns/ moved
     * to `etcPowerdns`), with `lines` written as `file` under it, as an operator installs them: nothing
     * of the helper's but where pdns listens and runs.
     */
    systemConfigWith?: { readonly etcPowerdns: string; readonly file: string; readonly lines: readonly string[] };
  } = {},
): Promise<Pdns> {
  const launch = options.launch ?? 'pipe';
  const pipe = launch.split(',').includes('pipe');
  requirePdns();
  if ([launch, ...(options.systemConfigWith?.lines ?? [])].some((l) => /geoip/.test(l)) && !existsSync(GEOIP_BACKEND))
    throw new Error(`${GEOIP_BACKEND} is missing: install PowerDNS's geoip backend with: apt-get install -y pdns-backend-geoip`);
  const dir = mkdtempSync(join(tmpdir(), 'ss-pdns-'));
  const port = await freePort();
  const plumbing = [
    'local-address=127.0.0.1, ::1',
    `local-port=${port}`,
    'daemon=no',
    'guardian=no',
    'disable-syslog=yes',
    'loglevel=4',
    `socket-dir=${dir}`,
    'webserver=no',
    'api=no',
  ];
  if (options.systemConfigWith) {
    const { etcPowerdns, file, lines } = options.systemConfigWith;
    const moved = (text: string): string => text.replaceAll('/etc/powerdns/', `${etcPowerdns.replace(/\/$/, '')}/`);
    mkdirSync(join(etcPowerdns, 'pdns.d'), { recursive: true });
    for (const name of readdirSync('/etc/powerdns/pdns.d'))
      writeFileSync(join(etcPowerdns, 'pdns.d', name), moved(readFileSync(join('/etc/powerdns/pdns.d', name), 'utf8')));
    writeFileSync(join(etcPowerdns, file), `${lines.join('\n')}\n`);
    const system = moved(readFileSync('/etc/powerdns/pdns.conf', 'utf8'));
    writeFileSync(join(dir, 'pdns.conf'), [system, ...plumbing, ''].join('\n'));
  } else
    writeFileSync(
      join(dir, 'pdns.conf'),
      [
        ...plumbing,
        'security-poll-suffix=',
        `launch=${launch}`,
        ...(pipe
          ? [
              `pipe-command=${options.pipeCommand ?? `${process.execPath} ${CLI} --config ${config} --pdns`}`,
              'pipe-abi-version=3',
              'pipe-timeout=2000',
            ]
          : []),
        'edns-subnet-processing=yes',
        'receiver-threads=1',
        'distributor-threads=1',
        'zone-cache-refresh-interval=0',
        ...(options.extra ?? []),
        '',
      ].join('\n'),
    );
  const child: ChildProcess = launchDaemon(dir, PDNS_SERVER, [`--config-dir=${dir}`], {}, 'pdns.log');
  const pdns: Pdns = {
    dir,
    port,
    pid: child.pid!,
    log: () => readFileSync(join(dir, 'pdns.log'), 'utf8'),
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitFor(
      'pdns to answer',
      async () => (await dig(pdns, 'example.net', 'SOA').catch(() => undefined))?.status === 'NOERROR',
      10_000,
    );
  } catch (e) {
    const log = pdns.log().slice(-2000);
    await pdns.stop();
    throw new Error(`${(e as Error).message}; pdns log:\n${log}`);
  }
  return pdns;
}

export interface DigResult {
  readonly status: string;
  readonly answers: ReadonlyArray<{ readonly type: string; readonly ttl: number; readonly data: string }>;
  /** The reply's CLIENT-SUBNET scope, when it carried one. */
  readonly scope: number | undefined;
  readonly ms: number;
}

export async function dig(pdns: Pdns, name: string, type: string, subnet?: string): Promise<DigResult> {
  const started = performance.now();
  const { stdout } = await execFileAsync(DIG, [
    `@127.0.0.1`,
    '-p',
    String(pdns.port),
    name,
    type,
    '+tries=1',
    '+time=3',
    ...(subnet ? [`+subnet=${subnet}`] : []),
  ]);
  const answerSection = /;; ANSWER SECTION:\n([\s\S]*?)(?:\n\n|$)/.exec(stdout)?.[1] ?? '';
  const answers = [...answerSection.matchAll(/^(\S+)\s+(\d+)\s+IN\s+(\S+)\s+(.+)$/gm)].map((m) => ({
    type: m[3]!,
    ttl: Number(m[2]),
    data: m[4]!.trim(),
  }));
  return {
    status: /status: (\w+)/.exec(stdout)?.[1] ?? 'none',
    answers,
    scope:
      /CLIENT-SUBNET: \S+\/\d+\/(\d+)/.exec(stdout)?.[1] === undefined
        ? undefined
        : Number(/CLIENT-SUBNET: \S+\/\d+\/(\d+)/.exec(stdout)![1]),
    ms: performance.now() - started,
  };
}
