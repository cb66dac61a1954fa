import { CommandSession, type CommandSessionOptions, type ReplyComplete } from './command-session.js';
export interface VtySessionOptions extends CommandSessionOptions {
    readonly host: string;
    readonly port: number;
    readonly username?: string | undefined;
    readonly password?: string | undefined;
    /** Sent once logged in; default `terminal length 0`, so that no pager interrupts a reply. */
    readonly setupCommands?: readonly string[];
}
/**
 * One logged-in telnet session to a Zebra-family vty (or GateD's GII). telnet-client provides the
 * connection and the byte stream; login and reply framing are done here on the whole stream, because
 * prompts can be split across TCP segments.
 */
export declare class VtySession extends CommandSession {
    #private;
    private constructor();
    get hostname(): string;
    get greeting(): string;
    get where(): string;
    /** Resolves once logged in with paging off; rejects with a RouteServerError. */
    static open(options: VtySessionOptions): Promise<VtySession>;
    /** As UTF-8: a password with non-ASCII letters goes out as the bytes the router's config file holds. */
    protected write(text: string): void;
    protected destroyTransport(): void;
    protected replyComplete(): ReplyComplete;
    protected readReply(received: string, command: string): string;
}
