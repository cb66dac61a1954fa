import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { waitFor } from './wait.js';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real route server on loopback: FRR bgpd (POP X, AS 64700) fed by one ExaBGP process holding two
 * eBGP sessions, from 127.0.0.2 (upstream Network A, AS 64600) and 127.0.0.3 (POP Y, AS 64702).
 * Both run in the foreground as children of the test process and are stopped by PID.
 */

export const BGPD = process.env.SUPERSPARROW_BGPD ?? '/usr/lib/frr/bgpd';
export const EXABGP = process.env.SUPERSPARROW_EXABGP ?? '/usr/sbin/exabgp';
export const VTYSH = process.env.SUPERSPARROW_VTYSH ?? '/usr/bin/vtysh';
export const VTY_PASSWORD = 'frub';
export const VTY_HOSTNAME = 'jasmine';

export interface FrrTestbedOptions {
  /** FRR `exec-timeout MIN SEC` for idle vty sessions. */
  readonly execTimeout?: string;
  /** More IPv4 routes, [prefix, AS path], from the upstream (AS 64600) and from POP Y (AS 64702). */
  readonly extraRoutes?: {
    readonly upstream: readonly (readonly [string, string])[];
    readonly popY: readonly (readonly [string, string])[];
  };
  /** A whole bgpd.conf in place of the test bed's own (a shipped guide's): its neighbours must be the feeders, 127.0.0.2 (AS 64600) and 127.0.0.3 (AS 64702). */
  readonly bgpdConf?: string;
}

export interface FrrTestbed {
  readonly dir: string;
  readonly vtyPort: number;
  readonly bgpPort: number;
  bgpdPid(): number;
  /** SIGSTOP / SIGCONT bgpd: it keeps its sockets, so connections hang rather than fail. */
  pause(): void;
  resume(): void;
  stopBgpd(): Promise<void>;
  startBgpd(): Promise<void>;
  /** Stops both daemons and starts them again on the same ports, waiting for the routes. */
  restart(): Promise<void>;
  /** Has bgpd write its RIB as an MRT TABLE_DUMP_V2 file (`dump bgp routes-mrt`), through vtysh. */
  dumpMrt(file: string): Promise<void>;
  /** `neighbor N shutdown` (or its undoing) through vtysh, as an operator takes a session down. */
  shutNeighbor(neighbor: string, shut: boolean): void;
  /** Settles once bgpd shows the session with `neighbor` Established, bounded. */
  waitEstablished(neighbor: string, limitMs: number): Promise<void>;
  stop(): Promise<void>;
}

const UPSTREAM_ROUTES = [
  ['192.168.193.0/24', '64600 64601 64602'],
  ['192.168.192.0/24', '64600'],
  ['192.168.198.0/23', '64600 64601'],
  ['10.0.0.0/8', '64600 64601 64603'],
  ['172.16.0.0/12', '64600 64702 64604'],
  ['100.64.0.0/10', '64600 ( 64610 64611 )'],
  ['192.0.2.0/24', '64600 4200000001'],
] as const;
const POP_Y_ROUTES = [
  ['192.168.193.0/24', '64702 64602'],
  ['10.1.0.0/16', '64702 64701 64605'],
  ['198.51.100.0/24', '64702'],
] as const;
const UPSTREAM_V6 = [
  ['2001:db8:193::/48', '64600 64601 64602'],
  ['2001:db8:192::/48', '64600'],
] as const;
const POP_Y_V6 = [['2001:db8:193::/48', '64702 64602']] as const;

function bgpdConf(execTimeout: string): string {
  return `frr defaults traditional
hostname ${VTY_HOSTNAME}
password ${VTY_PASSWORD}
enable password ${VTY_PASSWORD}-enable
router bgp 64700
 bgp router-id 127.0.0.1
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor 127.0.0.2 remote-as 64600
 neighbor 127.0.0.2 passive
 neighbor 127.0.0.2 disable-connected-check
 neighbor 127.0.0.3 remote-as 64702
 neighbor 127.0.0.3 passive
 neighbor 127.0.0.3 ebgp-multihop 255
 address-family ipv4 unicast
  network 198.18.0.0/24
  neighbor 127.0.0.2 activate
  neighbor 127.0.0.2 route-map NONE out
  neighbor 127.0.0.3 activate
  neighbor 127.0.0.3 route-map NONE out
 exit-address-family
 address-family ipv6 unicast
  network 2001:db8:700::/48
  neighbor 127.0.0.2 activate
  neighbor 127.0.0.2 route-map NONE out
  neighbor 127.0.0.3 activate
  neighbor 127.0.0.3 route-map NONE out
 exit-address-family
exit
route-map NONE deny 10
exit
line vty
 exec-timeout ${execTimeout}
exit
`;
}

