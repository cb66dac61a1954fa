import { RouteServerError } from '../core/route-server-error.js';
import { errorMessage } from '../io/error-message.js';
/** A reply larger than this means something is wrong (a pager loop, a wrong command). */
export const MAX_REPLY_BYTES = 8 * 1024 * 1024;
/** How much of the end of what was received a completion test sees: prompts and final lines are short. */
const DEFAULT_TAIL_LENGTH = 1024;
/**
 * The discipline every router session keeps, whatever its transport: commands run one at a time, in
 * order, each within the timeout; received text is buffered in chunks and only its tail is tested for
 * completion, so a reply costs time linear in its size; past `MAX_REPLY_BYTES` the session dies. The
 * first failure kills the session for good (a late reply would be read as the next command's) and
 * tells whoever listens, so that the owner reconnects.
 */
export class CommandSession {
    options;
    #queue = Promise.resolve();
    #pending = 0;
    #failure;
    #died;
    /** Settles with the first failure, once: the session is dead for good from then on. */
    died = new Promise((resolve) => {
        this.#died = resolve;
    });
    #chunks = [];
    #length = 0;
    #tail = '';
    #waiter;
    constructor(options) {
        this.options = options;
    }
    get alive() {
        return this.#failure === undefined;
    }
    get failure() {
        return this.#failure;
    }
    /** The last characters received and not yet taken. */
    get receivedTail() {
        return this.#tail;
    }
    /** Completion tests see at least this many of the last characters received. */
    get tailLength() {
        return DEFAULT_TAIL_LENGTH;
    }
    run(command) {
        // An idle session runs the command at once; a busy one queues it behind the others.
        const result = this.#pending === 0 ? this.#exec(command) : this.#queue.then(() => this.#exec(command));
        this.#pending++;
        const settled = result.then(() => {
            this.#pending--;
        }, () => {
            this.#pending--;
        });
        this.#queue = settled;
        return result;
    }
    kill(error) {
        if (this.#failure)
            return;
        this.#failure = error;
        this.#chunks = [];
        this.#tail = '';
        this.#length = 0;
        this.destroyTransport();
        const waiter = this.#waiter;
        this.#waiter = undefined;
        waiter?.reject(error);
        this.#died(error);
    }
    close() {
        this.kill(new RouteServerError('unavailable', `session to ${this.where} closed`));
    }
    /** Runs connect, greeting and login within the timeout; any failure kills the session. */
    async establish(steps) {
        const timer = setTimeout(() => this.kill(new RouteServerError('timeout', `route server ${this.where} did not complete login within ${this.options.timeoutMs} ms (option timeout)`)), this.options.timeoutMs);
        try {
            await steps();
        }
        catch (e) {
            this.kill(e instanceof RouteServerError ? e : new RouteServerError('unavailable', `route server ${this.where}: ${errorMessage(e)}`));
            throw this.#failure;
        }
        finally {
            clearTimeout(timer);
        }
        if (this.#failure)
            throw this.#failure;
    }
    /** Feeds text from the transport. */
    receive(text) {
        if (this.#failure || text === '')
            return;
        this.#chunks.push(text);
        this.#length += text.length;
        if (this.#length > MAX_REPLY_BYTES) {
            this.kill(new RouteServerError('protocol', `route server ${this.where} sent more than ${MAX_REPLY_BYTES} bytes without completing a reply`));
            return;
        }
        const tail = this.#tail + text;
        this.#tail = tail.length > 2 * this.tailLength ? tail.slice(-this.tailLength) : tail;
        const waiter = this.#waiter;
        if (waiter?.complete(this.#tail, this.#tail.length === this.#length)) {
            this.#waiter = undefined;
            waiter.resolve(this.#take());
        }
    }
    /** Waits until `complete` holds for what was received; resolves with all of it, and forgets it. */
    awaitReceived(complete) {
        return new Promise((resolve, reject) => {
            if (this.#failure) {
                reject(this.#failure);
                return;
            }
            if (this.#length > 0 && complete(this.#tail, this.#tail.length === this.#length)) {
                resolve(this.#take());
                return;
            }
            this.#waiter = { complete, resolve, reject };
        });
    }
    /** Forgets what was received and not yet taken (before a new command). */
    discardReceived() {
        this.#take();
    }
    send(line, shown = line) {
        this.options.onDialogue?.('sent', shown);
        this.write(`${line}\n`);
    }
    async #exec(command) {
        if (this.#failure)
            throw this.#failure;
        if (/[\r\n]/.test(command))
            throw new RouteServerError('protocol', 'a command must be one line');
        this.discardReceived();
        const sentAt = performance.now();
        const timer = setTimeout(() => this.kill(new RouteServerError('timeout', `route server ${this.where} did not answer "${command}" within ${this.options.timeoutMs} ms (option timeout)`, sentAt)), this.options.timeoutMs);
        try {
            const reply = this.awaitReceived(this.replyComplete());
            this.send(command);
            const received = await reply;
            this.options.onDialogue?.('received', received);
            return this.readReply(received, command);
        }
        finally {
            clearTimeout(timer);
        }
    }
    #take() {
        const all = this.#chunks.length === 1 ? this.#chunks[0] : this.#chunks.join('');
        this.#chunks = [];
        this.#length = 0;
        this.#tail = '';
        return all;
    }
}
//# sourceMappingURL=command-session.js.map