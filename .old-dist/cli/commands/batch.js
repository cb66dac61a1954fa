import { serveLines } from '../process/line-service.js';
import { answerRecord } from '../views/records.js';
import { report } from '../views/report.js';
import { ONE_OFF } from './command.js';
/**
 * Batch mode, Apache's `prg:` map: one answer line per key line within the deadline, until end of
 * input, SIGTERM, SIGHUP (Apache's restarts) or SIGINT; SIGUSR2 logs the counters. A route table that
 * cannot be loaded at all ends it with status 2, as a bad config file does.
 */
export function serveBatch(ctx) {
    const { resolver, config } = ctx;
    const { format } = config;
    const fallback = () => resolver.options.self;
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
/** `--batch`, or a pipe on stdin: Apache's map. */
export const command = {
    ...ONE_OFF,
    name: 'batch',
    serving: true,
    metered: true,
    run: (ctx) => serveBatch(ctx),
};
//# sourceMappingURL=batch.js.map