/** The two feeding speakers of the testbed, for any route server listening on 127.0.0.1:`bgpPort`. */
export function exabgpFeederConfig(bgpPort: number, extra: FrrTestbedOptions['extraRoutes'] = { upstream: [], popY: [] }): string {
  return (
    exabgpNeighbor('127.0.0.2', 64600, bgpPort, [...UPSTREAM_ROUTES, ...extra.upstream], UPSTREAM_V6) +
    exabgpNeighbor('127.0.0.3', 64702, bgpPort, [...POP_Y_ROUTES, ...extra.popY], POP_Y_V6)
  );
}

function exabgpNeighbor(
  from: string,
  asn: number,
  bgpPort: number,
  v4: readonly (readonly [string, string])[],
  v6: readonly (readonly [string, string])[],
): string {
  // 127/8 next hops are Martian to FRR: use documentation addresses as plain attribute data.
  const nh4 = from === '127.0.0.2' ? '192.168.192.12' : '192.168.193.11';
  const nh6 = from === '127.0.0.2' ? '2001:db8:192::12' : '2001:db8:193::11';
  const routes = [
    ...v4.map(([p, path]) => `    route ${p} next-hop ${nh4} as-path [ ${path} ];`),
    ...v6.map(([p, path]) => `    route ${p} next-hop ${nh6} as-path [ ${path} ];`),
  ].join('\n');
  return `neighbor 127.0.0.1 {
  router-id ${from};
  local-address ${from};
  local-as ${asn};
  peer-as 64700;
  connect ${bgpPort};
  hold-time 180;
  family { ipv4 unicast; ipv6 unicast; }
  static {
${routes}
  }
}
`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A minimal vty client of the harness's own, independent of the code under test. */
export function queryVty(port: number, commands: readonly string[], timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let buffer = '';
    let step = 0;
    const replies: string[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`vty on port ${port} did not answer`));
    }, timeoutMs);
    socket.setEncoding('latin1');
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (step === 0 && /Password: $/.test(buffer)) {
        buffer = '';
        step = 1;
        socket.write(`${VTY_PASSWORD}\n`);
        return;
      }
      // Any host name: a shipped bgpd.conf names its own.
      if (step >= 1 && /\n[\w.-]+> $/.test(buffer)) {
        if (step > 1) replies.push(buffer);
        buffer = '';
        const next = commands[step - 1];
        step++;
        if (next === undefined) {
          clearTimeout(timer);
          socket.destroy();
          resolve(replies.join(''));
          return;
        }
        socket.write(`${next}\n`);
      }
    });
  });
}

export function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    process.kill(child.pid!, 'SIGCONT');
    process.kill(child.pid!, 'SIGTERM');
  });
}

export const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of running)
    if (c.pid !== undefined && c.exitCode === null)
      try {
        process.kill(c.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
});

