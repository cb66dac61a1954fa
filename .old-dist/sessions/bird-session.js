import { createConnection } from 'node:net';
import { RouteServerError } from '../core/route-server-error.js';
import { CommandSession } from './command-session.js';
/** A reply ends at the first line whose 4-digit code is followed by a space (BIRD's doc/reply_codes). */
const FINAL_LINE_ANYWHERE = /(?:^|\n)\d{4} [^\n]*\n$/;
const FINAL_LINE_AFTER_NEWLINE = /\n\d{4} [^\n]*\n$/;
export const birdReplyComplete = (tail, whole) => (whole ? FINAL_LINE_ANYWHERE : FINAL_LINE_AFTER_NEWLINE).test(tail);
/**
 * One session on BIRD's control socket: the `0001` greeting, then `restrict` so that the session can
 * only read, then one command at a time, each reply ending at its final `DDDD ` line.
 */
export class BirdSession extends CommandSession {
    bird;
    #socket;
    greeting = '';
    constructor(bird) {
        super(bird);
        this.bird = bird;
    }
    get where() {
        return `BIRD at ${this.bird.socketPath}`;
    }
    static async open(options) {
        const session = new BirdSession(options);
        await session.establish(async () => {
            const greeting = await session.#connect();
            session.greeting = greeting.trim().replace(/^0001 /, '');
            await session.run('restrict');
        });
        return session;
    }
    write(text) {
        this.#socket?.write(text);
    }
    destroyTransport() {
        this.#socket?.destroy();
    }
    replyComplete() {
        return birdReplyComplete;
    }
    readReply(received) {
        return received;
    }
    #connect() {
        const socket = createConnection({ path: this.bird.socketPath });
        this.#socket = socket;
        socket.setEncoding('latin1');
        socket.on('data', (chunk) => this.receive(chunk));
        socket.on('close', () => this.kill(new RouteServerError('unavailable', `${this.where} closed the connection`)));
        socket.on('error', (e) => this.kill(new RouteServerError('unavailable', `${this.where}: ${e.message}; check the "host" setting (the control socket path) and its permissions`)));
        return this.awaitReceived(birdReplyComplete);
    }
}
//# sourceMappingURL=bird-session.js.map