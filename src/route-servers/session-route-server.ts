import type { ClientAddress } from '../core/address.js';
import type { Prefix } from '../core/prefix.js';
import { NO_ROUTE, type RouteLookup } from '../core/route.js';
import { RouteServerError, type RouteServer } from './route-server.js';

/** A logged-in command session to a router: one command at a time, dead after any failure. */
export interface CommandSession {
  readonly alive: boolean;
  /** Names the far end once connected (a vty's hostname, BIRD's version), for logs. */
  readonly greeting: string;
  run(command: string): Promise<string>;
  onDeath(listener: (e: RouteServerError) => void): void;
  close(): void;
}

/** What differs between routers: how to connect, what to ask, how to read the answer. */
export interface RouterDialect {
  /** e.g. `zebra 127.0.0.1:2605`. */
  readonly description: string;
  open(): Promise<CommandSession>;
  /** Undefined: the router keeps no table for this address family, so there is no route. */
  lookupCommand(address: ClientAddress): string | undefined;
  /** A route, no route, or an error message for an unreadable reply. */
  parseLookup(reply: string): RouteLookup | { readonly kind: 'error'; readonly message: string };
  /** Absent: the router cannot say whether a prefix holds more-specific routes. */
  exclusiveCommand?(prefix: Prefix): string;
  parseExclusive?(reply: string): boolean;
}

type State = 'idle' | 'connecting' | 'up' | 'down' | 'closed';

/**
 * Reconnect delays after consecutive failures: quick at first, capped so a dead router costs little.
 * A refused login waits a minute: it will not mend itself, and routers may lock out repeated tries.
 */
export function reconnectDelayMs(failures: number, failure?: RouteServerError['failure']): number {
  if (failure === 'login') return 60_000;
  return failures <= 0 ? 0 : Math.min(100 * 2 ** (failures - 1), 5000);
}

/**
 * A route server reached through a router's command line. One session, shared and queued; when it
 * dies it is reopened in the background (at once after a healthy session ends, e.g. an idle close,
 * then with capped backoff), and meanwhile the server reports itself unavailable.
 */
export class CliRouteServer implements RouteServer {
  #state: State = 'idle';
  #session: CommandSession | undefined;
  #connecting: Promise<CommandSession> | undefined;
  #failures = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #lastError: RouteServerError | undefined;

  constructor(readonly dialect: RouterDialect, private readonly onStateChange?: (state: string, detail: string) => void) {}

  get description(): string { return this.dialect.description; }

  /** A first connection, or a reconnection after a clean close, is worth waiting for; a retry is not. */
  get available(): boolean {
    return this.#state === 'up' || this.#state === 'idle' || (this.#state === 'connecting' && this.#failures === 0);
  }

  get state(): State { return this.#state; }
  get lastError(): RouteServerError | undefined { return this.#lastError; }

  start(): void {
    if (this.#state === 'idle') void this.#connect().catch(() => undefined);
  }

  async lookup(address: ClientAddress): Promise<RouteLookup> {
    const command = this.dialect.lookupCommand(address);
    if (command === undefined) return NO_ROUTE;
    const parsed = this.dialect.parseLookup(await this.#run(command));
    if (parsed.kind === 'error') throw new RouteServerError('protocol', `${this.description} answered "${command}" with: ${parsed.message}`);
    return parsed;
  }

  async isExclusive(prefix: Prefix): Promise<boolean> {
    const { exclusiveCommand, parseExclusive } = this.dialect;
    if (!exclusiveCommand || !parseExclusive) return false;
    return parseExclusive(await this.#run(exclusiveCommand(prefix)));
  }

  async close(): Promise<void> {
    this.#state = 'closed';
    clearTimeout(this.#retryTimer);
    this.#session?.close();
    this.#session = undefined;
  }

  async #run(command: string): Promise<string> {
    const session = await this.#ready();
    try {
      return await session.run(command);
    } catch (e) {
      if (!(e instanceof RouteServerError) || e.failure !== 'unavailable' || this.#state === 'closed') throw e;
      // The session closed under the command (an idle timeout racing it, a restart): once more, on a new one.
      return (await this.#ready()).run(command);
    }
  }

  #ready(): Promise<CommandSession> {
    if (this.#session?.alive) return Promise.resolve(this.#session);
    if (this.#state === 'closed') return Promise.reject(new RouteServerError('unavailable', `${this.description} is closed`));
    if (this.#state === 'down' || (this.#state === 'connecting' && this.#failures > 0)) {
      return Promise.reject(this.#lastError ?? new RouteServerError('unavailable', `${this.description} is down`));
    }
    return this.#connect();
  }

  #connect(): Promise<CommandSession> {
    if (this.#connecting) return this.#connecting;
    this.#state = 'connecting';
    const attempt = this.dialect.open().then(
      (session) => {
        this.#connecting = undefined;
        if (this.#state === 'closed') { session.close(); throw new RouteServerError('unavailable', `${this.description} is closed`); }
        this.#session = session;
        this.#state = 'up';
        this.#failures = 0;
        this.onStateChange?.('up', `${this.description}: connected (${session.greeting})`);
        session.onDeath((e) => this.#lost(session, e));
        return session;
      },
      (e: unknown) => {
        this.#connecting = undefined;
        const error = e instanceof RouteServerError ? e : new RouteServerError('unavailable', String(e));
        this.#fail(error);
        throw error;
      },
    );
    this.#connecting = attempt;
    return attempt;
  }

  #lost(session: CommandSession, error: RouteServerError): void {
    if (this.#session !== session || this.#state === 'closed') return;
    this.#session = undefined;
    this.#lastError = error;
    this.onStateChange?.('lost', error.message);
    // A healthy session that ended (idle timeout, restart) is reopened at once, lookups waiting on it.
    if (error.failure === 'unavailable') void this.#connect().catch(() => undefined);
    else this.#fail(error);
  }

  #fail(error: RouteServerError): void {
    if (this.#state === 'closed') return;
    this.#lastError = error;
    this.#failures++;
    this.#state = 'down';
    this.onStateChange?.('down', error.message);
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (this.#state === 'down') void this.#connect().catch(() => undefined);
    }, reconnectDelayMs(this.#failures, error.failure));
    this.#retryTimer.unref();
  }
}
