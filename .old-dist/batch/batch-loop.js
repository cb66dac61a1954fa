import { LineSplitter } from '../io/line-splitter.js';
import { LineWriter } from '../io/line-writer.js';
/** Keys read ahead of their answers before input is paused. */
const MAX_QUEUED_KEYS = 10_000;
/**
 * The RewriteMap `prg:` loop: one `\n`-terminated answer per `\n`-terminated key, in order, each
 * written as soon as it is known. Answers known at once are written together per input chunk;
 * a key that must wait flushes everything before it first. Resolves at end of input.
 */
export function runBatch(input, output, answerer, 
/** The line for a key whose answerer failed (a defect): one line per key whatever happens. */
fallback = () => 'NULL') {
    const splitter = new LineSplitter();
    const queue = [];
    let head = 0;
    let answered = 0;
    let pumping = false;
    let ended = false;
    let finish = () => undefined;
    const done = new Promise((resolve) => {
        finish = resolve;
    });
    const writer = new LineWriter(output);
    // One wait for the reader at a time: a slow reader must not pile up listeners.
    let awaitingDrain = false;
    const write = (text) => {
        if (text === '' || writer.write(text) || awaitingDrain)
            return;
        awaitingDrain = true;
        input.pause();
        void writer.ready().then(() => {
            awaitingDrain = false;
            if (!ended)
                input.resume();
        });
    };
    const pump = async () => {
        if (pumping)
            return;
        pumping = true;
        let pendingOut = '';
        while (head < queue.length) {
            const key = queue[head++];
            let answer;
            try {
                answer = answerer(key);
            }
            catch (e) {
                answer = fallback(key, e);
            }
            if (typeof answer !== 'string') {
                write(pendingOut);
                pendingOut = '';
                answer = await answer.catch((e) => fallback(key, e));
            }
            pendingOut += `${answer}\n`;
            answered++;
            if (pendingOut.length > 65536) {
                write(pendingOut);
                pendingOut = '';
            }
        }
        write(pendingOut);
        queue.length = 0;
        head = 0;
        pumping = false;
        if (input.isPaused() && !ended && !awaitingDrain)
            input.resume();
        if (ended)
            finish(answered);
    };
    input.on('data', (chunk) => {
        const keys = splitter.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
        if (keys.length === 0)
            return;
        for (const k of keys)
            queue.push(k);
        if (queue.length - head > MAX_QUEUED_KEYS)
            input.pause();
        void pump();
    });
    input.once('end', () => {
        const last = splitter.end();
        if (last !== undefined)
            queue.push(last);
        ended = true;
        if (!pumping)
            void pump();
    });
    input.once('error', () => {
        ended = true;
        if (!pumping)
            void pump();
    });
    return done;
}
//# sourceMappingURL=batch-loop.js.map