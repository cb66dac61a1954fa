import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MapProgram, testbedConfigLines } from '../helpers/cli.js';
import { startFrrTestbed, VTYSH, type FrrTestbed } from '../helpers/frr-testbed.js';
import { startHealthServer } from '../helpers/health-server.js';
import { median } from './figures.js';

const Y = 'www.y.example.net';
const CLIENT = '192.168.193.15';
const ROUNDS = 3;
const LIMIT_MS = 30_000;
const TARGET_MS = 2000;

function vtysh(testbed: FrrTestbed, ...commands: string[]): string {
  return execFileSync(VTYSH, ['--vty_socket', testbed.dir, ...commands.flatMap((c) => ['-c', c])], { encoding: 'utf8' });
}

/** Polls every 20 ms until `done`, bounded; returns the milliseconds it took. */
async function timeUntil(what: string, done: () => Promise<boolean> | boolean): Promise<number> {
  const started = performance.now();
  while (!(await done())) {
    if (performance.now() - started > LIMIT_MS) throw new Error(`${what}: not within ${LIMIT_MS} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - started;
}

function line(what: string, ms: number[], baseline?: { name: string; ms: number[] }): void {
  const m = median(ms);
  const against = baseline ? `, ${baseline.name} ${median(baseline.ms).toFixed(0)} ms: ratio ${(m / median(baseline.ms)).toFixed(2)}` : '';
  console.log(`  ${what}: ${m.toFixed(0)} ms (target ≤ ${TARGET_MS} ms: ${(m / TARGET_MS).toFixed(2)} of it)${against}`);
}

/**
 * `npm run bench -- failover`: on real bgpd + ExaBGP, how long after POP Y goes out (its session shut,
 * its health URL 503, a drain entry) until no answer names Y, and after it returns until Y is answered
 * again; Y's clients' answers are cached beforehand. Session loss is set against bgpd's own time to
 * drop Y's route, timed in the same run.
 */
export async function failoverBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ss-bench-failover-'));
  const testbed = await startFrrTestbed();
  const health = await startHealthServer();
  const drain = join(dir, 'drain');
  writeFileSync(drain, '');
  const config = join(dir, 'supersparrow.conf');
  writeFileSync(
    config,
    [
      ...testbedConfigLines(testbed.vtyPort),
      'batch',
      `health ${Y} ${health.url}`,
      `health_state_dir ${join(dir, 'health')}`,
      `drain_file ${drain}`,
      '',
    ].join('\n'),
  );
  const map = new MapProgram(['--config', config]);
  const answersY = async (): Promise<boolean> => (await map.ask(CLIENT)).answer === Y;
  const times = {
    bgpOut: [] as number[],
    bgpdOut: [] as number[],
    bgpBack: [] as number[],
    healthOut: [] as number[],
    healthBack: [] as number[],
    drainOut: [] as number[],
    drainBack: [] as number[],
  };
  try {
    await timeUntil('first answer Y', answersY);
    for (let round = 0; round < ROUNDS; round++) {
      await map.ask(CLIENT);
      // bgpd's own view, timed alongside: the best path for the client no longer through Y's session.
      const bgpdDropped = (): boolean => !vtysh(testbed, `show ip bgp ${CLIENT} json`).includes('"peerId":"127.0.0.3"');
      testbed.shutNeighbor('127.0.0.3', true);
      const [ours, bgpd] = await Promise.all([
        timeUntil('session: Y out', async () => !(await answersY())),
        timeUntil('bgpd drops Y', bgpdDropped),
      ]);
      times.bgpOut.push(ours);
      times.bgpdOut.push(bgpd);
      testbed.shutNeighbor('127.0.0.3', false);
      await timeUntil('Y session established', () =>
        vtysh(testbed, 'show bgp neighbors 127.0.0.3 json').includes('"bgpState":"Established"'),
      );
      times.bgpBack.push(await timeUntil('session: Y back', answersY));

      health.status = 503;
      times.healthOut.push(await timeUntil('health: Y out', async () => !(await answersY())));
      health.status = 200;
      times.healthBack.push(await timeUntil('health: Y back', answersY));

      writeFileSync(drain, `${Y}\n`);
      times.drainOut.push(await timeUntil('drain: Y out', async () => !(await answersY())));
      writeFileSync(drain, '');
      times.drainBack.push(await timeUntil('drain: Y back', answersY));
    }
    console.log(`failover on real bgpd + ExaBGP, POP Y's clients cached first, median of ${ROUNDS} rounds:`);
    line("Y's session shut, until no answer names Y", times.bgpOut, { name: "bgpd's own route withdrawal", ms: times.bgpdOut });
    line("Y's session Established again, until Y is answered", times.bgpBack);
    line("Y's health URL 503 (interval 1 s, fall 3), until no answer names Y", times.healthOut);
    line("Y's health URL 200 again (rise 2), until Y is answered", times.healthBack);
    line('Y drained in the drain file, until no answer names Y', times.drainOut);
    line('drain removed, until Y is answered', times.drainBack);
  } finally {
    map.kill();
    await health.stop();
    await testbed.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
