import { afterEach, describe, expect, it } from '@jest/globals';
import { RouteServerError } from '../../src/core/route-server-error.js';
import { VtySession } from '../../src/sessions/vty-session.js';
import { VtyRouteServer } from '../../src/route-servers/vty-route-server.js';
import { parseClientAddress } from '../../src/core/address.js';
import { FaultVty } from '../helpers/fault-vty.js';
import { waitFor } from '../helpers/wait.js';

const fakes: FaultVty[] = [];
const sessions: VtySession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.close();
  for (const f of fakes.splice(0)) await f.close();
});

async function fake(options: ConstructorParameters<typeof FaultVty>[0] = {}): Promise<FaultVty> {
  const f = await new FaultVty(options).listen();
  fakes.push(f);
  return f;
}

async function open(port: number, password = 'frub', timeoutMs = 500): Promise<VtySession> {
  const s = await VtySession.open({ host: '127.0.0.1', port, password, timeoutMs });
  sessions.push(s);
  return s;
}

describe('VtySession (fake vty, for faults a real bgpd cannot be made to show)', () => {
  it('logs in when every byte of the greeting arrives in its own segment', async () => {
    const f = await fake({ byteByByte: true });
    const s = await open(f.port, 'frub', 2000);
    expect(s.hostname).toBe('jasmine');
    expect(await s.run('show ip bgp 198.51.100.1')).toBe('% Network not in table');
  });

  it('fails a half-written reply that stalls within the timeout, and kills the session', async () => {
    const f = await fake({ fault: 'stall' });
    const s = await open(f.port, 'frub', 300);
    const started = performance.now();
    await expect(s.run('show ip bgp 192.0.2.66')).rejects.toMatchObject({ failure: 'timeout' });
    expect(performance.now() - started).toBeLessThan(600);
    expect(s.alive).toBe(false);
    await expect(s.run('show ip bgp 192.0.2.1')).rejects.toBeInstanceOf(RouteServerError);
  });

  it('fails at once when the connection closes mid-reply', async () => {
    const f = await fake({ fault: 'close' });
    const s = await open(f.port, 'frub', 2000);
    const started = performance.now();
    await expect(s.run('show ip bgp 192.0.2.66')).rejects.toMatchObject({ failure: 'unavailable' });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses a wrong password at the first try instead of locking the vty', async () => {
    const f = await fake({ password: 'right' });
    await expect(open(f.port, 'wrong')).rejects.toThrow(/rejected the password/);
    expect(f.connections).toBe(1);
  });

  it('says what is wrong when the vty has no password set', async () => {
    const f = await fake({ greeting: 'Vty password is not set.\r\n' });
    await expect(open(f.port)).rejects.toMatchObject({ failure: 'login', message: expect.stringMatching(/no vty password set/) });
  });

  it('fails to connect to a closed port quickly', async () => {
    const f = await fake();
    const port = f.port;
    await f.close();
    fakes.length = 0;
    await expect(open(port)).rejects.toBeInstanceOf(RouteServerError);
  });

  it('the zebra route server asks again on a new session when the old one closes under a lookup', async () => {
    const f = await fake({ closeFirstLookup: true });
    const rs = new VtyRouteServer({ host: '127.0.0.1', port: f.port, password: 'frub', timeoutMs: 500 });
    try {
      const lookup = await rs.lookup(parseClientAddress('192.0.2.1')!);
      expect(lookup.kind).toBe('route');
      expect(f.connections).toBe(2);
    } finally {
      await rs.close();
    }
  });

  it('the zebra route server reopens a session after a stalled reply', async () => {
    const f = await fake({ fault: 'stall' });
    const rs = new VtyRouteServer({ host: '127.0.0.1', port: f.port, password: 'frub', timeoutMs: 200 });
    try {
      await expect(rs.lookup(parseClientAddress('192.0.2.66')!)).rejects.toMatchObject({ failure: 'timeout' });
      expect(rs.available).toBe(false);
      await waitFor('the route server available again', () => rs.available, 3000, 20).catch(() => undefined);
      const lookup = await rs.lookup(parseClientAddress('192.0.2.1')!);
      expect(lookup.kind).toBe('route');
      expect(f.connections).toBe(2);
    } finally {
      await rs.close();
    }
  });
});

