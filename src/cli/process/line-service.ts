import type { BatchAnswerer } from '../../batch/batch-loop.js';
import { runBatch } from '../../batch/batch-loop.js';
import { errorMessage } from '../../io/error-message.js';
import { startRouteServer } from '../../route-servers/route-server.js';
import type { CliContext } from '../context.js';
import { EXIT_OK, EXIT_USAGE, type Signal } from './io.js';

/** A line protocol on stdin and stdout (a map, a pipe backend), ended by end of input or a signal. */
export function serveLines(ctx: CliContext, fallback: () => string, answer: BatchAnswerer): Promise<number> {
  const { io, resolver, routeServer, log } = ctx;
  return new Promise<number>((resolve) => {
    let finished = false;
    const handlers = new Map<Signal, () => void>();
    const finish = (status: number, why: string): void => {
      if (finished) return;
      finished = true;
      // Apache closes the map's stdin and sends SIGTERM a moment later: the handlers stay until the
      // summary is out, or that SIGTERM would end the process with the default action before it.
      log.line(`${why}: ${resolver.stats.summary()}`);
      void routeServer.close().finally(() => {
        for (const [signal, handler] of handlers) io.offSignal(signal, handler);
        resolve(status);
      });
    };
    for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) handlers.set(signal, () => finish(EXIT_OK, signal));
    handlers.set('SIGUSR2', () => log.line(`stats: ${resolver.stats.summary()}`));
    for (const [signal, handler] of handlers) io.onSignal(signal, handler);
    // The reader went away (Apache stopped, `| head` done): nobody is left to answer.
    io.stdout.on('error', () => finish(EXIT_OK, 'output closed'));
    startRouteServer(routeServer).catch((e: unknown) => {
      log.line(`cannot load the route table: ${errorMessage(e)}`);
      finish(EXIT_USAGE, 'stopping');
    });
    const failed = (key: string, e: unknown): string => {
      log.warnLimited(
        'answer-failed',
        `internal error answering ${JSON.stringify(key.slice(0, 64))}, answered ${fallback()}: ${errorMessage(e)}`,
      );
      return fallback();
    };
    void runBatch(io.stdin, io.stdout, answer, failed).then(() => finish(EXIT_OK, 'end of input'));
  });
}
