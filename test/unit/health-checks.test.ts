import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { HealthChecks, type HealthCheckOptions } from '../../src/pops/health-checks.js';
import { type HealthServer, startHealthServer } from '../helpers/health-server.js';
import { scratchDir } from '../helpers/scratch.js';
import { waitFor } from '../helpers/wait.js';

const RULES = { rise: 2, fall: 3, intervalMs: 200, fastIntervalMs: 50, timeoutMs: 500, verifyTls: false, userAgent: 'supersparrow-test' };
const Y = 'www.y.example.net';

describe('HTTP health checks of POPs, against a real HTTP server on loopback', () => {
  const servers: HealthServer[] = [];
  const checks: HealthChecks[] = [];
  afterEach(async () => {
    for (const c of checks.splice(0)) c.close();
    for (const s of servers.splice(0)) await s.stop();
  });

  async function watch(options: Partial<HealthCheckOptions> = {}) {
    const server = await startHealthServer();
    servers.push(server);
    const changes: Array<{ up: boolean; detail: string }> = [];
    const warnings: string[] = [];
    const health = new HealthChecks([{ host: Y, url: server.url }], { ...RULES, stateDir: undefined, ...options }, (event) => {
      if (event.kind === 'health') changes.push({ up: event.record.up, detail: event.record.detail });
      else warnings.push(event.message);
    });
    checks.push(health);
    return { server, health, changes, warnings };
  }

  it('takes a POP out after fall failures and back after rise passes, saying which URL fails', async () => {
    const { server, health, changes } = await watch();
    await health.probed(2000);
    expect(health.unavailable(64702, Y)).toBeUndefined();
    server.status = 503;
    await waitFor('the POP out', async () => health.unavailable(64702, Y) !== undefined, 5000, 10);
    // Three failures were needed: the fall count.
    expect(server.requests).toBeGreaterThanOrEqual(4);
    expect(health.unavailable(64702, Y)).toMatch(new RegExp(`health check ${server.url.replace(/[.]/g, '\\.')} failing \\(.*503`));
    expect(health.unavailable(64701, 'www.z.example.net')).toBeUndefined();
    const failedAt = server.requests;
    server.status = 200;
    await waitFor('the POP back', async () => health.unavailable(64702, Y) === undefined, 5000, 10);
    expect(server.requests - failedAt).toBeGreaterThanOrEqual(2);
    expect(changes.map((c) => c.up)).toEqual([false, true]);
  });

  it('counts a server that does not answer within the timeout as failing', async () => {
    const { server, health } = await watch();
    await health.probed(2000);
    server.hang = true;
    await waitFor('the POP out', async () => health.unavailable(64702, Y) !== undefined, 10_000, 20);
    expect(health.unavailable(64702, Y)).toMatch(/failing/);
  });

  it('shares results between processes through the state folder: one probe per interval, the same state everywhere', async () => {
    const dir = join(scratchDir('health'), 'state');
    const first = await watch({ stateDir: dir });
    const second = new HealthChecks([{ host: Y, url: first.server.url }], { ...RULES, stateDir: dir }, () => undefined);
    checks.push(second);
    await first.health.probed(2000);
    await second.probed(2000);
    const before = first.server.requests;
    // Two watchers over a second: about one probe per 200 ms interval between them, not two.
    await new Promise((r) => setTimeout(r, 1000));
    const probes = first.server.requests - before;
    expect(probes).toBeGreaterThanOrEqual(3);
    expect(probes).toBeLessThanOrEqual(7);
    expect(readdirSync(dir).filter((n) => n.endsWith('.json'))).toHaveLength(1);
    first.server.status = 500;
    await waitFor('the second process sees the POP out', async () => second.unavailable(64702, Y) !== undefined, 5000, 10);
  });

  it('refuses a state folder others can write, and probes on its own', async () => {
    const dir = join(scratchDir('health'), 'open');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const { health, warnings } = await watch({ stateDir: dir });
    await health.probed(2000);
    expect(warnings).toEqual([
      expect.stringMatching(/health results cannot be shared \(.*writable by others\); this process probes on its own/),
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
