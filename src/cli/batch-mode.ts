import { type BatchAnswerer, runBatch } from '../batch/batch-loop.js';
import { startRouteServer } from '../route-servers/route-server.js';
import { EXIT_OK, EXIT_USAGE, type Signal } from './io.js';
import type { CliContext } from './context.js';
import { answerRecord } from './records.js';
import { report } from './report.js';
import { errorMessage } from '../io/error-message.js';

/**
 * Batch mode, Apache's `prg:` map: one answer line per key line within the deadline, until end of
 * input, SIGTERM, SIGHUP (Apache's restarts) or SIGINT; SIGUSR2 logs the counters. A route table that
 * cannot be loaded at all ends it with status 2, as a bad config file does.
 */
export function serveBatch(ctx: CliContext): Promise<number> {
  const { resolver, config } = ctx;
  const { format } = config;
  const fallback = (): string => resolver.options.self;
  return serveLines(ctx, fallback, (key) => {
    const decision = resolver.decide(key, config.deadlineMs);
    if (!(decision instanceof Promise)) {
      report(ctx, key, decision);
      return format === 'plain' ? decision.answer : answerRecord(format, key, decision);
    }
    return decision.then((d) => {
      report(ctx, key, d);
      return answerRecord(format, key, d);
    });
  });
}

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
