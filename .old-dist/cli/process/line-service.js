import { runBatch } from '../../batch/batch-loop.js';
import { errorMessage } from '../../io/error-message.js';
import { startRouteServer } from '../../route-servers/route-server.js';
import { EXIT_USAGE } from './io.js';
import { untilStopped } from './until-stopped.js';
/** A line protocol on stdin and stdout (a map, a pipe backend), ended by end of input or a signal. */
export function serveLines(ctx, fallback, answer) {
    const { io, resolver, routeServer, log } = ctx;
    const run = untilStopped(io, {
        stopOn: ['SIGTERM', 'SIGHUP', 'SIGINT'],
        also: new Map([['SIGUSR2', () => log.line(`stats: ${resolver.stats.summary()}`)]]),
        finish: async (why) => {
            log.line(`${why}: ${resolver.stats.summary()}`);
            await routeServer.close();
        },
    });
    startRouteServer(routeServer).catch((e) => {
        log.line(`cannot load the route table: ${errorMessage(e)}`);
        run.stop('stopping', EXIT_USAGE);
    });
    const failed = (key, e) => {
        log.warnLimited('answer-failed', `internal error answering ${JSON.stringify(key.slice(0, 64))}, answered ${fallback()}: ${errorMessage(e)}`);
        return fallback();
    };
    void runBatch(io.stdin, io.stdout, answer, failed).then(() => run.stop('end of input'));
    return run.done;
}
//# sourceMappingURL=line-service.js.map