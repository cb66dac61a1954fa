import type { ClientAddress } from '../core/address.js';
import { type Prefix } from '../core/prefix.js';
import { type VtySessionOptions } from '../sessions/vty-session.js';
import type { RouteServerListener } from './route-server.js';
import { SessionRouteServer, type RouterCommands } from './session-route-server.js';
/**
 * Which vty output is read: `zebra`, the detail text of GNU Zebra, Quagga and FRR; `frr-json`, FRR's
 * JSON of the same; `cisco`, Cisco IOS, whose detail text the Zebra parser shares and whose IPv6
 * command differs.
 */
export type VtyFlavour = 'zebra' | 'frr-json' | 'cisco';
export type VtyRouteServerOptions = VtySessionOptions & {
    readonly flavour?: VtyFlavour;
};
export declare function showBgpCommand(address: ClientAddress, flavour?: VtyFlavour): string;
export declare function longerPrefixesCommand(prefix: Prefix): string;
export declare function vtyCommands(options: VtyRouteServerOptions): RouterCommands;
/** `route_server zebra`, `frr-json` and `cisco`: a router's telnet vty. */
export declare class VtyRouteServer extends SessionRouteServer {
    readonly options: VtyRouteServerOptions;
    constructor(options: VtyRouteServerOptions, onEvent?: RouteServerListener);
}
