import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runCli, writeConfig } from '../helpers/cli.js';
import { queryVty, startFrrTestbed, type FrrTestbed } from '../helpers/frr-testbed.js';
import { ROUTE_CASES } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';
import { waitFor } from '../helpers/wait.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('frr/: the route server of a POP, bgpd started from the shipped bgpd.conf', () => {
  let testbed: FrrTestbed;
  let config: string;

  beforeAll(async () => {
    // As shipped, but for the neighbours' addresses (the test's feeders) and the passwords.
    const shipped = readFileSync(`${ROOT}/frr/bgpd.conf`, 'utf8');
    const here = shipped
      .replaceAll('198.51.100.1', '127.0.0.2')
      .replaceAll('203.0.113.2', '127.0.0.3')
      .replace(/^password CHANGE-ME$/m, 'password frub')
      .replace(/^enable password CHANGE-ME-TOO$/m, 'enable password frub-enable');
    expect(here.match(/127\.0\.0\.[23]/g)?.length).toBe(shipped.match(/198\.51\.100\.1|203\.0\.113\.2/g)?.length);
    testbed = await startFrrTestbed({ bgpdConf: here });
    const guide = readFileSync(`${ROOT}/frr/README.md`, 'utf8');
    const lines = /```\n(route_server zebra[\s\S]*?)```/.exec(guide)![1]!.trim().split('\n');
    const dir = scratchDir('frr-guide');
    writeConfig(`${dir}/supersparrow.password`, ['frub']);
    config = writeConfig(
      `${dir}/supersparrow.conf`,
      lines.map((l) =>
        l.replace('port bgpd', `port ${testbed.vtyPort}`).replace('/etc/supersparrow.password', `${dir}/supersparrow.password`),
      ),
    );
  }, 60_000);

  afterAll(async () => {
    await testbed?.stop();
  });

  it('takes the upstream’s and POP Y’s routes with no inbound policy, and supersparrow answers through it', async () => {
    const summary = await queryVty(testbed.vtyPort, ['show bgp summary'], 5000);
    expect(summary).not.toMatch(/\(Policy\)/);
    // The guide's peer line names POP X and Y: the route cases' answers for those two, self for others.
    const cases = ROUTE_CASES.filter(([, answer]) => answer === 'www.y.example.net' || answer === 'www.x.example.net');
    const { code, stdout } = await runCli(['--config', config, ...cases.map(([address]) => address)]);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, -1)).toEqual(cases.map(([, answer]) => answer));
    const check = await runCli(['--config', config, '--check']);
    expect(check.stdout).toMatch(/^configuration OK$/m);
  });

  it('passes what it hears to POP Y and nothing to the upstream: no transit', async () => {
    // From the upstream (127.0.0.2): on to POP Y's route server (127.0.0.3) alone.
    const advertised = /Advertised to non peer-group peers:\s+127\.0\.0\.3\s/;
    // bgpd sends its first updates a moment after the sessions come up.
    await waitFor(
      'the upstream route passed on',
      async () => advertised.test(await queryVty(testbed.vtyPort, ['show ip bgp 10.0.0.0/8'], 5000)),
      20_000,
      250,
    );
    // From POP Y: never to the upstream.
    const fromY = await queryVty(testbed.vtyPort, ['show ip bgp 192.168.193.0/24'], 5000);
    expect(fromY).toMatch(/BGP routing table entry for/);
    expect(fromY).not.toMatch(/Advertised to[^\n]*\n?[^\n]*127\.0\.0\.2/);
  });
});
