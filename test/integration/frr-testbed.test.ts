import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { queryVty, startFrrTestbed, type FrrTestbed } from '../helpers/frr-testbed.js';

describe('the FRR testbed itself', () => {
  let testbed: FrrTestbed;
  beforeAll(async () => {
    testbed = await startFrrTestbed();
  }, 60_000);
  afterAll(async () => {
    await testbed?.stop();
  });

  it('holds both paths of the paper example', async () => {
    const out = await queryVty(testbed.vtyPort, ['show ip bgp 192.168.193.15']);
    expect(out).toContain('64600 64601 64602');
    expect(out).toContain('64702 64602');
  });
});
