import { createConnection, type Socket } from 'node:net';
import type { ClientAddress } from '../core/address.js';
import { formatPrefix, type Prefix } from '../core/prefix.js';
import { birdReplyComplete, parseBirdShowRoute } from '../parsers/bird-show-route.js';
import { CliRouteServer, type RouterDialect } from './session-route-server.js';
import { QueuedSession } from '../sessions/command-session.js';
import { RouteServerError } from './route-server.js';

export interface BirdOptions {
  readonly socketPath: string;
  readonly timeoutMs: number;
  readonly onDialogue?: ((direction: 'sent' | 'received', text: string) => void) | undefined;
}

/** A reply larger than this means something is wrong. */
const MAX_REPLY_BYTES = 8 * 1024 * 1024;

/**
 * One session on BIRD's control socket: the `0001` greeting, then `restrict` so that the session
 * can only read, then one command at a time, each reply ending at its final `DDDD ` line. Any
 * timeout or close kills the session: a late reply would be read as the next command's.
 */
export class BirdSession extends QueuedSession {
  #socket: Socket | undefined;
  #received = '';
  #waiter: { resolve: (text: string) => void; reject: (e: RouteServerError) => void } | undefined;
  greeting = '';

  private constructor(private readonly options: BirdOptions) {
    super();
  }

  static async open(options: BirdOptions): Promise<BirdSession> {
    const session = new BirdSession(options);
    const where = options.socketPath;
    const timer = setTimeout(() => session.kill(new RouteServerError('timeout', `BIRD at ${where} did not greet within ${options.timeoutMs} ms (option timeout)`)), options.timeoutMs);
    try {
      const greeting = await session.#connect();
      session.greeting = greeting.trim().replace(/^0001 /, '');
      await session.run('restrict');
    } catch (e) {
      session.kill(e instanceof RouteServerError ? e : new RouteServerError('unavailable', `BIRD at ${where}: ${(e as Error).message}`));
      throw session.failure;
    } finally {
      clearTimeout(timer);
    }
    return session;
  }

  close(): void {
    this.kill(new RouteServerError('unavailable', `session to BIRD at ${this.options.socketPath} closed`));
  }

  #connect(): Promise<string> {
    const socket = createConnection({ path: this.options.socketPath });
    this.#socket = socket;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.#onData(chunk));
    socket.on('close', () => this.kill(new RouteServerError('unavailable', `BIRD at ${this.options.socketPath} closed the connection`)));
    socket.on('error', (e) => this.kill(new RouteServerError('unavailable', `BIRD at ${this.options.socketPath}: ${e.message}; check the "host" setting (the control socket path) and its permissions`)));
    return this.#waitReply();
  }

  #onData(chunk: string): void {
    this.#received += chunk;
    if (this.#received.length > MAX_REPLY_BYTES) {
      this.kill(new RouteServerError('protocol', `BIRD at ${this.options.socketPath} sent more than ${MAX_REPLY_BYTES} bytes in one reply`));
      return;
    }
    if (this.#waiter && birdReplyComplete(this.#received)) {
      const { resolve } = this.#waiter;
      const reply = this.#received;
      this.#waiter = undefined;
      this.#received = '';
      this.options.onDialogue?.('received', reply);
      resolve(reply);
    }
  }

  #waitReply(): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.failure) { reject(this.failure); return; }
      this.#waiter = { resolve, reject };
    });
  }

  protected async exec(command: string): Promise<string> {
    if (this.failure) throw this.failure;
    const timer = setTimeout(() => this.kill(new RouteServerError('timeout', `BIRD at ${this.options.socketPath} did not answer "${command}" within ${this.options.timeoutMs} ms (option timeout)`)), this.options.timeoutMs);
    try {
      this.#received = '';
      const reply = this.#waitReply();
      this.options.onDialogue?.('sent', command);
      this.#socket!.write(`${command}\n`);
      return await reply;
    } finally {
      clearTimeout(timer);
    }
  }

  protected teardown(error: RouteServerError): void {
    this.#socket?.destroy();
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(error);
  }
}

export function birdDialect(options: BirdOptions): RouterDialect {
  return {
    description: `bird ${options.socketPath}`,
    open: () => BirdSession.open(options),
    lookupCommand: (address: ClientAddress) => `show route for ${address.text} all`,
    parseLookup: parseBirdShowRoute,
    exclusiveCommand: (prefix: Prefix) => `show route in ${formatPrefix(prefix)} count`,
    parseExclusive: (reply: string) => Number(/ for (\d+) networks? /.exec(reply)?.[1] ?? 0) === 1,
  };
}

/** `route_server bird`: BIRD 2 through its control socket (`host` is the socket's path). */
export class BirdRouteServer extends CliRouteServer {
  constructor(options: BirdOptions, onStateChange?: (state: string, detail: string) => void) {
    super(birdDialect(options), onStateChange);
  }
}
