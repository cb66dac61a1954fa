import { type BirdSessionOptions } from '../sessions/bird-session.js';
import type { RouteServerListener } from './route-server.js';
import { SessionRouteServer, type RouterCommands } from './session-route-server.js';
export declare function birdCommands(options: BirdSessionOptions): RouterCommands;
/** `route_server bird`: BIRD 2 through its control socket (`host` is the socket's path). */
export declare class BirdRouteServer extends SessionRouteServer {
    constructor(options: BirdSessionOptions, onEvent?: RouteServerListener);
}
