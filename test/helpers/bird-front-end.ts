import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIRD, birdQuery } from './bird-testbed.js';
import { freePort, launchDaemon, stopChild, VTYSH, type FrrTestbed } from './frr-testbed.js';
import { waitFor } from './wait.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
  .replace(/\/$/, '')
  .replace(/\/\.bench$/, '');
/** The front end's address on loopback, where the shipped files say 192.0.2.80. */
export const FRONT_END = '127.0.0.5';

export interface BirdFrontEnd {
  readonly dir: string;
  readonly socket: string;
  /** Where the dump service puts the dump. */
  readonly dump: string;
  /** Runs the shipped dump service's program (as its timer would), with this BIRD's socket and folder. */
  runDumpService(): { status: number; stderr: string };
  stop(): Promise<void>;
}

/**
 * The shipped `bird/` files on loopback: the route server (the FRR testbed's bgpd) takes
 * `frr-route-server.conf` through vtysh, and BIRD runs `bird.conf`; addresses, the port BIRD listens
 * on, the log, the dump's file and period are this machine's, the rest as written. Stopped by PID.
 */
export async function startBirdFrontEnd(testbed: FrrTestbed): Promise<BirdFrontEnd> {
  if (!existsSync(BIRD)) throw new Error(`${BIRD} is missing: this test needs a real BIRD. Install it with: apt-get install -y bird2`);
  const dir = mkdtempSync(join(tmpdir(), 'ss-bird-front-'));
  const port = await freePort();
  const socket = join(dir, 'bird.ctl');
  const dump = join(dir, 'rib.mrt');
  const frr = readFileSync(join(ROOT, 'bird/frr-route-server.conf'), 'utf8')
    .replaceAll('192.0.2.80', FRONT_END)
    // BIRD listens on a port of its own here, not 179.
    .replace(`neighbor ${FRONT_END} remote-as 64700`, `neighbor ${FRONT_END} remote-as 64700\n neighbor ${FRONT_END} port ${port}`);
  writeFileSync(join(dir, 'frr-route-server.conf'), frr);
  execFileSync(VTYSH, ['--vty_socket', testbed.dir, '-f', join(dir, 'frr-route-server.conf')], { stdio: 'pipe' });
  const conf = readFileSync(join(ROOT, 'bird/bird.conf'), 'utf8')
    .replace('log syslog all;', `log "${join(dir, 'bird.log')}" all;`)
    .replace('router id 192.0.2.80;', `router id ${FRONT_END};`)
    .replace('local 192.0.2.80 as 64700;', `local ${FRONT_END} port ${port} as 64700;`)
    .replace('neighbor 192.0.2.1 as 64700;', `neighbor 127.0.0.1 port ${testbed.bgpPort} as 64700;`);
  for (const line of [`router id ${FRONT_END}`, `local ${FRONT_END}`, 'neighbor 127.0.0.1'])
    if (!conf.includes(line)) throw new Error(`bird/bird.conf no longer has the line this harness moves: ${line}`);
  writeFileSync(join(dir, 'bird.conf'), conf);
  const bird: ChildProcess = launchDaemon(
    dir,
    BIRD,
    ['-f', '-c', join(dir, 'bird.conf'), '-s', socket, '-P', join(dir, 'bird.pid')],
    {},
    'bird.out',
  );
  const frontEnd: BirdFrontEnd = {
    dir,
    socket,
    dump,
    runDumpService: () => {
      const unit = readFileSync(join(ROOT, 'bird/supersparrow-bird-dump.service'), 'utf8');
      const program = /^ExecStart=(\S+)$/m.exec(unit)?.[1];
      if (program !== '/usr/local/lib/supersparrow/supersparrow-bird-dump') throw new Error(`the dump unit runs ${program} now`);
      // Installed where the unit says; here, the checkout's copy, with this BIRD's socket and folder.
      const run = spawnSync(join(ROOT, 'bird/supersparrow-bird-dump'), [], {
        env: { PATH: process.env.PATH, DUMP: dump, BIRD_SOCKET: socket },
        encoding: 'utf8',
      });
      return { status: run.status ?? -1, stderr: run.stderr };
    },
    stop: async () => {
      await stopChild(bird);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitFor(
      "BIRD to have the route server's table",
      async () => /BGP\.as_path: 64702 64602/.test(await birdQuery(socket, 'show route for 192.168.193.15 all').catch(() => '')),
      30_000,
    );
  } catch (e) {
    const logs = ['bird.out', 'bird.log'].map((f) =>
      existsSync(join(dir, f)) ? `${f}: ${readFileSync(join(dir, f), 'utf8').slice(-1500)}` : '',
    );
    await frontEnd.stop();
    throw new Error(`${(e as Error).message}\n${logs.join('\n')}`);
  }
  return frontEnd;
}
