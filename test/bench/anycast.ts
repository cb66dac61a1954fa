import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startAnycastRouter } from '../helpers/anycast-router.js';
import { startHealthServer } from '../helpers/health-server.js';
import { CLI, ROOT, fmt } from './figures.js';

const HEALTHCHECK = process.env.SUPERSPARROW_EXABGP_HEALTHCHECK ?? '/usr/bin/exabgp-healthcheck';
const OURS = '203.0.113.0/24';
const THEIRS = '198.51.100.1/32';

/**
 * On a real bgpd with a real ExaBGP running both as processes: supersparrow --exabgp (health fall 3,
 * 1 s apart) and ExaBGP's own healthcheck with its defaults, watching the same URL. How long from the
 * URL turning 503 until each prefix leaves bgpd's table; then supersparrow's drain and SIGTERM.
 */
export async function anycastBench(): Promise<void> {
  if (!existsSync(HEALTHCHECK)) {
    console.log(`anycast: skipped, ${HEALTHCHECK} missing (apt-get install -y exabgp)`);
    return;
  }
  const router = await startAnycastRouter();
  const health = await startHealthServer();
  try {
    const drain = join(router.dir, 'drain');
    const config = join(router.dir, 'supersparrow.conf');
    writeFileSync(
      config,
      [
        'route_server table',
        `table ${resolve(ROOT, 'examples/paper-network.table')}`,
        'self www.x.example.net',
        `anycast ${OURS} next-hop 192.0.2.1`,
        `health www.x.example.net ${health.url}`,
        'health_interval 1',
        'health_fall 3',
        `drain_file ${drain}`,
        '',
      ].join('\n'),
    );
    router.startExabgp({
      supersparrow: `${process.execPath} ${CLI} --exabgp -c ${config}`,
      healthcheck: `${HEALTHCHECK} --no-syslog --no-ip-setup --withdraw-on-down --ip ${THEIRS} --next-hop 192.0.2.1 --cmd "curl -sf ${health.url}"`,
    });
    try {
      await router.until(OURS, true, 30_000);
      await router.until(THEIRS, true, 30_000);
    } catch (e) {
      throw new Error(`${(e as Error).message}; ExaBGP said: ${readFileSync(join(router.dir, 'exabgp.out'), 'utf8').slice(-1200)}`);
    }
    // One loop watches both prefixes from the same moment, every 20 ms.
    health.status = 503;
    const started = Date.now();
    let ours: number | undefined;
    let theirs: number | undefined;
    while ((ours === undefined || theirs === undefined) && Date.now() - started < 60_000) {
      if (ours === undefined && router.routes(OURS).length === 0) ours = Date.now() - started;
      if (theirs === undefined && router.routes(THEIRS).length === 0) theirs = Date.now() - started;
      await new Promise((r) => setTimeout(r, 20));
    }
    if (ours === undefined || theirs === undefined) throw new Error('a prefix was still announced 60 s after its health URL failed');
    console.log('anycast through ExaBGP, on a real bgpd (npm run bench -- anycast):');
    console.log(
      `  health URL 503 → prefix gone from bgpd: supersparrow (fall 3, 1 s) ${fmt(ours / 1000)} s (goal ≤ 3 s), ExaBGP's healthcheck with its defaults ${fmt(theirs / 1000)} s: ratio ${fmt(ours / theirs)}`,
    );
    health.status = 200;
    await router.until(OURS, true, 30_000);
    writeFileSync(drain, 'www.x.example.net\n');
    const drained = await router.until(OURS, false, 10_000);
    writeFileSync(drain, '');
    await router.until(OURS, true, 10_000);
    const pid = Number(
      execFileSync('pgrep', ['-f', '--', `--exabgp -c ${config}`], { encoding: 'utf8' })
        .trim()
        .split('\n')[0],
    );
    process.kill(pid, 'SIGTERM');
    const stopped = await router.until(OURS, false, 10_000);
    console.log(`  drained → gone ${fmt(drained / 1000)} s (goal ≤ 1 s); SIGTERM → gone ${fmt(stopped / 1000)} s (goal ≤ 1 s)`);
  } finally {
    await router.stop();
    await health.stop();
  }
}
