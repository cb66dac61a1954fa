import { parseClientKey } from '../core/address.js';
import { hostOf } from '../core/answer-host.js';
import { isRouteServerAnswer } from '../resolver/resolver.js';
import { parsePipeRequest, pipeResponse } from './pipe-protocol.js';
import { errorMessage } from '../io/error-message.js';
/** Fallback answers (route server down or slow) are kept briefly by resolvers: the real one follows soon. */
const FALLBACK_TTL = 5;
const SOA_TIMERS = '3600 600 604800';
/**
 * The pipe backend's answers: each request line in, one response block out (DATA… END, FAIL, or the
 * HELO's OK). SOA lookups never wait on the route server; a steered name's A, AAAA or CNAME come from
 * the decision for the client (the ECS subnet on ABI 3 and up), within the deadline, with the ECS
 * scope of the widest prefix the answer is known to hold for.
 */
export class DnsAnswerer {
    resolver;
    options;
    #abi = 1;
    #names;
    constructor(resolver, options) {
        this.resolver = resolver;
        this.options = options;
        this.#names = new Set(options.names);
    }
    get abi() {
        return this.#abi;
    }
    answer(line) {
        const request = parsePipeRequest(line);
        switch (request.kind) {
            case 'helo':
                this.#abi = request.abi;
                if (request.abi < 3) {
                    this.options.warn('abi', `pipe-abi-version ${request.abi} carries no client subnet, and pdns's caches then mix clients up: set pipe-abi-version=3 or more`);
                }
                return `OK\tsupersparrow ${this.options.version} pipe backend (abi ${request.abi})`;
            case 'garbage':
                this.options.warn('garbage', `pdns sent a line that is not a pipe-backend request: ${JSON.stringify(request.line.slice(0, 80))}; answered FAIL`);
                return 'FAIL';
            case 'cmd':
                return 'END';
            case 'axfr':
                // Steered answers depend on the client: there is no one zone to transfer.
                return 'FAIL';
            case 'query':
                try {
                    return this.#query(request.qname, request.qtype, request.zoneId, request.remote, request.realRemote);
                }
                catch (e) {
                    this.options.warn('internal', `could not answer ${request.qname} ${request.qtype}: ${errorMessage(e)}`);
                    return request.qtype === 'SOA' ? 'END' : 'FAIL';
                }
        }
    }
    #query(qname, qtype, zoneId, remote, realRemote) {
        const apex = this.options.zone !== undefined && qname === this.options.zone ? this.#apexRecords(qname) : [];
        if (qtype === 'SOA')
            return this.#respond(apex.filter((r) => r.qtype === 'SOA'), zoneId);
        const fixed = apex.filter((r) => qtype === 'ANY' || r.qtype === qtype);
        if (!this.#names.has(qname))
            return this.#respond(fixed, zoneId);
        const decision = this.resolver.decide(this.#clientKey(remote, realRemote), this.options.deadlineMs);
        const respond = (d) => this.#respond([...fixed, ...this.#steered(qname, qtype, d)], zoneId);
        return decision instanceof Promise ? decision.then(respond, () => 'FAIL') : respond(decision);
    }
    /** The ECS subnet's network on ABI 3 and up, unless it is /0 (no subnet); else the resolver's address. */
    #clientKey(remote, realRemote) {
        if (this.#abi >= 3 && realRemote !== undefined) {
            const slash = realRemote.indexOf('/');
            // A subnet whose length is not a number is malformed as a whole: its text goes on as a bad key.
            if (slash >= 0 && !/^\d{1,3}$/.test(realRemote.slice(slash + 1)))
                return realRemote;
            const bits = slash < 0 ? undefined : Number(realRemote.slice(slash + 1));
            if (bits !== 0)
                return slash < 0 ? realRemote : realRemote.slice(0, slash);
        }
        return remote;
    }
    #steered(qname, qtype, decision) {
        const real = isRouteServerAnswer(decision);
        const ttl = real ? this.options.ttl : Math.min(this.options.ttl, FALLBACK_TTL);
        // A client subnet or remote that is not an address (a broken resolver, a forged query) still gets
        // an answer for the name: self's, briefly cached, never NODATA.
        const invalid = decision.reason === 'invalid-key';
        if (invalid)
            this.options.warn('client', `pdns sent a client that is not an IP address for ${qname}; answered self (${this.resolver.options.self})`);
        const host = hostOf(invalid ? this.resolver.options.self : decision.answer);
        if (host === undefined)
            return [];
        // Never 0: an answer that depends on the client must not be cached for every client.
        const scopeBits = Math.max(1, decision.validFor?.length ?? (decision.address?.family === 6 ? 128 : 32));
        const record = (type, content) => ({ qname, qtype: type, ttl, content, scopeBits });
        const literal = parseClientKey(host);
        const addresses = literal.ok ? [literal.address.text] : this.options.addresses.get(host.toLowerCase());
        if (!addresses)
            return qtype === 'ANY' || qtype === 'CNAME' || qtype === 'A' || qtype === 'AAAA' ? [record('CNAME', `${host}.`)] : [];
        return addresses.map((a) => record(a.includes(':') ? 'AAAA' : 'A', a)).filter((r) => qtype === 'ANY' || r.qtype === qtype);
    }
    #apexRecords(zone) {
        const serial = 1;
        return [
            {
                qname: zone,
                qtype: 'SOA',
                ttl: this.options.ttl,
                content: `ns1.${zone}. hostmaster.${zone}. ${serial} ${SOA_TIMERS} ${this.options.ttl}`,
                scopeBits: 0,
            },
            { qname: zone, qtype: 'NS', ttl: this.options.ttl, content: `ns1.${zone}.`, scopeBits: 0 },
        ];
    }
    #respond(records, zoneId) {
        return pipeResponse(this.#abi, records, zoneId);
    }
}
//# sourceMappingURL=dns-answerer.js.map