import { createServer, type Server, type Socket } from 'node:net';
import { parseClientAddress } from '../../src/core/address.js';
import { formatPrefix, parsePrefix, prefixContains, type Prefix } from '../../src/core/prefix.js';
import { ROUTE_CASES } from './route-cases.js';

/** A fake router's table: per prefix, its paths as the router prints them, the best one flagged. */
export interface FakeRoute {
  readonly prefix: Prefix;
  readonly paths: ReadonlyArray<{ readonly path: string; readonly best: boolean }>;
}

/** The testbeds' routes (helpers/route-cases.ts), with the losing upstream path where there are two. */
export function testbedRoutes(): FakeRoute[] {
  const routes: FakeRoute[] = [];
  for (const [, , prefixText, path] of ROUTE_CASES) {
    if (prefixText === '-') continue;
    const prefix = parsePrefix(prefixText)!;
    const losing = path === '64702 64602' ? [{ path: '64600 64601 64602', best: false }] : [];
    routes.push({ prefix, paths: [...losing, { path, best: true }] });
  }
  return routes.sort((a, b) => b.prefix.length - a.prefix.length);
}

function coveringRoutes(routes: readonly FakeRoute[], addressText: string): FakeRoute[] {
  const address = parseClientAddress(addressText);
  return address ? routes.filter((r) => prefixContains(r.prefix, address)) : [];
}

/**
 * FAKES of routers that cannot run here, built from their published output:
 *
 * - Cisco IOS: replies copied from route-views.routeviews.org (a Cisco router; `show bgp` output saved in
 *   the public GitHub file Cabooki/devops-netology, 03-sysadmin-08-net), Cisco technote 116511 "BGP Table
 *   Version" (indentation restored as IOS prints it), and the INE community thread "Show ip bgp
 *   x.x.x.x/y output" (`2, (received & used)`). The asdot path and the IPv6 reply use the same layout
 *   with documentation addresses. Login is IOS's `login local`: Username:, then Password:.
 * - GateD's GII: the session in GateD's documentation (docstore.mik.ua/gated/node51.html) and the
 *   greeting bytes Super Sparrow logged (IAC WILL ECHO, `Password? `, `100 Gated Interactive
 *   Interface. Version …`); every line of output carries a `100 ` prefix, the prompt is `GateD> `.
 */

/** A scripted TCP server on 127.0.0.1 at a free port, its sockets destroyed on close. */
export abstract class FakeServer {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  port = 0;
  commands: string[] = [];
  connections = 0;

  constructor() {
    this.#server = createServer((socket) => {
      this.connections++;
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => undefined);
      socket.setEncoding('latin1');
      this.serve(socket);
    });
  }

  protected abstract serve(socket: Socket): void;

  /** Reads client lines, telnet option replies stripped as a real router does. */
  protected lines(socket: Socket, onLine: (line: string) => void): void {
    let buffer = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk.replace(/\xff[\xfb-\xfe][\s\S]|\xff\xfa[\s\S]*?\xff\xf0/g, '');
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        onLine(line);
      }
    });
  }

  async listen(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(port, '127.0.0.1', resolve));
    const address = this.#server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

const crlf = (lines: readonly string[]): string => lines.map((l) => `${l}\r\n`).join('');

