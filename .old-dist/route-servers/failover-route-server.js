import { TIMED_OUT, within } from '../core/within.js';
import { RouteServerError, sessionSource } from './route-server.js';
import { errorMessage } from '../io/error-message.js';
/**
 * Several route servers tried in order. One that is down is skipped at once; one slower than
 * `skipAfterMs` is skipped from then on until its pending query settles, the next one being asked
 * meanwhile. Each member reconnects in the background by itself.
 */
export class FailoverRouteServer {
    members;
    skipAfterMs;
    #slow = new Set();
    constructor(members, skipAfterMs) {
        this.members = members;
        this.skipAfterMs = skipAfterMs;
        if (members.length === 0)
            throw new Error('FailoverRouteServer needs at least one route server');
    }
    get description() {
        return this.#usable()[0]?.description ?? this.members[0].description;
    }
    get available() {
        return this.#usable().length > 0;
    }
    start() {
        for (const m of this.members)
            m.start();
    }
    async lookup(address) {
        const failures = [];
        let replied = false;
        for (const member of this.members) {
            if (!member.available) {
                failures.push(`${member.description}: down`);
                continue;
            }
            if (this.#slow.has(member)) {
                failures.push(`${member.description}: not answering`);
                continue;
            }
            const query = member.lookup(address);
            try {
                const result = await within(query, this.skipAfterMs);
                if (result !== TIMED_OUT)
                    return result.source ? result : { ...result, source: member.description };
                this.#slow.add(member);
                void query.catch(() => undefined).finally(() => this.#slow.delete(member));
                failures.push(`${member.description}: no answer within ${this.skipAfterMs} ms`);
            }
            catch (e) {
                if (e instanceof RouteServerError && e.failure === 'protocol')
                    replied = true;
                failures.push(errorMessage(e));
            }
        }
        // A member that replied, but not in a form understood, is an error to fix, not an outage.
        throw new RouteServerError(replied ? 'protocol' : 'unavailable', `no route server answered (${failures.join('; ')})`);
    }
    async routesWithin(prefix, prefixHasRoute) {
        const member = this.#usable()[0];
        return member ? member.routesWithin(prefix, prefixHasRoute) : undefined;
    }
    async bgpSessions() {
        const member = this.#usable()[0];
        return member ? sessionSource(member)?.bgpSessions() : undefined;
    }
    async close() {
        await Promise.all(this.members.map((m) => m.close()));
    }
    #usable() {
        return this.members.filter((m) => m.available && !this.#slow.has(m));
    }
}
//# sourceMappingURL=failover-route-server.js.map