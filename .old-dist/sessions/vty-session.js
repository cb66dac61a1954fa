import { Telnet } from 'telnet-client';
import { classifyLogin, pinnedPrompt, takeReply, TelnetStripper } from '../parsers/vty-dialogue.js';
import { RouteServerError } from '../core/route-server-error.js';
import { CommandSession } from './command-session.js';
import { errorMessage } from '../io/error-message.js';
/**
 * One logged-in telnet session to a Zebra-family vty (or GateD's GII). telnet-client provides the
 * connection and the byte stream; login and reply framing are done here on the whole stream, because
 * prompts can be split across TCP segments.
 */
export class VtySession extends CommandSession {
    #telnet = new Telnet();
    #stripper = new TelnetStripper();
    #vty;
    #prompt = /\n\S+[>#] $/;
    #hostname = '';
    constructor(options) {
        super(options);
        this.#vty = options;
    }
    get hostname() {
        return this.#hostname;
    }
    get greeting() {
        return `prompt ${this.#hostname}`;
    }
    get where() {
        return `${this.#vty.host}:${this.#vty.port}`;
    }
    /** Resolves once logged in with paging off; rejects with a RouteServerError. */
    static async open(options) {
        const session = new VtySession(options);
        await session.establish(async () => {
            await session.#connect();
            await session.#login();
        });
        for (const command of options.setupCommands ?? ['terminal length 0'])
            await session.run(command);
        return session;
    }
    /** As UTF-8: a password with non-ASCII letters goes out as the bytes the router's config file holds. */
    write(text) {
        this.#telnet.getSocket()?.write(text);
    }
    destroyTransport() {
        void this.#telnet.destroy().catch(() => undefined);
    }
    replyComplete() {
        const prompt = this.#prompt;
        return (tail) => prompt.test(tail);
    }
    readReply(received, command) {
        return takeReply(received, this.#prompt, command) ?? '';
    }
    async #connect() {
        const params = {
            host: this.#vty.host,
            port: this.#vty.port,
            timeout: this.#vty.timeoutMs,
            negotiationMandatory: false,
            encoding: 'latin1',
        };
        // telnet-client answers options only in chunks that start with IAC, and then writes even a lone
        // IAC byte back, which a vty reads as the start of a command and so eats a byte of the password.
        // Zebra-family vtys need no answers: the options are stripped from the stream instead.
        this.#telnet.negotiate = (chunk) => chunk;
        try {
            // No prompt patterns: telnet-client must not try to log in by itself (it matches per chunk).
            await this.#telnet.connect({ ...params, shellPrompt: null, loginPrompt: null, passwordPrompt: null, failedLoginMatch: null });
        }
        catch (e) {
            const message = errorMessage(e);
            throw /Cannot connect|timeout/i.test(message)
                ? new RouteServerError('timeout', `cannot connect to route server ${this.where} within the timeout`)
                : new RouteServerError('unavailable', `route server ${this.where}: ${message}`);
        }
        const socket = this.#telnet.getSocket();
        if (!socket)
            throw new RouteServerError('unavailable', `route server ${this.where}: no connection`);
        socket.setTimeout(0);
        socket.setNoDelay(true);
        // telnet-client splits every chunk into lines and queues them for nextData() forever unless read
        // that way: the socket is read here instead, whole chunks as latin1 text.
        socket.removeAllListeners('data');
        socket.setEncoding('latin1');
        socket.on('data', (chunk) => this.receive(this.#stripper.push(chunk)));
        const closed = () => this.kill(new RouteServerError('unavailable', `route server ${this.where} closed the connection${this.#closeReason()}`));
        this.#telnet.on('close', closed);
        this.#telnet.on('end', closed);
        this.#telnet.on('error', (e) => this.kill(new RouteServerError('unavailable', `route server ${this.where}: ${errorMessage(e)}`)));
    }
    #closeReason() {
        return /Vty connection is timed out/.test(this.receivedTail) ? ' (its vty exec-timeout closed the idle session)' : '';
    }
    async #login() {
        let sentUsername = false;
        let sentPassword = false;
        for (;;) {
            const received = await this.awaitReceived((tail) => classifyLogin(tail).kind !== 'wait');
            const step = classifyLogin(received.slice(-this.tailLength));
            this.options.onDialogue?.('received', received);
            switch (step.kind) {
                case 'refused':
                    throw new RouteServerError('login', `route server ${this.where}: ${step.message}; check the "password" setting`);
                case 'username':
                    if (sentUsername || this.#vty.username === undefined)
                        throw new RouteServerError('login', `route server ${this.where} asks for a username, and none is configured`);
                    sentUsername = true;
                    this.send(this.#vty.username);
                    break;
                case 'password':
                    if (sentPassword)
                        throw new RouteServerError('login', `route server ${this.where} rejected the password; check the "password" setting`);
                    if (this.#vty.password === undefined)
                        throw new RouteServerError('login', `route server ${this.where} asks for a password; ` +
                            'set one with --password-file, SUPERSPARROW_PASSWORD or "password" in the config file');
                    sentPassword = true;
                    this.send(this.#vty.password, '********');
                    break;
                case 'prompt':
                    this.#hostname = step.hostname;
                    this.#prompt = pinnedPrompt(step.hostname);
                    return;
                case 'wait':
                    break;
            }
        }
    }
}
//# sourceMappingURL=vty-session.js.map