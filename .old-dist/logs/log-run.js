import { within } from '../core/within.js';
import { isRouteServerAnswer } from '../resolver/resolver.js';
import { clientKeyOf } from './client-field.js';
import { sleep } from '../io/sleep.js';
/** Lines read ahead of the line being waited for, before input pauses. */
const MAX_QUEUED_LINES = 50_000;
const MEMO_SIZE = 65_536;
/** Lookups of one /24 (IPv4) or /48 (IPv6) wait for each other: the first answer may serve the rest. */
function neighbourhoodOf(address, key) {
    if (!address)
        return key;
    return address.family === 4 ? `4:${address.value >>> 8}` : `6:${address.value >> 80n}`;
}
/**
 * Log mode's exact answers, in input order: every line gets the route server's real answer, or is
 * marked failed after `retryForMs` of waiting, never a substitute. Known answers (memo, cache) go out
 * at once; misses are asked concurrently, bounded, one per neighbourhood at a time so that an answer
 * cached for a whole prefix serves the lines behind it; lines after a miss wait for it.
 */
export class LogRun {
    resolver;
    options;
    emit;
    #queue = [];
    #head = 0;
    #inFlight = 0;
    /** Unknown lines in input order, not yet asked about. */
    #ready = [];
    #readyHead = 0;
    /** Neighbourhoods with a lookup under way, and the lines held behind it, by key. */
    #held = new Map();
    /** Neighbourhoods whose answers are cached per address (a short prefix, no route): asked freely. */
    #perAddress = new Set();
    #lastWaitReport = Number.NEGATIVE_INFINITY;
    /** Reports of one outage come further apart each time (1 s, 2 s, 4 s … 30 s): a long one is not a line a second. */
    #waitReportGapMs = 1000;
    /** When the route server first failed to answer, since its last answer. */
    #unreachableSince;
    #gaveUpSince;
    /** A waiting or giving-up line went out for the outage under way: its end is told too. */
    #outageTold = false;
    #drained;
    #resume;
    #memo = new Map();
    constructor(resolver, options, emit) {
        this.resolver = resolver;
        this.options = options;
        this.emit = emit;
    }
    /** Takes lines; resolves when more may be pushed (the look-ahead is bounded). */
    async push(lines) {
        for (const line of lines) {
            const key = clientKeyOf(line, this.options.selector);
            const outcome = this.#known(key);
            if (outcome && this.#head === this.#queue.length) {
                this.emit(line, outcome);
                continue;
            }
            const entry = { line, key, outcome };
            this.#queue.push(entry);
            if (!outcome) {
                this.#ready.push(entry);
                if (this.#inFlight < this.options.maxInFlight)
                    this.#pump();
            }
            if (this.#queue.length - this.#head >= MAX_QUEUED_LINES)
                await new Promise((resolve) => {
                    this.#resume = resolve;
                });
        }
    }
    /** Resolves once every line pushed has been emitted. */
    finish() {
        if (this.#head === this.#queue.length)
            return Promise.resolve();
        return new Promise((resolve) => {
            this.#drained = resolve;
        });
    }
    #known(key) {
        if (key === undefined)
            return { kind: 'no-address', key };
        const memo = this.#memo.get(key);
        if (memo)
            return { kind: 'answer', key, decision: memo };
        const decision = this.resolver.known(key);
        return decision && this.#outcomeOf(key, decision);
    }
    /** A line's outcome from its decision; a real answer is remembered for the clients that come back. */
    #outcomeOf(key, decision) {
        if (decision.reason === 'invalid-key')
            return { kind: 'no-address', key };
        if (!isRouteServerAnswer(decision))
            return { kind: 'failed', key, decision };
        this.#remember(key, decision);
        return { kind: 'answer', key, decision };
    }
    #remember(key, decision) {
        if (this.#memo.size >= MEMO_SIZE)
            this.#memo.clear();
        this.#memo.set(key, decision);
    }
    /** Asks about ready lines, in order, while there is room; a line whose neighbourhood is busy waits behind it. */
    #pump() {
        while (this.#inFlight < this.options.maxInFlight && this.#readyHead < this.#ready.length) {
            const entry = this.#ready[this.#readyHead++];
            if (entry.outcome)
                continue;
            const known = this.#known(entry.key);
            if (known) {
                entry.outcome = known;
                continue;
            }
            const key = entry.key;
            const neighbourhood = neighbourhoodOf(this.resolver.addressOf(key), key);
            if (this.#perAddress.has(neighbourhood)) {
                this.#inFlight++;
                void this.#ask(entry, undefined);
                continue;
            }
            const held = this.#held.get(neighbourhood);
            if (held) {
                const same = held.get(key);
                if (same)
                    same.push(entry);
                else
                    held.set(key, [entry]);
                continue;
            }
            this.#held.set(neighbourhood, new Map());
            this.#inFlight++;
            void this.#ask(entry, neighbourhood);
        }
        if (this.#readyHead === this.#ready.length) {
            this.#ready.length = 0;
            this.#readyHead = 0;
        }
        this.#flush();
    }
    async #ask(entry, neighbourhood) {
        const key = entry.key;
        let delayMs = 50;
        let decision;
        for (;;) {
            decision = await this.resolver.resolve(key);
            if (isRouteServerAnswer(decision) || decision.reason === 'invalid-key') {
                if (isRouteServerAnswer(decision))
                    this.#reportAnsweringAgain();
                break;
            }
            // One budget for the run, not per line: once the route server has been out of reach for
            // retry_for, the lines that need it fail at once until it answers again.
            const now = performance.now();
            this.#unreachableSince ??= now;
            const left = this.#unreachableSince + this.options.retryForMs - now;
            if (left <= 0) {
                this.#reportGivingUp(decision);
                break;
            }
            this.#reportWaiting(decision);
            await sleep(Math.min(delayMs, left));
            delayMs = Math.min(delayMs * 2, 1000);
        }
        if (neighbourhood !== undefined && isRouteServerAnswer(decision)) {
            // The answer (a route, or no route) may be widened to a whole prefix once the route server
            // lists what lies inside it: worth the wait.
            await within(this.resolver.settled(), 1000);
            const cached = this.resolver.cachedPrefixOf(key);
            const host = decision.address?.family === 6 ? 128 : 32;
            if (!cached || cached.length >= host) {
                if (this.#perAddress.size >= MEMO_SIZE)
                    this.#perAddress.clear();
                this.#perAddress.add(neighbourhood);
            }
        }
        this.#inFlight--;
        entry.outcome = this.#outcomeOf(key, decision);
        if (neighbourhood !== undefined)
            this.#release(neighbourhood, entry.outcome);
        this.#pump();
    }
    /** The lines held behind a finished lookup: answered now if it served them, else asked about next. */
    #release(neighbourhood, outcome) {
        const held = this.#held.get(neighbourhood);
        this.#held.delete(neighbourhood);
        if (!held)
            return;
        const again = [];
        for (const [key, entries] of held) {
            const known = outcome.kind === 'failed' && outcome.key === key ? outcome : this.#known(key);
            if (known)
                for (const e of entries)
                    e.outcome = known;
            else
                again.push(...entries);
        }
        if (again.length === 0)
            return;
        // Still unknown (another prefix of the neighbourhood): asked before the lines read since.
        this.#ready.splice(this.#readyHead, 0, ...again);
    }
    #reportAnsweringAgain() {
        const since = this.#unreachableSince;
        this.#unreachableSince = undefined;
        this.#waitReportGapMs = 1000;
        if (since === undefined || !this.#outageTold)
            return;
        this.#outageTold = false;
        this.options.onAnsweringAgain?.(performance.now() - since);
    }
    #reportGivingUp(decision) {
        if (this.#gaveUpSince === this.#unreachableSince)
            return;
        this.#gaveUpSince = this.#unreachableSince;
        this.#outageTold = true;
        this.options.onGivingUp?.(this.options.retryForMs, decision.error ?? decision.reason);
    }
    #reportWaiting(decision) {
        const now = performance.now();
        if (now - this.#lastWaitReport < this.#waitReportGapMs)
            return;
        if (this.#lastWaitReport !== Number.NEGATIVE_INFINITY)
            this.#waitReportGapMs = Math.min(this.#waitReportGapMs * 2, 30_000);
        this.#lastWaitReport = now;
        this.#outageTold = true;
        this.options.onWaiting?.(this.#inFlight, decision.error ?? decision.reason);
    }
    #flush() {
        const queue = this.#queue;
        while (this.#head < queue.length && queue[this.#head].outcome) {
            const entry = queue[this.#head++];
            this.emit(entry.line, entry.outcome);
        }
        if (this.#head === queue.length) {
            queue.length = 0;
            this.#head = 0;
            this.#drained?.();
            this.#drained = undefined;
        }
        if (this.#resume && queue.length - this.#head < MAX_QUEUED_LINES) {
            const resume = this.#resume;
            this.#resume = undefined;
            resume();
        }
    }
}
//# sourceMappingURL=log-run.js.map