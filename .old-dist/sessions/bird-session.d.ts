import { CommandSession, type CommandSessionOptions, type ReplyComplete } from './command-session.js';
export interface BirdSessionOptions extends CommandSessionOptions {
    readonly socketPath: string;
}
export declare const birdReplyComplete: ReplyComplete;
/**
 * One session on BIRD's control socket: the `0001` greeting, then `restrict` so that the session can
 * only read, then one command at a time, each reply ending at its final `DDDD ` line.
 */
export declare class BirdSession extends CommandSession {
    #private;
    private readonly bird;
    greeting: string;
    private constructor();
    get where(): string;
    static open(options: BirdSessionOptions): Promise<BirdSession>;
    protected write(text: string): void;
    protected destroyTransport(): void;
    protected replyComplete(): ReplyComplete;
    protected readReply(received: string): string;
}
