import { takeOneLook } from '../../runtime/first-look.js';
import { EXIT_NOT_ALL_UP, EXIT_OK } from '../process/io.js';
import { statusSnapshot, statusText } from '../views/status-view.js';
import { ONE_OFF } from './command.js';
/**
 * `--status`: one look at the route server's sessions, the health checks (shared results when other
 * processes are probing) and the drain file. Exit status 1 when a POP is out or the route server down.
 */
export async function showStatus(ctx) {
    const { routeServer, config, io } = ctx;
    try {
        await takeOneLook(ctx.runtime);
        // What this one look found has no known start here: the sessions' own times say more.
        const snapshot = statusSnapshot(ctx, Date.now());
        io.stdout.write(statusText(snapshot, config.format, ctx.paint));
        return snapshot.routeServer.available && snapshot.pops.every((p) => p.why === undefined) ? EXIT_OK : EXIT_NOT_ALL_UP;
    }
    finally {
        await routeServer.close();
    }
}
/** `--status`. */
export const command = {
    ...ONE_OFF,
    name: 'status',
    forPerson: () => true,
    tables: true,
    prometheus: true,
    run: (ctx) => showStatus(ctx),
};
//# sourceMappingURL=status.js.map