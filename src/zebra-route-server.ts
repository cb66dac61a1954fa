import type { ClientAddress } from './address.js';
import { formatPrefix, type Prefix } from './prefix.js';
import type { RouteLookup } from './route.js';
import { RouteServerError, type RouteServer } from './route-server.js';
import { VtySession, type VtySessionOptions } from './vty-session.js';
import { parseLongerPrefixesCount, parseZebraShowBgp } from './zebra-output.js';

export type ZebraOptions = VtySessionOptions;

type State = 'idle' | 'connecting' | 'up' | 'down' | 'closed';

/** Reconnect delays after consecutive failures: quick at first, capped so a dead router costs little. */
export function reconnectDelayMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(100 * 2 ** (failures - 1), 5000);
}

export function showBgpCommand(address: ClientAddress): string {
  return address.family === 4 ? `show ip bgp ${address.text}` : `show bgp ipv6 ${address.text}`;
}

export function longerPrefixesCommand(prefix: Prefix): string {
  return prefix.family === 4 ? `show ip bgp ${formatPrefix(prefix)} longer-prefixes` : `show bgp ipv6 ${formatPrefix(prefix)} longer-prefixes`;
}

/**
 * `route_server zebra`: GNU Zebra, Quagga and FRR bgpd over the telnet vty. One session, shared and
 * queued; when it dies it is reopened in the background (at once after a healthy session, e.g. an
 * idle close, then with capped backoff), and meanwhile the server reports itself unavailable.
 */
export class ZebraRouteServer implements RouteServer {
  readonly description: string;
  #state: State = 'idle';
  #session: VtySession | undefined;
  #connecting: Promise<VtySession> | undefined;
  #failures = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #lastError: RouteServerError | undefined;

  constructor(private readonly options: ZebraOptions, private readonly onStateChange?: (state: string, detail: string) => void) {
    this.description = `zebra ${options.host}:${options.port}`;
  }

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
    const reply = await this.#run(showBgpCommand(address));
    const parsed = parseZebraShowBgp(reply);
    if (parsed.kind === 'error') throw new RouteServerError('protocol', `${this.description} answered "${showBgpCommand(address)}" with: ${parsed.message}`);
    return parsed;
  }

  async isExclusive(prefix: Prefix): Promise<boolean> {
    return parseLongerPrefixesCount(await this.#run(longerPrefixesCommand(prefix))) === 1;
  }

  async close(): Promise<void> {
    this.#state = 'closed';
    clearTimeout(this.#retryTimer);
    this.#session?.close();
    this.#session = undefined;
  }

  async #run(command: string): Promise<string> {
    const session = await this.#ready();
    return session.run(command);
  }

  #ready(): Promise<VtySession> {
    if (this.#session?.alive) return Promise.resolve(this.#session);
    if (this.#state === 'closed') return Promise.reject(new RouteServerError('unavailable', `${this.description} is closed`));
    if (this.#state === 'down' || (this.#state === 'connecting' && this.#failures > 0)) {
      return Promise.reject(this.#lastError ?? new RouteServerError('unavailable', `${this.description} is down`));
    }
    return this.#connect();
  }

  #connect(): Promise<VtySession> {
    if (this.#connecting) return this.#connecting;
    this.#state = 'connecting';
    const attempt = VtySession.open(this.options).then(
      (session) => {
        this.#connecting = undefined;
        if (this.#state === 'closed') { session.close(); throw new RouteServerError('unavailable', `${this.description} is closed`); }
        this.#session = session;
        this.#state = 'up';
        this.#failures = 0;
        this.onStateChange?.('up', `${this.description}: connected, prompt ${session.hostname}`);
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

  #lost(session: VtySession, error: RouteServerError): void {
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
    }, reconnectDelayMs(this.#failures));
    this.#retryTimer.unref();
  }
}
