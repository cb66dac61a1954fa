import type { Socket } from 'node:net';
import { FakeServer } from './fake-routers.js';

/**
 * FAKE: a Zebra-style vty on 127.0.0.1 for faults no real bgpd can be made to show on demand: a
 * greeting cut into single bytes, a reply cut off half-way and then a stall, a close mid-reply.
 * Its greeting and replies are FRR 8.4's, byte for byte (research transcripts).
 */
export interface FaultVtyOptions {
  readonly password?: string;
  /** Write every server byte in its own segment. */
  readonly byteByByte?: boolean;
  /** For `show ip bgp 192.0.2.66`: 'stall' writes half a reply and stops; 'close' writes half and closes. */
  readonly fault?: 'stall' | 'close';
  /** The first connection is closed when its first lookup arrives, as an idle timeout racing it would. */
  readonly closeFirstLookup?: boolean;
  readonly greeting?: string;
  /** Every session is closed right after login, as a router that drops sessions would. */
  readonly closeAfterLogin?: boolean;
  /** `show ip bgp 10.2.0.0/16 longer-prefixes` lists this many /28s, one write per line, as FRR does. */
  readonly longerPrefixes?: number;
}

const GREETING =
  '\r\nHello, this is FRRouting (version 8.4.4).\r\nCopyright 1996-2005 Kunihiro Ishiguro, et al.\r\n\r\n\r\nUser Access Verification\r\n\r\n\xff\xfb\x01\xff\xfb\x03\xff\xfe"\xff\xfd\x1fPassword: ';
const ROUTE =
  'BGP routing table entry for 192.0.2.0/24, version 2\r\nPaths: (1 available, best #1, table default)\r\n  Not advertised to any peer\r\n  64702 64602\r\n    192.168.193.11 from 127.0.0.3 (127.0.0.3)\r\n      Origin IGP, valid, external, best (First path received)\r\n';

export class FaultVty extends FakeServer {
  constructor(private readonly options: FaultVtyOptions = {}) {
    super();
  }

  #write(socket: Socket, text: string): void {
    if (!this.options.byteByByte) {
      socket.write(text, 'latin1');
      return;
    }
    let i = 0;
    const next = (): void => {
      if (i < text.length && !socket.destroyed) {
        socket.write(text[i++]!, 'latin1');
        setImmediate(next);
      }
    };
    next();
  }

  protected serve(socket: Socket): void {
    const greeting = this.options.greeting ?? GREETING;
    this.#write(socket, greeting);
    if (!greeting.endsWith('Password: ')) {
      socket.end();
      return;
    }
    let loggedIn = false;
    this.lines(socket, (line) => {
      if (!loggedIn) {
        if (line === (this.options.password ?? 'frub')) {
          loggedIn = true;
          this.#write(socket, '\r\njasmine> ');
          if (this.options.closeAfterLogin) socket.end();
        } else this.#write(socket, '\r\nPassword: ');
        return;
      }
      this.#command(socket, line);
    });
  }

  #longerPrefixes(socket: Socket, echo: string, count: number): void {
    socket.write(
      `${echo}BGP table version is 9, local router ID is 127.0.0.1, vrf id 0\r\n   Network          Next Hop            Metric LocPrf Weight Path\r\n`,
      'latin1',
    );
    for (let i = 0; i < count; i++) {
      const network = `10.2.${i >> 4}.${(i & 15) << 4}/28`;
      socket.write(`*> ${network.padEnd(17)}127.0.0.3                0             0 64702 64602 i\r\n`, 'latin1');
    }
    socket.write(`\r\nDisplayed  ${count} routes and ${count} total paths\r\njasmine> `, 'latin1');
  }

  #command(socket: Socket, line: string): void {
    const echo = `${line}\r\n`;
    if (this.options.closeFirstLookup && this.connections === 1 && line.startsWith('show ')) {
      socket.end('\r\nVty connection is timed out.\r\n');
      return;
    }
    if (line === 'show ip bgp 192.0.2.66' && this.options.fault) {
      socket.write(echo + ROUTE.slice(0, 60), 'latin1');
      if (this.options.fault === 'close') socket.end();
      return;
    }
    if (line === 'show ip bgp 10.2.0.0/16 longer-prefixes' && this.options.longerPrefixes !== undefined) {
      this.#longerPrefixes(socket, echo, this.options.longerPrefixes);
      return;
    }
    if (line === 'terminal length 0') {
      this.#write(socket, `${echo}jasmine> `);
      return;
    }
    if (line.startsWith('show ip bgp 192.0.2.')) {
      this.#write(socket, `${echo}${ROUTE}jasmine> `);
      return;
    }
    this.#write(socket, `${echo}% Network not in table\r\njasmine> `);
  }
}