describe('VtySession under large and hostile replies', () => {
  it('reads a 16,000-line reply well within the command timeout', async () => {
    const f = await fake({ longerPrefixes: 16_000 });
    const s = await open(f.port, 'frub', 2000);
    const reply = await s.run('show ip bgp 10.2.0.0/16 longer-prefixes');
    expect(reply.split('\n').filter((l) => l.startsWith('*> ')).length).toBe(16_000);
    expect(reply).toMatch(/Displayed {2}16000 routes/);
    expect(s.alive).toBe(true);
  });

  it('tests only the tail of a reply for its prompt, however it is chunked', async () => {
    const { CommandSession } = await import('../../src/sessions/command-session.js');
    const seen: number[] = [];
    class LineByLine extends CommandSession {
      readonly greeting = 'test';
      readonly where = 'test';
      constructor() {
        super({ timeoutMs: 1000 });
      }
      protected write(): void {
        for (let i = 0; i < 20_000; i++) this.receive(`line ${i}\n`);
        this.receive('END\n');
      }
      protected destroyTransport(): void {}
      protected replyComplete() {
        return (tail: string) => {
          seen.push(tail.length);
          return tail.endsWith('END\n');
        };
      }
      protected readReply(received: string): string {
        return received;
      }
    }
    const reply = await new LineByLine().run('show');
    expect(reply.split('\n').length).toBe(20_002);
    expect(seen.length).toBe(20_001);
    expect(Math.max(...seen)).toBeLessThanOrEqual(2048);
  });

  it('backs off from a router that logs in and then closes every session', async () => {
    const f = await fake({ closeAfterLogin: true });
    const events: string[] = [];
    const rs = new VtyRouteServer({ host: '127.0.0.1', port: f.port, password: 'frub', timeoutMs: 500 }, (e) => events.push(e.kind));
    try {
      rs.start();
      await new Promise((r) => setTimeout(r, 1500));
      // At once once, then 0.1, 0.2, 0.4, 0.8 s: a handful of logins, never hundreds.
      expect(f.connections).toBeGreaterThanOrEqual(3);
      expect(f.connections).toBeLessThanOrEqual(8);
      expect(events).toContain('down');
    } finally {
      await rs.close();
    }
  });

  it('says when a route server that was down answers again, and after how long', async () => {
    const f = await fake();
    const port = f.port;
    await f.close();
    fakes.length = 0;
    const events: Array<{ kind: string; downForMs?: number | undefined }> = [];
    const rs = new VtyRouteServer({ host: '127.0.0.1', port, password: 'frub', timeoutMs: 300 }, (e) => events.push(e));
    try {
      rs.start();
      await waitFor('the route server down', () => events.some((e) => e.kind === 'down'), 3000, 20).catch(() => undefined);
      const again = new FaultVty();
      fakes.push(again);
      await again.listen(port);
      await waitFor('the route server up', () => events.some((e) => e.kind === 'up'), 9000, 20).catch(() => undefined);
      const up = events.find((e) => e.kind === 'up');
      expect(up?.downForMs).toBeGreaterThan(0);
    } finally {
      await rs.close();
    }
  }, 15_000);
});

describe('reconnectDelayMs', () => {
  it('backs off from at once to 5 s, and waits a minute after a refused login', async () => {
    const { reconnectDelayMs } = await import('../../src/route-servers/session-route-server.js');
    expect([0, 1, 2, 3, 7, 50].map((n) => reconnectDelayMs(n))).toEqual([0, 100, 200, 400, 5000, 5000]);
    expect(reconnectDelayMs(1, 'login')).toBe(60_000);
  });
});
