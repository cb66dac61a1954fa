import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXABGP, exabgpFeederConfig, freePort, launchDaemon, launchExabgp, stopChild, type FrrTestbedOptions } from './frr-testbed.js';
import { waitFor } from './wait.js';

/**
 * A real BIRD 2 route server on loopback, POP X (AS 64700), fed by the same ExaBGP speakers as the FRR
 * testbed. Its only interface is the control socket. Both run as children, stopped by PID.
 */
export const BIRD = process.env.SUPERSPARROW_BIRD ?? '/usr/sbin/bird';
/** BIRD's own client, for the harness to change BIRD's state as an operator would. */
export const BIRDC = process.env.SUPERSPARROW_BIRDC ?? '/usr/sbin/birdc';

export interface BirdTestbed {
  readonly socket: string;
  stop(): Promise<void>;
}

function birdConf(dir: string, bgpPort: number): string {
  return `log "${dir}/bird.log" all;
router id 127.0.0.1;
protocol device { }
ipv4 table master4;
ipv6 table master6;
ipv4 table igp4;
ipv6 table igp6;
protocol static igp_routes4 { ipv4 { table igp4; }; route 192.168.192.0/23 via "lo"; }
protocol static igp_routes6 { ipv6 { table igp6; }; route 2001:db8:192::/47 via "lo"; }
protocol static own4 { ipv4; route 198.18.0.0/24 unreachable; }
protocol static own6 { ipv6; route 2001:db8:700::/48 unreachable; }
template bgp feeder {
  local 127.0.0.1 port ${bgpPort} as 64700;
  passive on;
  multihop;
  ipv4 { import all; export none; igp table igp4; };
  ipv6 { import all; export none; igp table igp6; };
}
protocol bgp upstream_a from feeder { neighbor 127.0.0.2 as 64600; }
protocol bgp pop_y from feeder { neighbor 127.0.0.3 as 64702; }
`;
}

/** The harness's own control-socket client, independent of the code under test. */
export function birdQuery(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = createConnection({ path: socket });
    let buffer = '';
    let sent = false;
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error('bird did not answer'));
    }, 1000);
    s.setEncoding('latin1');
    s.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    s.on('data', (d: string) => {
      buffer += d;
      if (!/(?:^|\n)\d{4} [^\n]*\n$/.test(buffer)) return;
      if (!sent) {
        sent = true;
        buffer = '';
        s.write(`${command}\n`);
        return;
      }
      clearTimeout(timer);
      s.destroy();
      resolve(buffer);
    });
  });
}

/** `extraRoutes`: as the FRR testbed's, from the same two speakers. */
export async function startBirdTestbed(options: Pick<FrrTestbedOptions, 'extraRoutes'> = {}): Promise<BirdTestbed> {
  for (const binary of [BIRD, EXABGP]) {
    if (!existsSync(binary))
      throw new Error(`${binary} is missing: these tests need a real BIRD. Install it with: apt-get install -y bird2 exabgp`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ss-bird-'));
  const bgpPort = await freePort();
  const socket = join(dir, 'bird.ctl');
  writeFileSync(join(dir, 'bird.conf'), birdConf(dir, bgpPort));
  writeFileSync(join(dir, 'exabgp.conf'), exabgpFeederConfig(bgpPort, options.extraRoutes));
  const lastExtra = options.extraRoutes?.popY.at(-1)?.[0];
  const launch = (command: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess =>
    launchDaemon(dir, command, args, env, log);
  const bird = launch(
    BIRD,
    ['-f', '-c', join(dir, 'bird.conf'), '-s', socket, '-P', join(dir, 'bird.pid')],
    { PATH: process.env.PATH },
    'bird.out',
  );
  let exabgp: ChildProcess | undefined;
  const testbed: BirdTestbed = {
    socket,
    stop: async () => {
      await stopChild(exabgp);
      await stopChild(bird);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitFor('bird control socket', async () => (await birdQuery(socket, 'show status')).includes('Daemon is up'), 10_000);
    exabgp = launchExabgp(dir);
    await waitFor(
      'BIRD routes',
      async () => {
        const a = await birdQuery(socket, 'show route for 192.168.193.15 all');
        const b = await birdQuery(socket, 'show route for 2001:db8:193::1 all');
        const c = await birdQuery(socket, 'show route for 192.0.2.1 all');
        const d = lastExtra === undefined ? '' : await birdQuery(socket, `show route for ${lastExtra.replace(/\/\d+$/, '')} all`);
        return (
          (a.match(/BGP\.as_path/g) ?? []).length === 2 &&
          (b.match(/BGP\.as_path/g) ?? []).length === 2 &&
          c.includes('4200000001') &&
          (lastExtra === undefined || (d.match(/BGP\.as_path/g) ?? []).length === 2)
        );
      },
      30_000,
    );
  } catch (e) {
    const logs = ['bird.out', 'bird.log', 'exabgp.out']
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
