import { errorMessage } from '../../io/error-message.js';
import { EXIT_OK } from './io.js';
/**
 * The lifecycle every long run shares (batch, pdns, exabgp, serve): it stops on any of `stopOn`, on
 * the output closing, or when told; `finish(why, status)` runs once. The signal handlers stay until
 * `finish` is done, so that a second signal meanwhile (Apache sends SIGTERM just after closing the
 * map's input) cannot end the process with the default action before the last line is out.
 */
export function untilStopped(io, options) {
    const handlers = new Map(options.also ?? []);
    let resolveDone;
    const done = new Promise((resolve) => {
        resolveDone = resolve;
    });
    let stopped = false;
    const stop = (why, status = EXIT_OK) => {
        if (stopped)
            return;
        stopped = true;
        void Promise.resolve()
            .then(() => options.finish(why, status))
            .catch((e) => options.onFinishError?.(e instanceof Error ? e : new Error(errorMessage(e))))
            .finally(() => {
            for (const [signal, handler] of handlers)
                io.offSignal(signal, handler);
            resolveDone(status);
        });
    };
    for (const signal of options.stopOn)
        handlers.set(signal, () => stop(signal));
    for (const [signal, handler] of handlers)
        io.onSignal(signal, handler);
    // The reader went away (Apache stopped, `| head` done): nobody is left to answer.
    io.stdout.on('error', () => stop('output closed'));
    return { done, stop };
}
//# sourceMappingURL=until-stopped.js.map