import { sessionSource } from '../route-servers/route-server.js';
import { BgpLiveness } from './bgp-liveness.js';
import { DrainFile } from './drain-file.js';
import { HealthChecks, defaultHealthStateDir } from './health-checks.js';
import { PopAvailability } from './pop-availability.js';
/**
 * Everything that can take a POP out: its BGP sessions on the route server, its health checks, the
 * drain file. Built from the configuration and rebuilt in part when it changes.
 */
export class PopWatch {
    options;
    onEvent;
    availability;
    #liveness;
    #drains;
    #health;
    #config;
    constructor(config, routeServer, options, onEvent) {
        this.options = options;
        this.onEvent = onEvent;
        this.#config = config;
        this.availability = new PopAvailability(config.pops, (change) => onEvent({ kind: 'pop', change }));
        const sessions = sessionSource(routeServer);
        if (options.live && options.sessions !== false && config.popLiveness && sessions) {
            const liveness = new BgpLiveness(() => sessions.bgpSessions(), config.pops, (event) => {
                if (event.kind === 'pops-down-changed')
                    this.availability.refresh();
                else if (event.kind === 'table-settled')
                    onEvent({ kind: 'table-settled', settledMs: event.settledMs, why: event.since.why });
                else
                    onEvent({ kind: 'routes-changed' });
            });
            this.#liveness = liveness;
            this.availability.addCheck('sessions', liveness.unavailable);
        }
        this.#setDrainFile(config.drainFile);
        this.#setHealth(config);
    }
    /** Whether any check can take a POP out: if none, answers need not ask. */
    get active() {
        return this.#liveness !== undefined || this.#drains !== undefined || this.#health !== undefined;
    }
    get unavailable() {
        return this.active ? this.availability.unavailable : undefined;
    }
    /** Why a POP is out by the drain file alone: what one-shot and log answers follow, however sessions flap. */
    get drained() {
        return this.#drains ? this.#drains.unavailable : undefined;
    }
    /** Why the route server's table may still be arriving; undefined when whole (or when sessions are not watched). */
    get settling() {
        return this.#liveness?.settling.settling;
    }
    /** The route server (re)connected: until its sessions are up and their tables in, its answers are not cached. */
    routeServerConnected() {
        this.#liveness?.settling.begin('the route server reconnected');
    }
    get bgpSessions() {
        return this.#liveness?.lastSessions;
    }
    get drainFile() {
        return this.#drains?.file;
    }
    states() {
        return this.availability.states();
    }
    health() {
        return this.#health?.records() ?? [];
    }
    /**
     * Settles once the first look at sessions and health is in, for a one-off status: each health check
     * probed as often as `health_fall` (or `health_rise`) needs to decide it, bounded by that many timeouts.
     */
    async firstLook() {
        const c = this.#config;
        const probes = Math.max(c.healthFall, c.healthRise);
        const limitMs = probes * (c.healthTimeoutMs + Math.max(100, c.healthIntervalMs / 4)) + 500;
        await Promise.all([this.#liveness?.poll(), this.#health?.probed(limitMs)]);
    }
    /** A changed configuration: new POPs, drain file and health checks apply at once. */
    reconfigure(next) {
        const previous = this.#config;
        this.#config = next;
        this.availability.setPops(next.pops);
        this.#liveness?.setPops(next.pops);
        if (next.drainFile !== previous.drainFile)
            this.#setDrainFile(next.drainFile);
        else
            this.#drains?.setPops(next.pops);
        if (healthKey(next) !== healthKey(previous))
            this.#setHealth(next);
    }
    close() {
        this.#liveness?.stop();
        this.#drains?.close();
        this.#health?.close();
    }
    #setDrainFile(file) {
        if (this.#drains) {
            this.availability.removeCheck(this.#drains.unavailable);
            this.#drains.close();
            this.#drains = undefined;
        }
        if (file === undefined)
            return;
        const drains = new DrainFile(file, this.#config.pops, (event) => {
            if (event.kind === 'changed') {
                this.onEvent({ kind: 'drain', file, inForce: event.inForce });
                this.availability.refresh();
            }
            else if (event.kind === 'rejected')
                this.onEvent({ kind: 'warning', topic: 'drain-file', message: event.error.message });
            else
                this.onEvent({ kind: 'warning', topic: 'drain-file-names', message: event.message });
        });
        this.#drains = drains;
        this.availability.addCheck('drained', drains.unavailable);
    }
    #setHealth(config) {
        if (this.#health) {
            this.availability.removeCheck(this.#health.unavailable);
            this.#health.close();
            this.#health = undefined;
        }
        if (!this.options.live || config.health.length === 0)
            return;
        const health = new HealthChecks(config.health, {
            intervalMs: config.healthIntervalMs,
            fastIntervalMs: Math.max(100, config.healthIntervalMs / 4),
            timeoutMs: config.healthTimeoutMs,
            rise: config.healthRise,
            fall: config.healthFall,
            verifyTls: config.healthTlsVerify,
            userAgent: `supersparrow/${this.options.version} health check`,
            stateDir: config.healthStateDir ?? defaultHealthStateDir(),
        }, (event) => {
            if (event.kind === 'health') {
                this.onEvent(event);
                this.availability.refresh();
            }
            else
                this.onEvent({ kind: 'warning', topic: 'health', message: event.message });
        });
        this.#health = health;
        this.availability.addCheck('health', health.unavailable);
    }
}
function healthKey(c) {
    return JSON.stringify([
        c.health.map((h) => [h.host, h.url]),
        c.healthIntervalMs,
        c.healthTimeoutMs,
        c.healthRise,
        c.healthFall,
        c.healthTlsVerify,
        c.healthStateDir,
    ]);
}
//# sourceMappingURL=pop-watch.js.map