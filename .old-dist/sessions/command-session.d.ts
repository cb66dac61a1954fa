import { RouteServerError } from '../core/route-server-error.js';
/** Sees the dialogue with a router; the password is never passed to it. */
export type DialogueListener = (direction: 'sent' | 'received', text: string) => void;
export interface CommandSessionOptions {
    /** Limit for connect plus login, and for each command. */
    readonly timeoutMs: number;
    readonly onDialogue?: DialogueListener | undefined;
}
/** A reply larger than this means something is wrong (a pager loop, a wrong command). */
export declare const MAX_REPLY_BYTES: number;
/** Whether a reply is complete, judged on its last characters; `whole` when they are all there is. */
export type ReplyComplete = (tail: string, whole: boolean) => boolean;
/**
 * The discipline every router session keeps, whatever its transport: commands run one at a time, in
 * order, each within the timeout; received text is buffered in chunks and only its tail is tested for
 * completion, so a reply costs time linear in its size; past `MAX_REPLY_BYTES` the session dies. The
 * first failure kills the session for good (a late reply would be read as the next command's) and
 * tells whoever listens, so that the owner reconnects.
 */
export declare abstract class CommandSession {
    #private;
    protected readonly options: CommandSessionOptions;
    /** Settles with the first failure, once: the session is dead for good from then on. */
    readonly died: Promise<RouteServerError>;
    protected constructor(options: CommandSessionOptions);
    /** Names the far end once connected (a vty's hostname, BIRD's version), for logs. */
    abstract readonly greeting: string;
    /** Where the session goes, for messages: `127.0.0.1:2605`, a socket path. */
    abstract readonly where: string;
    get alive(): boolean;
    protected get failure(): RouteServerError | undefined;
    /** The last characters received and not yet taken. */
    protected get receivedTail(): string;
    /** Completion tests see at least this many of the last characters received. */
    protected get tailLength(): number;
    run(command: string): Promise<string>;
    kill(error: RouteServerError): void;
    close(): void;
    /** Runs connect, greeting and login within the timeout; any failure kills the session. */
    protected establish(steps: () => Promise<void>): Promise<void>;
    /** Feeds text from the transport. */
    protected receive(text: string): void;
    /** Waits until `complete` holds for what was received; resolves with all of it, and forgets it. */
    protected awaitReceived(complete: ReplyComplete): Promise<string>;
    /** Forgets what was received and not yet taken (before a new command). */
    protected discardReceived(): void;
    protected send(line: string, shown?: string): void;
    /** Writes raw text to the transport. */
    protected abstract write(text: string): void;
    /** Drops the connection. */
    protected abstract destroyTransport(): void;
    /** When a command's reply is complete. */
    protected abstract replyComplete(): ReplyComplete;
    /** A complete reply's output, without echo and prompt. */
    protected abstract readReply(received: string, command: string): string;
}