/** Runs a daemon in the foreground as a child, its output in `dir/log`, killed if the tests die. */
export function launchDaemon(dir: string, command: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = openSync(join(dir, log), 'a');
  const child = spawn(command, args, { stdio: ['ignore', out, out], env });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** A real ExaBGP feeding routes from `dir/exabgp.conf`, in the foreground, its log in `dir`. */
/** bgpd in the foreground with `dir/bgpd.conf`, its vty on 127.0.0.1:`vtyPort` and `dir`, BGP on 127.0.0.1:`bgpPort`. */
export function launchBgpd(dir: string, vtyPort: number, bgpPort: number): ChildProcess {
  return launchDaemon(
    dir,
    BGPD,
    [
      '-Z',
      '-n',
      '-S',
      '-f',
      join(dir, 'bgpd.conf'),
      '-i',
      join(dir, 'bgpd.pid'),
      '--vty_socket',
      dir,
      '-A',
      '127.0.0.1',
      '-P',
      String(vtyPort),
      '-l',
      '127.0.0.1',
      '-p',
      String(bgpPort),
      '--log',
      `file:${join(dir, 'bgpd.log')}`,
    ],
    { PATH: process.env.PATH },
    'bgpd.out',
  );
}

export function launchExabgp(dir: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  return launchDaemon(
    dir,
    EXABGP,
    [join(dir, 'exabgp.conf')],
    {
      PATH: process.env.PATH,
      exabgp_daemon_daemonize: 'false',
      exabgp_daemon_user: 'root',
      exabgp_api_cli: 'false',
      exabgp_log_destination: join(dir, 'exabgp.log'),
      ...env,
    },
    'exabgp.out',
  );
}

export function requireFrr(): void {
  for (const binary of [BGPD, EXABGP]) {
    if (!existsSync(binary))
      throw new Error(`${binary} is missing: these tests need a real route server. Install it with: apt-get install -y frr exabgp`);
  }
}

export async function startFrrTestbed(options: FrrTestbedOptions = {}): Promise<FrrTestbed> {
  requireFrr();
  const dir = mkdtempSync(join(tmpdir(), 'ss-frr-'));
  const vtyPort = await freePort();
  const bgpPort = await freePort();
  writeFileSync(join(dir, 'bgpd.conf'), options.bgpdConf ?? bgpdConf(options.execTimeout ?? '10 0'), { mode: 0o600 });
  writeFileSync(join(dir, 'exabgp.conf'), exabgpFeederConfig(bgpPort, options.extraRoutes));
  const extraPrefixes = [...new Set([...(options.extraRoutes?.upstream ?? []), ...(options.extraRoutes?.popY ?? [])].map(([p]) => p))];
  /** Prefixes both speakers announce: each must show both paths. */
  const twoPaths =
    2 +
    extraPrefixes.filter((p) => options.extraRoutes!.upstream.some(([u]) => u === p) && options.extraRoutes!.popY.some(([y]) => y === p))
      .length;
  let bgpd: ChildProcess | undefined;
  let exabgp: ChildProcess | undefined;

  const startBgpd = async (): Promise<void> => {
    bgpd = launchBgpd(dir, vtyPort, bgpPort);
    await waitFor('bgpd vty', async () => (await queryVty(vtyPort, [], 500)) === '', 10_000);
  };
  const startExabgp = (): void => {
    exabgp = launchExabgp(dir, { exabgp_tcp_bind: '' });
  };
  const waitForRoutes = (): Promise<void> =>
    waitFor(
      'BGP routes',
      async () => {
        const out = await queryVty(vtyPort, [
          'show ip bgp 192.168.193.15',
          'show bgp ipv6 2001:db8:193::1',
          'show ip bgp 10.1.2.3',
          'show ip bgp 192.0.2.1',
          ...extraPrefixes.map((p) => `show ip bgp ${p}`),
        ]);
        return (
          (out.match(/^BGP routing table entry for /gm) ?? []).length === 4 + extraPrefixes.length &&
          (out.match(/Paths: \(2 available, best #[12],/g) ?? []).length === twoPaths &&
          out.includes('64702 64701 64605') &&
          out.includes('4200000001')
        );
      },
      30_000,
    );

  const testbed: FrrTestbed = {
    dir,
    vtyPort,
    bgpPort,
    bgpdPid: () => bgpd?.pid ?? -1,
    pause: () => {
      if (bgpd?.pid) process.kill(bgpd.pid, 'SIGSTOP');
    },
    resume: () => {
      if (bgpd?.pid) process.kill(bgpd.pid, 'SIGCONT');
    },
    stopBgpd: () => stopChild(bgpd),
    startBgpd,
    restart: async () => {
      await stopChild(exabgp);
      await stopChild(bgpd);
      await startBgpd();
      startExabgp();
      await waitForRoutes();
    },
    shutNeighbor: (neighbor, shut) => {
      execFileSync(
        VTYSH,
        [
          '--vty_socket',
          dir,
          '-c',
          'configure terminal',
          '-c',
          'router bgp 64700',
          '-c',
          `${shut ? '' : 'no '}neighbor ${neighbor} shutdown`,
        ],
        { stdio: 'pipe' },
      );
    },
    waitEstablished: (neighbor, limitMs) =>
      waitFor(
        `${neighbor} Established`,
        async () =>
          execFileSync(VTYSH, ['--vty_socket', dir, '-c', `show bgp neighbors ${neighbor} json`], { encoding: 'utf8' }).includes(
            '"bgpState":"Established"',
          ),
        limitMs,
      ),
    dumpMrt: async (file) => {
      execFileSync(VTYSH, ['--vty_socket', dir, '-c', 'configure terminal', '-c', `dump bgp routes-mrt ${file}`], { stdio: 'pipe' });
      await waitFor('MRT dump', async () => existsSync(file) && statSync(file).size > 0, 10_000);
      // bgpd writes the dump from a thread; wait until its size settles.
      let size = -1;
      await waitFor(
        'MRT dump complete',
        async () => {
          const now = statSync(file).size;
          const done = now === size;
          size = now;
          return done;
        },
        10_000,
      );
    },
    stop: async () => {
      await stopChild(exabgp);
      await stopChild(bgpd);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await startBgpd();
    startExabgp();
    await waitForRoutes();
  } catch (e) {
    const logs = ['bgpd.out', 'exabgp.out', 'exabgp.log']
      .map((f) => {
        try {
          return `${f}: ${readFileSync(join(dir, f), 'utf8').slice(-1500)}`;
        } catch {
          return '';
        }
      })
      .join('\n');
    await testbed.stop();
    throw new Error(`${(e as Error).message}\n${logs}`);
  }
  return testbed;
}
