export { RouteServerError } from '../core/route-server-error.js';
export function tableSource(routeServer) {
    return 'decided' in routeServer ? routeServer : undefined;
}
export function pathSearch(routeServer) {
    return 'routesThrough' in routeServer ? routeServer : undefined;
}
/** Why the route server last failed, where it keeps that. */
export function lastErrorOf(routeServer) {
    return 'lastError' in routeServer ? routeServer.lastError : undefined;
}
export function sessionSource(routeServer) {
    return 'bgpSessions' in routeServer ? routeServer : undefined;
}
/** Starts the route server and, for a table, settles once the first one is in memory (rejecting if it cannot load). */
export async function startRouteServer(routeServer) {
    routeServer.start();
    await tableSource(routeServer)?.whenLoaded();
}
//# sourceMappingURL=route-server.js.map