export const IOS_REPLIES: Readonly<Record<string, string>> = {
  'show ip bgp 94.41.85.255': crlf([
    'BGP routing table entry for 94.41.84.0/23, version 971109021',
    'Paths: (2 available, best #2, table default)',
    '  Not advertised to any peer',
    '  Refresh Epoch 1',
    '  3267 24955',
    '    194.85.40.15 from 194.85.40.15 (185.141.126.1)',
    '      Origin IGP, metric 0, localpref 100, valid, external',
    '      path 7FE1671D4398 RPKI State valid',
    '      rx pathid: 0, tx pathid: 0',
    '  Refresh Epoch 1',
    '  6939 24955',
    '    64.71.137.241 from 64.71.137.241 (216.218.252.164)',
    '      Origin IGP, localpref 100, valid, external, best',
    '      path 7FE18B6F68A8 RPKI State valid',
    '      rx pathid: 0, tx pathid: 0x0',
  ]),
  'show ip bgp 10.100.1.1': crlf([
    'BGP routing table entry for 10.100.1.1/32, version 2',
    'Paths: (2 available, best #2, table default)',
    '  Advertised to update-groups:',
    '     1',
    '  Refresh Epoch 1',
    '  5 4',
    '    10.1.5.5 from 10.1.5.5 (10.1.5.5)',
    '      Origin IGP, localpref 100, valid, external',
    '      rx pathid: 0, tx pathid: 0',
    '  Refresh Epoch 1',
    '  4',
    '    10.1.3.4 from 10.1.3.4 (10.100.1.1)',
    '      Origin IGP, metric 0, localpref 100, valid, external, best',
    '      rx pathid: 0, tx pathid: 0x0',
  ]),
  'show ip bgp 2.2.2.2': crlf([
    'BGP routing table entry for 2.2.2.2/32, version 3',
    'Paths: (1 available, best #1, table default)',
    '  Advertised to update-groups:',
    '     1',
    '  Refresh Epoch 1',
    '  2, (received & used)',
    '    10.0.12.2 from 10.0.12.2 (2.2.2.2)',
    '      Origin IGP, metric 0, localpref 100, valid, external, best',
    '      rx pathid: 0, tx pathid: 0x0',
  ]),
  'show ip bgp 192.0.2.1': crlf([
    'BGP routing table entry for 192.0.2.0/24, version 7',
    'Paths: (1 available, best #1, table default)',
    '  Not advertised to any peer',
    '  Refresh Epoch 2',
    '  1.10 64702',
    '    198.51.100.1 from 198.51.100.1 (198.51.100.1)',
    '      Origin IGP, localpref 100, valid, external, best',
    '      rx pathid: 0, tx pathid: 0x0',
  ]),
  'show bgp ipv6 unicast 2001:db8:193::1': crlf([
    'BGP routing table entry for 2001:DB8:193::/48, version 12',
    'Paths: (1 available, best #1, table default)',
    '  Not advertised to any peer',
    '  Refresh Epoch 1',
    '  64702 64602',
    '    2001:DB8:193::11 (FE80::1) from 2001:DB8:193::11 (198.51.100.11)',
    '      Origin IGP, localpref 100, valid, external, best',
    '      rx pathid: 0, tx pathid: 0x0',
  ]),
};

/** FAKE Cisco IOS vty (see the header for the sources of its replies). */
/** A route in IOS's detail layout, as in the published replies above. */
function iosReply(route: FakeRoute): string {
  const best = route.paths.findIndex((p) => p.best) + 1;
  return crlf([
    `BGP routing table entry for ${formatPrefix(route.prefix).toUpperCase()}, version 5`,
    `Paths: (${route.paths.length} available, best #${best}, table default)`,
    '  Not advertised to any peer',
    ...route.paths.flatMap((p) => [
      '  Refresh Epoch 1',
      `  ${p.path}`,
      '    192.0.2.254 from 192.0.2.254 (192.0.2.254)',
      `      Origin IGP, localpref 100, valid, external${p.best ? ', best' : ''}`,
      '      rx pathid: 0, tx pathid: 0x0',
    ]),
  ]);
}

export class FakeIosVty extends FakeServer {
  constructor(
    private readonly credentials = { username: 'rviews', password: 'ios-secret' },
    private readonly routes: readonly FakeRoute[] = [],
  ) {
    super();
  }

