import { ConfigWatch, configChanges } from '../config/config-watch.js';
import { PopWatch } from '../pops/pop-watch.js';
import { resolverOptions } from '../resolver/from-config.js';
import { Resolver } from '../resolver/resolver.js';
import { createRouteServer } from '../route-servers/from-config.js';
import { tableSource } from '../route-servers/route-server.js';
import { WatchedListFile } from '../io/watched-list-file.js';
import { PlannedPrefixes } from '../core/planned-prefixes.js';
import { parsePlanFile } from '../capacity/plan-file.js';
import { errorMessage } from '../io/error-message.js';
/**
 * One running process's moving parts: the route server, what takes POPs out, the resolver and its
 * cache, and the config file. Each change is applied here once (answers it makes stale forgotten) and
 * told on one event stream; the modes read `config` for the settings in force now.
 */
export class Runtime {
    options;
    #config;
    #outage = false;
    #configWatch;
    #planFile;
    #closed = false;
    #listeners;
    routeServer;
    pops;
    resolver;
    static async start(config, options) {
        let runtime;
        const early = [];
        const routeServer = await createRouteServer(config, {
            onDialogue: options.onDialogue,
            onEvent: (event) => (runtime ? runtime.#routeServerEvent(event) : early.push(event)),
        });
        runtime = new Runtime(config, routeServer, options);
        for (const event of early)
            runtime.#routeServerEvent(event);
        return runtime;
    }
    constructor(config, routeServer, options) {
        this.options = options;
        this.#config = config;
        this.#listeners = [options.onEvent];
        this.routeServer = routeServer;
        this.pops = new PopWatch(config, routeServer, { live: options.live, sessions: options.watchSessions, version: options.version }, (event) => this.#popWatchEvent(event));
        this.resolver = new Resolver(routeServer, {
            ...resolverOptions(config),
            popUnavailable: this.#popUnavailable(),
            holdCache: () => this.pops.settling !== undefined,
        });
        this.#setPlanFile(config.planFile);
        const watched = options.configFile;
        if (watched && config.reload) {
            this.#configWatch = new ConfigWatch(watched.path, watched.load, {
                onChange: (next) => this.#applyConfig(next),
                onError: (error) => this.#emit({ kind: 'config-rejected', error }),
            });
        }
    }
    #popWatchEvent(event) {
        switch (event.kind) {
            case 'pop': {
                const { change } = event;
                // A POP back up: answers learned while it was out sent its clients elsewhere.
                const forgotten = this.#resolverYet?.forgetAnswersInvolving(change.asn, change.why === undefined ? change.lastedMs : undefined) ?? 0;
                this.#emit({ kind: 'pop', change, forgotten });
                return;
            }
            case 'table-settled': {
                // Answers learned just before the doubt was seen (a poll is a second apart) may rest on a partial table.
                const forgotten = this.#resolverYet?.forgetLearnedWithin(event.settledMs + 1000) ?? 0;
                this.#emit({ ...event, forgotten });
                return;
            }
            case 'routes-changed': {
                // Any cached answer may rest on a route that changed: the route server answers again, at once.
                const forgotten = this.#resolverYet?.forgetLearnedWithin(Number.POSITIVE_INFINITY) ?? 0;
                this.#emit({ kind: 'routes-changed', forgotten });
                return;
            }
            default:
                this.#emit(event);
                return;
        }
    }
    /** A drain file read while starting may take a POP out before the resolver exists: nothing is cached yet. */
    get #resolverYet() {
        return this.resolver;
    }
    /** The configuration in force now: what a reload applied, with the settings that wait for a restart as they started. */
    get config() {
        return this.#config;
    }
    /** The POPs, the route server and its sessions, the health checks, as they are now. */
    hostState() {
        return {
            routeServer: { description: this.routeServer.description, available: this.routeServer.available },
            pops: this.pops.states(),
            sessions: this.pops.bgpSessions,
            health: this.pops.health(),
        };
    }
    on(listener) {
        this.#listeners.push(listener);
    }
    off(listener) {
        const i = this.#listeners.indexOf(listener);
        if (i >= 0)
            this.#listeners.splice(i, 1);
    }
    /** Stops the watches; the route server is closed by the mode, once its last answer is out. */
    close() {
        if (this.#closed)
            return;
        this.#closed = true;
        this.#configWatch?.close();
        this.#planFile?.close();
        this.pops.close();
    }
    /** The capacity plan in force now. */
    get plan() {
        return this.resolver.options.plan ?? new PlannedPrefixes([]);
    }
    /** Watches a plan file (or none): its lines answer inside their prefixes; a refused file keeps the previous plan. */
    /** What takes a POP out of answers: every check, or (a log or plan run, the same however sessions flap) drains alone. */
    #popUnavailable() {
        return this.options.answersFollow === 'drains' ? this.pops.drained : this.pops.unavailable;
    }
    #setPlanFile(file) {
        this.#planFile?.close();
        this.#planFile = undefined;
        this.resolver.setPlan(undefined);
        if (file === undefined)
            return;
        const apply = (notify) => {
            const inForce = this.#planFile.inForce();
            this.resolver.setPlan(new PlannedPrefixes(inForce));
            if (notify)
                this.#emit({ kind: 'plan', file, inForce: inForce.length });
        };
        this.#planFile = new WatchedListFile(file, 'plan file', (text) => parsePlanFile(text, file, new Set([...this.#config.pops.values(), this.#config.self])), {
            onChange: () => apply(true),
            onError: (error) => this.#emit({ kind: 'warning', topic: `plan ${file}`, message: error.message }),
        });
        apply(false);
    }
    #emit(event) {
        for (const listener of [...this.#listeners]) {
            try {
                listener(event);
            }
            catch {
                // A listener's fault (a broken log) must not stop the change it was told of.
            }
        }
    }
    #routeServerEvent(event) {
        // A new table may change any answer: the cache must not outlive it.
        if (event.kind === 'table-loaded')
            this.resolver.clearCache();
        // A route server that reconnected after an outage may have restarted: its tables may still be coming.
        if (event.kind === 'lost' || event.kind === 'down')
            this.#outage = true;
        if (event.kind === 'up' && this.#outage) {
            this.#outage = false;
            this.pops.routeServerConnected();
        }
        this.#emit({ kind: 'route-server', event });
    }
    #applyConfig(next) {
        const changes = configChanges(this.#config, next);
        // Settings that wait for a restart keep their running values, so a later reload compares against those.
        const kept = Object.fromEntries(changes.needRestart.map((k) => [k, this.#config[k]]));
        this.#config = { ...next, ...kept };
        const { applied } = changes;
        if (applied.length > 0) {
            const options = resolverOptions(this.#config);
            this.pops.reconfigure(this.#config);
            // A table decided at load keeps the POPs on each path: new POP ASes mean deciding it again.
            if (applied.includes('pops'))
                void Promise.resolve(tableSource(this.routeServer)?.setPops(new Set(options.pops.keys()))).catch((e) => this.#emit({
                    kind: 'warning',
                    topic: 'set-pops',
                    message: `the table was not decided again for the new POPs: ${errorMessage(e)}`,
                }));
            this.resolver.reconfigure({
                pops: options.pops,
                self: options.self,
                invalidKeyAnswer: options.invalidKeyAnswer,
                popUnavailable: this.#popUnavailable(),
            });
        }
        if (applied.includes('planFile') || applied.includes('pops') || applied.includes('self'))
            this.#setPlanFile(this.#config.planFile);
        const inUse = this.options.inUse ?? (() => true);
        const needRestart = changes.needRestart.filter(inUse);
        if (applied.length > 0 || needRestart.length > 0)
            this.#emit({ kind: 'config-changed', applied, needRestart });
    }
}
//# sourceMappingURL=runtime.js.map