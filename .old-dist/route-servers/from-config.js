import { DEFAULT_BIRD_SOCKET, DEFAULT_PORTS } from '../config/config.js';
import { parseHostEntry } from '../config/values.js';
/**
 * One route server per configured host, behind failover when there are several. Only the configured
 * type's code is loaded: start-up time is part of every Apache restart.
 */
export async function createRouteServer(config, hooks = {}) {
    switch (config.routeServer) {
        case 'table': {
            const { TableRouteServer } = await import('./table-route-server.js');
            return TableRouteServer.fromFile(config.table, new Set(config.pops.keys()), hooks.onEvent);
        }
        case 'mrt': {
            const { MrtRouteServer } = await import('./mrt-route-server.js');
            return MrtRouteServer.fromFile(config.table, { peer: config.mrtPeer, pops: new Set(config.pops.keys()), onEvent: hooks.onEvent });
        }
        default: {
            const hosts = config.hosts.length > 0 ? config.hosts : [config.routeServer === 'bird' ? DEFAULT_BIRD_SOCKET : '127.0.0.1'];
            const members = await Promise.all(hosts.map((host) => createMember(config, host, hooks)));
            if (members.length === 1)
                return members[0];
            const { FailoverRouteServer } = await import('./failover-route-server.js');
            return new FailoverRouteServer(members, Math.max(10, Math.floor(config.deadlineMs / members.length)));
        }
    }
}
async function createMember(config, entry, hooks) {
    const { host, port } = parseHostEntry(entry);
    const onDialogue = config.debug ? hooks.onDialogue : undefined;
    const session = {
        host,
        port: port ?? config.port ?? DEFAULT_PORTS[config.routeServer] ?? 0,
        username: config.username,
        password: config.password,
        timeoutMs: config.timeoutMs,
        onDialogue,
    };
    switch (config.routeServer) {
        case 'zebra':
        case 'frr-json':
        case 'cisco': {
            const { VtyRouteServer } = await import('./vty-route-server.js');
            return new VtyRouteServer({ ...session, flavour: config.routeServer }, hooks.onEvent);
        }
        case 'gated': {
            const { GatedRouteServer } = await import('./gii-route-server.js');
            return new GatedRouteServer(session, hooks.onEvent);
        }
        case 'bird': {
            const { BirdRouteServer } = await import('./bird-route-server.js');
            return new BirdRouteServer({ socketPath: host, timeoutMs: config.timeoutMs, onDialogue }, hooks.onEvent);
        }
        default:
            throw new Error(`route_server ${config.routeServer} has no hosts`);
    }
}
//# sourceMappingURL=from-config.js.map