import { sleep } from '../io/sleep.js';
import { startRouteServer } from '../route-servers/route-server.js';
/**
 * For a run that answers once and exits (`--status`, `--export`, `--plan`): the route server
 * connected (within `waitMs`) or its table loaded, then one look at the sessions, the health checks
 * and the drains.
 */
export async function takeOneLook(runtime, waitMs = runtime.config.timeoutMs) {
    const { routeServer, pops } = runtime;
    const started = Date.now();
    await startRouteServer(routeServer);
    while (!routeServer.available && Date.now() - started < waitMs)
        await sleep(20);
    await pops.firstLook();
    pops.availability.refresh();
}
//# sourceMappingURL=first-look.js.map