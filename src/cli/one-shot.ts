import { EXIT_FALLBACK, EXIT_OK } from './io.js';
import { answerRecord } from './records.js';
import type { CliContext } from './context.js';
import { isRouteServerAnswer } from '../resolver/resolver.js';
import { explain } from './report.js';

/** `supersparrow ADDRESS…`: one answer per address; status 1 when any was not the route server's real answer. */
export async function answerOnce(ctx: CliContext, keys: readonly string[]): Promise<number> {
  const { io, resolver, routeServer, log } = ctx;
  try {
    await routeServer.whenLoaded?.();
    let status = EXIT_OK;
    for (const key of keys) {
      const decision = await resolver.resolve(key);
      io.stdout.write(`${answerRecord(ctx.config.format, key, decision)}\n`);
      if (ctx.config.verbose) explain(ctx, key, decision);
      else if (decision.error || decision.reason === 'invalid-key')
        log.line(`${key}: ${decision.error ?? `not an IP address (${decision.keyRejection})`}`);
      if (!isRouteServerAnswer(decision)) status = EXIT_FALLBACK;
    }
    return status;
  } finally {
    await routeServer.close();
  }
}
