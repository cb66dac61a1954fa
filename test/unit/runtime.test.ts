import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { Logger } from '../../src/cli/process/log.js';
import { logRuntimeEvent } from '../../src/cli/process/runtime-log.js';
import { loadConfigFile } from '../../src/config/files.js';
import { resolveConfig } from '../../src/config/parse.js';
import { RouteServerError } from '../../src/core/route-server-error.js';
import type { RuntimeEvent } from '../../src/runtime/runtime-event.js';
import { Runtime } from '../../src/runtime/runtime.js';
import { scratchDir } from '../helpers/scratch.js';
import { waitFor } from '../helpers/wait.js';

const TABLE = fileURLToPath(new URL('../../examples/paper-network.table', import.meta.url));

/** Waits for `check` (helpers/wait.ts): a wait that ends without it fails the test. */
function until(check: () => boolean, ms = 3000): Promise<void> {
  return waitFor('the condition', check, ms, 20);
}

describe('the runtime', () => {
  it('keeps one current configuration: a reload reaches runtime.config, answers and one event', async () => {
    const dir = scratchDir('runtime');
    const file = join(dir, 'supersparrow.conf');
    const write = (lines: string[]): void => {
      writeFileSync(`${file}.new`, `${lines.join('\n')}\n`);
      renameSync(`${file}.new`, file);
    };
    const base = ['route_server table', `table ${TABLE}`, 'peer 64702=y.example'];
    write([...base, 'self x.example']);
    const load = () => resolveConfig([loadConfigFile(file, true)]).config;
    const events: RuntimeEvent[] = [];
    const runtime = await Runtime.start(load(), {
      version: 'test',
      live: true,
      configFile: { path: file, load },
      inUse: (setting) => setting !== 'field',
      onEvent: (e) => events.push(e),
    });
    try {
      expect((await runtime.resolver.resolve('203.0.113.9')).answer).toBe('x.example');
      write([...base, 'self z.example', 'field 3', 'cache_size 10']);
      await until(() => events.some((e) => e.kind === 'config-changed'));
      expect(runtime.config.self).toBe('z.example');
      // Settings that take a restart keep their running values; one the mode does not use is not reported.
      expect(runtime.config.cacheSize).toBe(65536);
      expect(events.filter((e) => e.kind === 'config-changed')).toEqual([
        { kind: 'config-changed', applied: ['self'], needRestart: ['cacheSize'] },
      ]);
      expect((await runtime.resolver.resolve('203.0.113.9')).answer).toBe('z.example');
      write(['route_server table', 'peer nonsense']);
      await until(() => events.some((e) => e.kind === 'config-rejected'));
      expect(runtime.config.self).toBe('z.example');
    } finally {
      runtime.close();
      await runtime.routeServer.close();
    }
  });

  it('forgets cached answers naming a drained POP and says how many, on the same stream', async () => {
    const dir = scratchDir('runtime-drain');
    const drain = join(dir, 'drain');
    writeFileSync(drain, '');
    const config = resolveConfig([
      loadConfigFile(
        (() => {
          const f = join(dir, 'c.conf');
          writeFileSync(
            f,
            ['route_server table', `table ${TABLE}`, 'peer 64702=y.example', 'self x.example', `drain_file ${drain}`].join('\n'),
          );
          return f;
        })(),
        true,
      ),
    ]).config;
    const events: RuntimeEvent[] = [];
    const runtime = await Runtime.start(config, { version: 'test', live: true, onEvent: (e) => events.push(e) });
    try {
      expect((await runtime.resolver.resolve('192.168.193.15')).answer).toBe('y.example');
      writeFileSync(drain, 'AS64702\n');
      await until(() => events.some((e) => e.kind === 'pop'));
      const pop = events.find((e) => e.kind === 'pop');
      expect(pop).toMatchObject({ kind: 'pop', change: { asn: 64702, causes: ['drained'] }, forgotten: 1 });
      expect((await runtime.resolver.resolve('192.168.193.15')).answer).toBe('x.example');
    } finally {
      runtime.close();
      await runtime.routeServer.close();
    }
  });
});

describe('runtime events as log lines', () => {
  it('matches every "not answering" with its "answers again", even when repeats are rate-limited', () => {
    const lines: string[] = [];
    const stream = { write: (t: string) => lines.push(t), on: () => undefined, destroyed: false, writableEnded: false };
    let now = 0;
    const log = new Logger(stream as never, 10_000, () => now, '');
    const rs = 'zebra 127.0.0.1:2605';
    const lost = (): RuntimeEvent => ({
      kind: 'route-server',
      event: { kind: 'lost', routeServer: rs, error: new RouteServerError('unavailable', 'connection closed') },
    });
    const up = (downForMs: number): RuntimeEvent => ({
      kind: 'route-server',
      event: { kind: 'up', routeServer: rs, greeting: 'bgpd', downForMs },
    });
    logRuntimeEvent(log, lost(), false);
    logRuntimeEvent(log, up(40), false);
    now = 1000;
    // A second outage within the interval: its "lost" is suppressed, so its end says nothing either.
    logRuntimeEvent(log, lost(), false);
    logRuntimeEvent(log, up(30), false);
    expect(lines).toEqual(['route server lost: connection closed\n', `route server up: ${rs} answers again (bgpd) after 40 ms down\n`]);
  });
});
