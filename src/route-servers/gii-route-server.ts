import { CliRouteServer, type RouterDialect } from './session-route-server.js';
import { parseGiiWalkup } from '../parsers/gii-walkup.js';
import { VtySession, type VtySessionOptions } from '../sessions/vty-session.js';

export function gatedDialect(options: VtySessionOptions): RouterDialect {
  return {
    description: `gated ${options.host}:${options.port}`,
    // GII knows no pager and no terminal commands.
    open: () => VtySession.open({ ...options, setupCommands: [] }),
    // GII is IPv4 only: for an IPv6 client it has no route.
    lookupCommand: (address) => (address.family === 4 ? `show ip walkup ${address.text}/32` : undefined),
    parseLookup: parseGiiWalkup,
  };
}

/** `route_server gated`: GateD's Gated Interactive Interface (GII), telnet on port 616. */
export class GatedRouteServer extends CliRouteServer {
  constructor(options: VtySessionOptions, onStateChange?: (state: string, detail: string) => void) {
    super(gatedDialect(options), onStateChange);
  }
}
