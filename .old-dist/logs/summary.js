import { formatAsPath } from '../core/as-path.js';
import { firstServing, rankPops } from '../core/pop-ranking.js';
import { formatPrefix } from '../core/prefix.js';
/** Distinct clients are counted exactly up to this many in all; past it the counts are lower bounds. */
export const MAX_TRACKED_CLIENTS = 1_000_000;
/** Route objects tallied separately before they are folded by text: keeps memory flat on any input. */
const MAX_ROUTE_OBJECTS = 65_536;
/** Routes from different replies may name one prefix: merged by text. */
function foldInto(merged, tallies) {
    for (const byPop of tallies.values()) {
        for (const tally of byPop.values()) {
            const prefix = tally.route ? formatPrefix(tally.route.prefix) : 'no route';
            const asPath = tally.route ? formatAsPath(tally.route.asPath) : '-';
            const key = `${prefix} ${asPath} ${tally.pop}`;
            const row = merged.get(key);
            if (row)
                row.requests += tally.requests;
            else
                merged.set(key, { prefix, asPath, pop: tally.pop, requests: tally.requests, route: tally.route });
        }
    }
}
/** Per-POP and per-prefix tallies of a log run's outcomes. Pure. */
export class SummaryCounter {
    #lines = 0;
    #noAddress = 0;
    #failed = 0;
    #requests = new Map();
    #clients = new Map();
    #trackedClients = 0;
    #clientsExact = true;
    /** By route object (answers from one cached route share it), then by POP: no text per line. */
    #prefixes = new Map();
    /** Tallies folded by text once route objects grow many (a route server that makes one per lookup). */
    #folded = new Map();
    /** Route objects tallied apart right now: bounded whatever the input. */
    get routeObjects() {
        return this.#prefixes.size;
    }
    add(outcome) {
        this.#lines++;
        if (outcome.kind === 'no-address') {
            this.#noAddress++;
            return;
        }
        if (outcome.kind === 'failed') {
            this.#failed++;
            return;
        }
        const { decision, key } = outcome;
        const pop = decision.answer;
        this.#requests.set(pop, (this.#requests.get(pop) ?? 0) + 1);
        let clients = this.#clients.get(pop);
        if (!clients) {
            clients = new Set();
            this.#clients.set(pop, clients);
        }
        const client = decision.address?.text ?? key;
        if (!clients.has(client)) {
            if (this.#trackedClients < MAX_TRACKED_CLIENTS) {
                clients.add(client);
                this.#trackedClients++;
            }
            else
                this.#clientsExact = false;
        }
        const route = decision.route;
        let byPop = this.#prefixes.get(route);
        if (!byPop) {
            // A table in memory reads a route's path from its dump when first asked: now, while the dump is open.
            void route?.asPath;
            if (this.#prefixes.size >= MAX_ROUTE_OBJECTS)
                this.#fold();
            byPop = new Map();
            this.#prefixes.set(route, byPop);
        }
        let tally = byPop.get(pop);
        if (!tally) {
            tally = { route, pop, requests: 0 };
            byPop.set(pop, tally);
        }
        tally.requests++;
    }
    summary(options) {
        const answered = this.#lines - this.#noAddress - this.#failed;
        const share = (n) => (answered === 0 ? 0 : (100 * n) / answered);
        const merged = new Map();
        for (const [key, row] of this.#folded)
            merged.set(key, { ...row });
        foldInto(merged, this.#prefixes);
        const prefixesByPop = new Map();
        for (const row of merged.values()) {
            if (!row.route)
                continue;
            let set = prefixesByPop.get(row.pop);
            if (!set) {
                set = new Set();
                prefixesByPop.set(row.pop, set);
            }
            set.add(row.prefix);
        }
        const pops = [...this.#requests]
            .map(([pop, requests]) => ({
            pop,
            requests,
            share: share(requests),
            clients: this.#clients.get(pop)?.size ?? 0,
            prefixes: prefixesByPop.get(pop)?.size ?? 0,
        }))
            .sort((a, b) => b.requests - a.requests || a.pop.localeCompare(b.pop));
        const topPrefixes = [...merged.values()]
            .sort((a, b) => b.requests - a.requests || a.prefix.localeCompare(b.prefix))
            .slice(0, options.top)
            .map(({ prefix, asPath, pop, requests }) => ({ prefix, asPath, pop, requests }));
        const result = {
            lines: this.#lines,
            answered,
            noAddress: this.#noAddress,
            failed: this.#failed,
            clientsExact: this.#clientsExact,
            pops,
            topPrefixes,
        };
        return options.without ? { ...result, without: this.#without(options.without, share, merged.values()) } : result;
    }
    #fold() {
        foldInto(this.#folded, this.#prefixes);
        this.#prefixes.clear();
    }
    /** Where drained POPs' requests go: each of their prefixes' rankings walked again without them. */
    #without(drain, share, rows) {
        const drained = new Set(drain.drained);
        const out = (_asn, answer) => (drained.has(answer) ? 'drained' : undefined);
        const moves = new Map();
        let requests = 0;
        for (const tally of rows) {
            if (!drained.has(tally.pop))
                continue;
            requests += tally.requests;
            const route = tally.route;
            // As failover does: the next POP of the ranking from every path the route server gave.
            const to = route
                ? (firstServing(rankPops(route.asPath, route.otherPaths ?? [], drain.pops, drain.self), out)?.answer ?? drain.self)
                : drain.self;
            moves.set(to, (moves.get(to) ?? 0) + tally.requests);
        }
        return {
            pops: [...drained],
            requests,
            moves: [...moves].map(([to, n]) => ({ to, requests: n, share: share(n) })).sort((a, b) => b.requests - a.requests),
        };
    }
}
//# sourceMappingURL=summary.js.map