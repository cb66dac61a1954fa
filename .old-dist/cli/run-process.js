import { exitStatusAfter, OutputWatch } from '../io/output.js';
import { processIo } from './process/io.js';
import { main } from './main.js';
/** sysexits.h: an internal software error. */
const EXIT_SOFTWARE = 70;
/**
 * Runs the command line in this process and exits only once every answer written has reached the
 * reader: stdout on a pipe is written asynchronously, and exiting earlier would drop what is queued.
 */
export async function runProcess(version) {
    const output = new OutputWatch(process.stdout);
    // Nothing left to wait on while the run is unfinished is a defect: say so rather than exit 0.
    const stalled = () => {
        process.stderr.write('supersparrow: internal error: stopped waiting with work unfinished\n');
        process.exit(EXIT_SOFTWARE);
    };
    process.once('beforeExit', stalled);
    // The last line of defence: a handler's throw must not end a map that Apache will never restart.
    let internalErrors = 0;
    const keepRunning = (e) => {
        internalErrors++;
        const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
        process.stderr.write(`supersparrow[${process.pid}]: internal error, still running: ${detail}\n`);
    };
    process.on('uncaughtException', keepRunning);
    process.on('unhandledRejection', keepRunning);
    const status = await main(process.argv.slice(2), processIo(), version);
    process.off('beforeExit', stalled);
    const end = await output.finished();
    if (end === 'failed' && status === 0)
        process.stderr.write(`supersparrow: output not written whole: ${output.error?.message ?? 'write failed'}\n`);
    process.exit(exitStatusAfter(internalErrors > 0 && status === 0 ? EXIT_SOFTWARE : status, end));
}
//# sourceMappingURL=run-process.js.map