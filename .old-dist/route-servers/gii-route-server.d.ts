import { type VtySessionOptions } from '../sessions/vty-session.js';
import type { RouteServerListener } from './route-server.js';
import { SessionRouteServer, type RouterCommands } from './session-route-server.js';
export declare function giiCommands(options: VtySessionOptions): RouterCommands;
/** `route_server gated`: GateD's Gated Interactive Interface (GII), telnet on port 616. */
export declare class GatedRouteServer extends SessionRouteServer {
    constructor(options: VtySessionOptions, onEvent?: RouteServerListener);
}