  protected serve(socket: Socket): void {
    socket.write('\r\n\r\nUser Access Verification\r\n\r\nUsername: ');
    let step: 'username' | 'password' | 'exec' = 'username';
    let username = '';
    this.lines(socket, (line) => {
      if (step === 'username') {
        username = line;
        step = 'password';
        socket.write('Password: ');
        return;
      }
      if (step === 'password') {
        if (username === this.credentials.username && line === this.credentials.password) {
          step = 'exec';
          socket.write('\r\nroute-views>');
          return;
        }
        socket.write('\r\n% Login invalid\r\n\r\nUsername: ');
        step = 'username';
        return;
      }
      this.commands.push(line);
      const asked = /^show (?:ip bgp|bgp ipv6 unicast) (\S+)$/.exec(line)?.[1];
      const route = asked ? coveringRoutes(this.routes, asked)[0] : undefined;
      const known = this.routes.length > 0 ? (route ? iosReply(route) : undefined) : IOS_REPLIES[line];
      const reply =
        line === 'terminal length 0'
          ? ''
          : (known ?? (asked ? '% Network not in table\r\n' : "% Invalid input detected at '^' marker.\r\n"));
      socket.write(`${line}\r\n${reply}route-views>`);
    });
  }
}

export const GII_ROUTES: ReadonlyArray<readonly [string, string]> = [
  ['0/0', '100 Sta 0/0 192.168.193.1 IGP (Id 1)'],
  ['192.168.193/24', '100 BGP 192.168.193/24 192.168.192.13 64700 64602 IGP (Id 4)'],
  ['10/8', '100 BGP 10/8 192.168.193.1 64600 64601 64603 IGP (Id 5)'],
  ['10.1/16', '100 BGP 10.1/16 192.168.192.13 64700 64701 64605 IGP (Id 6)'],
];

/** FAKE GateD GII (see the header). Routes are POP Y's view: POP X is AS 64700. */
/** GateD's prefix spelling: trailing zero octets left out (`192.168.193/24`, `10/8`). */
function gatedPrefix(prefix: Prefix): string {
  const [address, length] = formatPrefix(prefix).split('/');
  const octets = address!.split('.');
  while (octets.length > 1 && octets[octets.length - 1] === '0') octets.pop();
  return `${octets.join('.')}/${length}`;
}

function giiLine(route: FakeRoute): string {
  const best = route.paths.find((p) => p.best)!.path;
  if (best === 'Local') return `100 Sta ${gatedPrefix(route.prefix)} 192.0.2.254 IGP (Id 1)`;
  return `100 BGP ${gatedPrefix(route.prefix)} 192.0.2.254 ${best.replace(/\{([^}]*)\}/g, (_, m: string) => `{${m.split(',').join(' ')}}`)} IGP (Id 2)`;
}

export class FakeGii extends FakeServer {
  constructor(
    private readonly password = 'frub',
    private readonly withDefault = true,
    private readonly routes?: readonly FakeRoute[],
  ) {
    super();
  }

  protected serve(socket: Socket): void {
    socket.write('\xff\xfb\x01Password? ', 'latin1');
    let loggedIn = false;
    this.lines(socket, (line) => {
      if (!loggedIn) {
        if (line !== this.password) {
          socket.end('login: Password verification failed\r\n');
          return;
        }
        loggedIn = true;
        socket.write('\xff\xfc\x01\r\n100 Gated Interactive Interface. Version gated-public-3_6\r\nGateD> ', 'latin1');
        return;
      }
      this.commands.push(line);
      const m = /^show ip walkup (\d+\.\d+\.\d+\.\d+)\/32$/.exec(line);
      if (!m) {
        socket.write(`${line}\r\n500 Unknown command: ${line}\r\nGateD> `);
        return;
      }
      if (this.routes) {
        socket.write(
          `${line}\r\n${coveringRoutes(this.routes, m[1]!)
            .map((r) => `${giiLine(r)}\r\n`)
            .join('')}GateD> `,
        );
        return;
      }
      const octets = m[1]!.split('.').map(Number);
      const covering = GII_ROUTES.filter(([dest]) => {
        const [net, len] = dest.split('/');
        const parts = net!.split('.').map(Number);
        while (parts.length < 4) parts.push(0);
        const bits = Number(len);
        const value = (o: number[]): number => ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
        const mask = bits === 0 ? 0 : (-1 << (32 - bits)) >>> 0;
        return (dest !== '0/0' || this.withDefault) && (value(octets) & mask) >>> 0 === (value(parts) & mask) >>> 0;
      }).reverse();
      socket.write(`${line}\r\n${covering.map(([, out]) => `${out}\r\n`).join('')}GateD> `);
    });
  }
}
