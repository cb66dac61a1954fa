import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MapProgram, PEERS, testbedConfigLines, writeConfig } from '../helpers/cli.js';
import { BIRDC, startBirdTestbed } from '../helpers/bird-testbed.js';
import { startFrrTestbed, type FrrTestbed } from '../helpers/frr-testbed.js';
import { X, Y } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';

describe('BGP liveness: a POP whose sessions are down takes no new clients', () => {
  let testbed: FrrTestbed;
  let map: MapProgram;

  beforeAll(async () => {
    testbed = await startFrrTestbed();
    const config = writeConfig(join(scratchDir('liveness'), 'supersparrow.conf'), [...testbedConfigLines(testbed.vtyPort), 'batch']);
    map = new MapProgram(['--config', config]);
  }, 60_000);
  afterAll(async () => {
    map?.kill();
    await testbed?.stop();
  });

  it("sends POP Y's clients elsewhere within 2 s of its session going down, cached answers included, and back once it is up", async () => {
    // 192.168.193.15 is reached through Y's own session; 172.16.5.5 through the upstream, with Y on the path.
    expect((await map.ask('192.168.193.15')).answer).toBe(Y);
    expect((await map.ask('172.16.5.5')).answer).toBe(Y);
    expect((await map.ask('192.168.193.15')).answer).toBe(Y);
    testbed.shutNeighbor('127.0.0.3', true);
    try {
      expect(await map.askUntil('192.168.193.15', X, 2000)).toBeLessThanOrEqual(2000);
      // The route through the upstream still names Y; Y is down, so it is walked past.
      expect(await map.askUntil('172.16.5.5', X, 2000)).toBeLessThanOrEqual(2000);
      expect(map.stderr).toMatch(/POP AS64702 \(www\.y\.example\.net\) down: its BGP sessions are down/);
    } finally {
      testbed.shutNeighbor('127.0.0.3', false);
    }
    await testbed.waitEstablished('127.0.0.3', 30_000);
    // Back within 2 s of bgpd seeing the session up again, answers learned meanwhile included.
    expect(await map.askUntil('172.16.5.5', Y, 2000)).toBeLessThanOrEqual(2000);
    expect(await map.askUntil('192.168.193.15', Y, 2000)).toBeLessThanOrEqual(2000);
    expect(map.stderr).toMatch(/POP AS64702 \(www\.y\.example\.net\) up again after [\d.]+ m?s/);
  }, 60_000);
});

describe("BGP liveness with FRR's JSON and with BIRD", () => {
  it('frr-json: reads show bgp summary json and takes POP Y out within 2 s of its session going down', async () => {
    const testbed = await startFrrTestbed();
    const config = writeConfig(join(scratchDir('liveness-json'), 'supersparrow.conf'), [
      ...testbedConfigLines(testbed.vtyPort).map((l) => (l === 'route_server zebra' ? 'route_server frr-json' : l)),
      'batch',
    ]);
    const map = new MapProgram(['--config', config]);
    try {
      expect((await map.ask('192.168.193.15')).answer).toBe(Y);
      testbed.shutNeighbor('127.0.0.3', true);
      expect(await map.askUntil('192.168.193.15', X, 2000)).toBeLessThanOrEqual(2000);
      testbed.shutNeighbor('127.0.0.3', false);
      await map.askUntil('192.168.193.15', Y, 30_000);
      expect(map.stderr).toMatch(/POP AS64702 \(www\.y\.example\.net\) down: its BGP sessions are down/);
    } finally {
      map.kill();
      await testbed.stop();
    }
  }, 60_000);

  it('bird: reads show protocols all and takes POP Y out within 2 s of its protocol going down, and back', async () => {
    const bird = await startBirdTestbed();
    const birdc = (command: string): void => {
      execFileSync(BIRDC, ['-s', bird.socket, command], { stdio: 'pipe' });
    };
    const config = writeConfig(join(scratchDir('liveness-bird'), 'supersparrow.conf'), [
      'route_server bird',
      `host ${bird.socket}`,
      PEERS,
      `self ${X}`,
      'batch',
    ]);
    const map = new MapProgram(['--config', config]);
    try {
      expect((await map.ask('192.168.193.15')).answer).toBe(Y);
      birdc('disable pop_y');
      expect(await map.askUntil('192.168.193.15', X, 2000)).toBeLessThanOrEqual(2000);
      // 172.16/12 comes through the upstream with Y on its path: Y is walked past.
      expect(await map.askUntil('172.16.5.5', X, 2000)).toBeLessThanOrEqual(2000);
      birdc('enable pop_y');
      await map.askUntil('192.168.193.15', Y, 30_000);
      expect(map.stderr).toMatch(/POP AS64702 \(www\.y\.example\.net\) up again after [\d.]+ m?s/);
    } finally {
      map.kill();
      await bird.stop();
    }
  }, 60_000);
});
