import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBirdFrontEnd } from '../helpers/bird-front-end.js';
import { MapProgram, PEERS, writeConfig } from '../helpers/cli.js';
import { startFrrTestbed, VTYSH } from '../helpers/frr-testbed.js';
import { CLI, fmt, median } from './figures.js';

const X = 'www.x.example.net';
const Y = 'www.y.example.net';

/**
 * A route change at the route server (real bgpd: POP Y's session shut and opened again) until a
 * running batch map reading BIRD on its host answers otherwise, its cache on; against the time the
 * route server itself takes to show the new best path, measured in the same loop.
 */
export async function birdBench(): Promise<void> {
  const testbed = await startFrrTestbed();
  const frontEnd = await startBirdFrontEnd(testbed);
  const dir = mkdtempSync(join(tmpdir(), 'ss-bench-bird-'));
  try {
    const config = writeConfig(join(dir, 'bird.conf'), ['route_server bird', `host ${frontEnd.socket}`, PEERS, `self ${X}`]);
    const map = new MapProgram(['--config', config, '--batch', '--cache-timeout', '3600'], { env: {}, script: CLI });
    const bestAtRouteServer = (): string =>
      execFileSync(VTYSH, ['--vty_socket', testbed.dir, '-c', 'show ip bgp 192.168.193.15'], { encoding: 'utf8' });
    const ours: number[] = [];
    const theirs: number[] = [];
    try {
      if ((await map.ask('192.168.193.15')).answer !== Y) throw new Error('the map does not start from POP Y');
      for (let i = 0; i < 6; i++) {
        const shut = i % 2 === 0;
        const want = shut ? X : Y;
        const started = performance.now();
        testbed.shutNeighbor('127.0.0.3', shut);
        let routeServerMs: number | undefined;
        let mapMs: number | undefined;
        // Bounded: 20 s per change.
        while ((routeServerMs === undefined || mapMs === undefined) && performance.now() - started < 20_000) {
          const elapsed = performance.now() - started;
          if (
            routeServerMs === undefined &&
            /64702 64602/.test(
              bestAtRouteServer()
                .split(/\n\s*\n/)
                .find((b) => /best/.test(b)) ?? '',
            ) !== shut
          )
            routeServerMs = elapsed;
          if (mapMs === undefined && (await map.ask('192.168.193.15')).answer === want) mapMs = performance.now() - started;
          await new Promise((r) => setTimeout(r, 20));
        }
        if (routeServerMs === undefined || mapMs === undefined) throw new Error(`change ${i} not seen within 20 s`);
        theirs.push(routeServerMs);
        ours.push(mapMs);
      }
    } finally {
      testbed.shutNeighbor('127.0.0.3', false);
      await map.end(5000).catch(() => map.kill());
    }
    const after = ours.map((ms, i) => ms - theirs[i]!);
    console.log('a route change at the route server (bgpd, POP Y session shut and opened, 6 times) through BIRD on the host, cache on:');
    console.log(
      `  the route server's own best path changed ${theirs.map((ms) => fmt(ms, 0)).join(', ')} ms after the command; the batch answer ${ours.map((ms) => fmt(ms, 0)).join(', ')} ms`,
    );
    console.log(
      `  from the route server's change to the answer: median ${fmt(median(after), 0)} ms, slowest ${fmt(Math.max(...after), 0)} ms (goal 2000 ms: ratio ${fmt(Math.max(...after) / 2000)})`,
    );
  } finally {
    await frontEnd.stop();
    await testbed.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
