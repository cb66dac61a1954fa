import { FileReadError, readRegularFile, readRegularFileSync, SettledFileWatch } from '../io/file-watch.js';
import { runSteps, runStepsYielding } from '../core/steps.js';
import { DecidedTableBuilder, NO_PREFIX } from '../core/decided-table.js';
import { popsOnPath } from '../core/pop-selection.js';
import { NO_ROUTE } from '../core/route.js';
import { RouteTableError, routeListSteps } from '../parsers/route-table.js';
import { errorMessage } from '../io/error-message.js';
/** Decides a parsed table for the POP ASes: each route numbered as listed. */
export function decideRoutes(routes, pops) {
    return runSteps(decideRouteSteps(routes, pops));
}
function* decideRouteSteps(routes, pops) {
    const builder = new DecidedTableBuilder(routes.length, 16);
    for (let i = 0; i < routes.length; i++) {
        if (i > 0 && i % ROUTES_PER_STEP === 0)
            yield;
        const route = routes[i];
        const found = Uint32Array.from(popsOnPath(route.asPath, pops));
        const p = route.prefix;
        if (p.family === 4)
            builder.add4(p.network, p.length, found, found.length, i);
        else {
            const v = p.network;
            const w = (shift) => Number((v >> shift) & 0xffffffffn);
            builder.add6(w(96n), w(64n), w(32n), w(0n), p.length, found, found.length, i);
        }
    }
    const table = yield* builder.steps();
    return { table, routes, pops, pathOf: (index) => routes[table.offsetOf(index)].asPath };
}
/** Routes decided between yields to the event loop while a changed table loads. */
const ROUTES_PER_STEP = 5_000;
/**
 * `route_server table`: best paths from a text file, decided at load and answered from memory. A
 * changed file is loaded again; one that does not read leaves the previous table answering.
 */
export class TableRouteServer {
    file;
    onEvent;
    watchIntervalMs;
    available = true;
    description;
    #loaded;
    #pops;
    #watch;
    #version;
    /** A table already read (fromFile reads it): nothing is read or watched until start(). */
    constructor(file, loaded, pops = new Set(), onEvent, 
    // Polled often (a stat is cheap), since a change is applied only once the file has stayed the same a whole interval.
    watchIntervalMs = 250) {
        this.file = file;
        this.onEvent = onEvent;
        this.watchIntervalMs = watchIntervalMs;
        this.description = `table ${file}`;
        this.#pops = pops;
        this.#version = loaded.version;
        this.#loaded = decideRoutes(loaded.routes, pops);
    }
    /** Refuses at once a file that cannot be read or parsed: a configuration problem. */
    static fromFile(file, pops, onEvent, watchIntervalMs) {
        return new TableRouteServer(file, loadRouteTableVersion(file), pops, onEvent, watchIntervalMs);
    }
    /** Read whole before it was made. */
    async whenLoaded() { }
    /** Watches the file: a change is read again once it has settled. */
    start() {
        if (this.#watch)
            return;
        this.#watch = new SettledFileWatch(this.file, {
            onSettled: () => this.reload(),
            onRemoved: () => this.reload(),
            onError: (error) => this.onEvent?.({ kind: 'table-rejected', routeServer: this.description, error, keptPrevious: true }),
        }, this.watchIntervalMs, this.#version);
    }
    /**
     * Reads the file again, off the answering path: read without blocking, parsed and decided in steps
     * with answers going on from the table in memory; a file that does not read is reported and the
     * table in memory stays.
     */
    async reload() {
        const started = performance.now();
        try {
            const { data } = await readRegularFile(this.file, MAX_TABLE_BYTES).catch((e) => {
                throw tableReadError(this.file, e);
            });
            const routes = await runStepsYielding(routeListSteps(data, this.file));
            this.#loaded = await runStepsYielding(decideRouteSteps(routes, this.#pops));
        }
        catch (e) {
            // Rewritten while read: the watch sees the new version and reads it once it settles.
            if (e instanceof RouteTableError && e.cause instanceof FileReadError && e.cause.code === 'changed')
                return;
            this.onEvent?.({ kind: 'table-rejected', routeServer: this.description, error: e, keptPrevious: true });
            return;
        }
        this.onEvent?.({
            kind: 'table-loaded',
            routeServer: this.description,
            prefixes: this.#loaded.table.size,
            peers: 0,
            loadMs: performance.now() - started,
        });
    }
    /** New POP ASes (the config changed): the table is decided again. */
    setPops(pops) {
        this.#pops = pops;
        this.#loaded = decideRoutes(this.#loaded.routes, pops);
    }
    decided() {
        return this.#loaded;
    }
    lookup(address) {
        return Promise.resolve(this.lookupNow(address));
    }
    lookupNow(address) {
        const { table, routes, pops } = this.#loaded;
        const index = table.find(address);
        if (index === NO_PREFIX)
            return NO_ROUTE;
        // Decided at load: the answer walks the POP list, not the path again.
        return { kind: 'route', route: { ...routes[table.offsetOf(index)], decided: { onPath: table.popsOf(index), among: pops } } };
    }
    routesWithin(prefix) {
        const { table, routes } = this.#loaded;
        const index = prefix.family === 4 ? table.find4(prefix.network) : table.find6(prefix.network);
        const route = index === NO_PREFIX ? undefined : routes[table.offsetOf(index)];
        return Promise.resolve(route && route.exclusive === true && route.prefix.length === prefix.length && route.prefix.network === prefix.network
            ? [prefix]
            : undefined);
    }
    close() {
        this.#watch?.close();
        return Promise.resolve();
    }
}
/** A text table larger than this is not a table: a wrong path (a device, a log) is refused, not read. */
const MAX_TABLE_BYTES = 1024 * 1024 * 1024;
export function loadRouteTable(file) {
    return loadRouteTableVersion(file).routes;
}
function loadRouteTableVersion(file) {
    let content;
    try {
        content = readRegularFileSync(file, MAX_TABLE_BYTES);
    }
    catch (e) {
        throw tableReadError(file, e);
    }
    const routes = runSteps(routeListSteps(content.data, file));
    return { routes, version: content.version };
}
function tableReadError(file, e) {
    return new RouteTableError(`cannot read route table ${file}: ${errorMessage(e)}; check the "table" directive`, { cause: e });
}
//# sourceMappingURL=table-route-server.js.map