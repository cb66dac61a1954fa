import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, launchBgpd as launchRouterBgpd, launchExabgp, requireFrr, stopChild, VTYSH } from './frr-testbed.js';
import { waitFor } from './wait.js';

/**
 * POP X's router for anycast: a real bgpd (AS 64700) taking an iBGP session from 127.0.0.4, where a
 * real ExaBGP runs the API processes a test gives it. Both are children, stopped by PID.
 */
export interface AnycastRouter {
  readonly dir: string;
  /** The paths bgpd holds for a prefix, with their MEDs. */
  routes(prefix: string): Array<{ metric: number | undefined }>;
  /** How long until the prefix is in bgpd's table (or gone from it), polled every 20 ms. */
  until(prefix: string, present: boolean, limitMs: number): Promise<number>;
  /** Starts ExaBGP with these `process NAME { run COMMAND; … }` blocks, all feeding the one session. */
  startExabgp(processes: Readonly<Record<string, string>>): void;
  /** Starts ExaBGP with this whole configuration; `connect` to bgpd's port is added to its neighbor. */
  startExabgpConfig(text: string): void;
  stopExabgp(): Promise<void>;
  /** Stops bgpd and starts it again on the same ports, as a router restarting: sessions drop and come back. */
  restartBgpd(): Promise<void>;
  stop(): Promise<void>;
}

export async function startAnycastRouter(): Promise<AnycastRouter> {
  requireFrr();
  const dir = mkdtempSync(join(tmpdir(), 'ss-anycast-'));
  const bgpPort = await freePort();
  const vtyPort = await freePort();
  writeFileSync(
    join(dir, 'bgpd.conf'),
    `frr defaults traditional
hostname anycast
router bgp 64700
 bgp router-id 127.0.0.1
 no bgp ebgp-requires-policy
 neighbor 127.0.0.4 remote-as 64700
 neighbor 127.0.0.4 passive
 address-family ipv4 unicast
  neighbor 127.0.0.4 activate
 exit-address-family
 address-family ipv6 unicast
  neighbor 127.0.0.4 activate
 exit-address-family
`,
  );
  const launchBgpd = (): ChildProcess => launchRouterBgpd(dir, vtyPort, bgpPort);
  let bgpd = launchBgpd();
  let exabgp: ChildProcess | undefined;
  const routes = (prefix: string): Array<{ metric: number | undefined }> => {
    const family = prefix.includes(':') ? 'ipv6' : 'ipv4';
    const json = JSON.parse(
      // Piped, not shown: vtysh says "failed to connect" on stderr while bgpd is still starting.
      execFileSync(VTYSH, ['--vty_socket', dir, '-c', `show bgp ${family} unicast ${prefix} json`], { encoding: 'utf8', stdio: 'pipe' }),
    ) as {
      paths?: Array<{ metric?: number }>;
    };
    return (json.paths ?? []).map((p) => ({ metric: p.metric }));
  };
  await waitFor('bgpd vty socket', async () => routes('192.0.2.0/24').length >= 0, 10_000);
  const router: AnycastRouter = {
    dir,
    routes,
    until: async (prefix, present, limitMs) => {
      const started = Date.now();
      await waitFor(`${prefix} ${present ? 'announced' : 'withdrawn'}`, async () => routes(prefix).length > 0 === present, limitMs, 20);
      return Date.now() - started;
    },
    startExabgpConfig: (text) => {
      writeFileSync(join(dir, 'exabgp.conf'), text.replace(/^(neighbor \S+ \{)$/m, `$1\n  connect ${bgpPort};`));
      exabgp = launchExabgp(dir, { exabgp_tcp_bind: '', exabgp_api_respawn: 'false' });
    },
    startExabgp: (processes) => {
      const blocks = Object.entries(processes).map(([name, run]) => `process ${name} {\n  run ${run};\n  encoder json;\n}\n`);
      writeFileSync(
        join(dir, 'exabgp.conf'),
        `${blocks.join('')}neighbor 127.0.0.1 {
  router-id 127.0.0.4;
  local-address 127.0.0.4;
  local-as 64700;
  peer-as 64700;
  connect ${bgpPort};
  hold-time 30;
  family { ipv4 unicast; ipv6 unicast; }
  api { processes [ ${Object.keys(processes).join(', ')} ]; neighbor-changes; }
}
`,
      );
      // No respawn: a process that ended stays ended, so what it did at the end is what the router sees.
      exabgp = launchExabgp(dir, { exabgp_tcp_bind: '', exabgp_api_respawn: 'false' });
    },
    stopExabgp: async () => {
      await stopChild(exabgp);
      exabgp = undefined;
    },
    restartBgpd: async () => {
      await stopChild(bgpd);
      bgpd = launchBgpd();
      await waitFor('bgpd vty socket', async () => routes('192.0.2.0/24').length >= 0, 10_000);
    },
    stop: async () => {
      await stopChild(exabgp);
      await stopChild(bgpd);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return router;
}
