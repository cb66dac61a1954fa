import { NO_ROUTE } from '../core/route.js';
import { RouteServerError } from './route-server.js';
import { errorMessage } from '../io/error-message.js';
/** A session that ends sooner than this after login was not healthy: reconnecting to it backs off. */
export const STABLE_SESSION_MS = 1000;
/**
 * Reconnect delays after consecutive failures: quick at first, capped so a dead router costs little.
 * A refused login waits a minute: it will not mend itself, and routers may lock out repeated tries.
 */
export function reconnectDelayMs(failures, failure) {
    if (failure === 'login')
        return 60_000;
    return failures <= 0 ? 0 : Math.min(100 * 2 ** (failures - 1), 5000);
}
/**
 * A route server reached through a router's command session. One session, shared and queued; when it
 * dies it is reopened in the background: at once after a session that had been healthy for a while
 * ends (an idle close), otherwise with capped backoff, so a router that accepts and then drops
 * sessions is not hammered. Meanwhile the server reports itself unavailable.
 */
export class SessionRouteServer {
    commands;
    onEvent;
    #state = 'idle';
    #session;
    #connecting;
    #failures = 0;
    #retryTimer;
    #lastError;
    #upSince = 0;
    #quickCloses = 0;
    #downSince;
    constructor(commands, onEvent) {
        this.commands = commands;
        this.onEvent = onEvent;
    }
    get description() {
        return this.commands.description;
    }
    /** A first connection, or a reconnection after a clean close, is worth waiting for; a retry is not. */
    get available() {
        return this.#state === 'up' || this.#state === 'idle' || (this.#state === 'connecting' && this.#failures === 0);
    }
    get state() {
        return this.#state;
    }
    get lastError() {
        return this.#lastError;
    }
    start() {
        if (this.#state === 'idle')
            void this.#connect().catch(() => undefined);
    }
    lookup(address) {
        const command = this.commands.lookupCommand(address);
        if (command === undefined)
            return Promise.resolve(NO_ROUTE);
        return this.#run(command).then((reply) => {
            const parsed = this.commands.parseLookup(reply);
            if (parsed.kind === 'unreadable') {
                throw new RouteServerError('protocol', `${this.description} answered "${command}" with: ${parsed.message}`);
            }
            return parsed;
        });
    }
    async routesWithin(prefix, prefixHasRoute) {
        const { routesWithinCommand, parseRoutesWithin } = this.commands;
        if (!routesWithinCommand || !parseRoutesWithin)
            return undefined;
        return parseRoutesWithin(await this.#run(routesWithinCommand(prefix)), prefix, prefixHasRoute);
    }
    async routesThrough(asn) {
        const { routesThroughCommands, parseRoutesThrough } = this.commands;
        if (!routesThroughCommands || !parseRoutesThrough)
            return undefined;
        let total = 0;
        for (const command of routesThroughCommands(asn)) {
            const count = parseRoutesThrough(await this.#run(command));
            if (count === undefined)
                return undefined;
            total += count;
        }
        return total;
    }
    async bgpSessions() {
        const { sessionsCommand, parseSessions } = this.commands;
        if (!sessionsCommand || !parseSessions || !this.available)
            return undefined;
        return parseSessions(await this.#run(sessionsCommand));
    }
    async close() {
        this.#state = 'closed';
        clearTimeout(this.#retryTimer);
        this.#session?.close();
        this.#session = undefined;
    }
    /** Few promise hops on the way: the miss path's cost over a raw query is mostly these. */
    #run(command) {
        const session = this.#session;
        const first = session?.alive ? session.run(command) : this.#ready().then((s) => s.run(command));
        return first.catch((e) => {
            if (!(e instanceof RouteServerError) || e.failure !== 'unavailable' || this.#state === 'closed' || this.#state === 'down')
                throw e;
            // The session closed under the command (an idle timeout racing it, a restart): once more, on a new one.
            return this.#ready().then((s) => s.run(command));
        });
    }
    #ready() {
        if (this.#session?.alive)
            return Promise.resolve(this.#session);
        if (this.#state === 'closed')
            return Promise.reject(new RouteServerError('unavailable', `${this.description} is closed`));
        if (this.#state === 'down' || (this.#state === 'connecting' && this.#failures > 0)) {
            return Promise.reject(this.#lastError ?? new RouteServerError('unavailable', `${this.description} is down`));
        }
        return this.#connect();
    }
    #connect() {
        if (this.#connecting)
            return this.#connecting;
        this.#state = 'connecting';
        const attempt = this.commands.open().then((session) => {
            this.#connecting = undefined;
            if (this.#state === 'closed') {
                session.close();
                throw new RouteServerError('unavailable', `${this.description} is closed`);
            }
            this.#session = session;
            this.#state = 'up';
            this.#upSince = performance.now();
            const downForMs = this.#downSince === undefined ? undefined : this.#upSince - this.#downSince;
            this.#downSince = undefined;
            this.onEvent?.({ kind: 'up', routeServer: this.description, greeting: session.greeting, downForMs });
            void session.died.then((e) => this.#lost(session, e));
            return session;
        }, (e) => {
            this.#connecting = undefined;
            const error = e instanceof RouteServerError ? e : new RouteServerError('unavailable', errorMessage(e));
            this.#fail(error);
            throw error;
        });
        this.#connecting = attempt;
        return attempt;
    }
    #lost(session, error) {
        if (this.#session !== session || this.#state === 'closed')
            return;
        this.#session = undefined;
        this.#lastError = error;
        const healthy = performance.now() - this.#upSince >= STABLE_SESSION_MS;
        if (healthy) {
            this.#failures = 0;
            this.#quickCloses = 0;
        }
        else
            this.#quickCloses++;
        // A session that ended cleanly (idle timeout, restart) is reopened at once, lookups waiting on it;
        // one that keeps ending soon after login is retried with backoff.
        if (error.failure === 'unavailable' && (healthy || this.#quickCloses <= 1)) {
            // Lost is an outage too, however short: the reconnect says how long it lasted.
            this.#downSince ??= Math.min(error.sinceMs ?? Number.POSITIVE_INFINITY, performance.now());
            this.onEvent?.({ kind: 'lost', routeServer: this.description, error });
            void this.#connect().catch(() => undefined);
        }
        else {
            this.#fail(error);
        }
    }
    #fail(error) {
        if (this.#state === 'closed')
            return;
        this.#lastError = error;
        this.#failures++;
        this.#state = 'down';
        // An outage began when the route server stopped answering, not when that was noticed.
        this.#downSince ??= Math.min(error.sinceMs ?? Number.POSITIVE_INFINITY, performance.now());
        const retryInMs = reconnectDelayMs(this.#failures, error.failure);
        this.onEvent?.({ kind: 'down', routeServer: this.description, error, retryInMs });
        clearTimeout(this.#retryTimer);
        this.#retryTimer = setTimeout(() => {
            if (this.#state === 'down')
                void this.#connect().catch(() => undefined);
        }, retryInMs);
        this.#retryTimer.unref();
    }
}
//# sourceMappingURL=session-route-server.js.map