import type { ClientAddress } from '../core/address.js';
import { CliRouteServer, type RouterDialect } from './session-route-server.js';
import { parseFrrJsonShowBgp } from '../parsers/frr-json-show-bgp.js';
import { formatPrefix, type Prefix } from '../core/prefix.js';
import { VtySession, type VtySessionOptions } from '../sessions/vty-session.js';
import { parseLongerPrefixesCount, parseZebraShowBgp } from '../parsers/zebra-show-bgp.js';

/**
 * `text`: Zebra, Quagga and FRR detail output; `json`: FRR's JSON of the same; `cisco`: Cisco IOS,
 * whose detail output the text parser shares and whose IPv6 command differs.
 */
export type ZebraDialect = 'text' | 'json' | 'cisco';

const DIALECT_NAMES: Readonly<Record<ZebraDialect, string>> = { text: 'zebra', json: 'frr-json', cisco: 'cisco' };

export type ZebraOptions = VtySessionOptions & { readonly dialect?: ZebraDialect };

export function showBgpCommand(address: ClientAddress, dialect: ZebraDialect = 'text'): string {
  if (address.family === 4) return dialect === 'json' ? `show ip bgp ${address.text} json` : `show ip bgp ${address.text}`;
  if (dialect === 'cisco') return `show bgp ipv6 unicast ${address.text}`;
  return dialect === 'json' ? `show bgp ipv6 ${address.text} json` : `show bgp ipv6 ${address.text}`;
}

export function longerPrefixesCommand(prefix: Prefix): string {
  return prefix.family === 4 ? `show ip bgp ${formatPrefix(prefix)} longer-prefixes` : `show bgp ipv6 ${formatPrefix(prefix)} longer-prefixes`;
}

export function zebraDialect(options: ZebraOptions): RouterDialect {
  const dialect = options.dialect ?? 'text';
  const base: RouterDialect = {
    description: `${DIALECT_NAMES[dialect]} ${options.host}:${options.port}`,
    open: () => VtySession.open(options),
    lookupCommand: (address) => showBgpCommand(address, dialect),
    parseLookup: dialect === 'json' ? parseFrrJsonShowBgp : parseZebraShowBgp,
  };
  // IOS's longer-prefixes syntax and summary differ and cannot be checked here: its answers stay per address.
  if (dialect === 'cisco') return base;
  return { ...base, exclusiveCommand: longerPrefixesCommand, parseExclusive: (reply) => parseLongerPrefixesCount(reply) === 1 };
}

/** `route_server zebra`, `frr-json` and `cisco`: a Zebra-family router over its telnet vty. */
export class ZebraRouteServer extends CliRouteServer {
  constructor(readonly options: ZebraOptions, onStateChange?: (state: string, detail: string) => void) {
    super(zebraDialect(options), onStateChange);
  }
}
