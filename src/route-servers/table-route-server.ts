import { type FileContent, FileReadError, readRegularFile, readRegularFileSync, SettledFileWatch } from '../io/file-watch.js';
import { runSteps, runStepsYielding, type Steps } from '../core/steps.js';
import type { ClientAddress } from '../core/address.js';
import type { Asn } from '../core/asn.js';
import { DecidedTableBuilder, NO_PREFIX, type DecidedView } from '../core/decided-table.js';
import { popsOnPath } from '../core/pop-selection.js';
import type { Prefix } from '../core/prefix.js';
import { NO_ROUTE, type Route, type RouteLookup } from '../core/route.js';
import type { RouteServer, RouteServerListener, TableSource } from './route-server.js';
import { RouteTableError, routeListSteps } from '../parsers/route-table.js';
import { errorMessage } from '../io/error-message.js';

/** A text table decided at load: lookups through the decided table, paths from the routes as written. */
export interface LoadedRouteTable extends DecidedView {
  readonly routes: readonly Route[];
  /** The POP ASes it was decided for. */
  readonly pops: ReadonlySet<Asn>;
}

/** Decides a parsed table for the POP ASes: each route numbered as listed. */
export function decideRoutes(routes: readonly Route[], pops: ReadonlySet<Asn>): LoadedRouteTable {
  return runSteps(decideRouteSteps(routes, pops));
}

function* decideRouteSteps(routes: readonly Route[], pops: ReadonlySet<Asn>): Steps<LoadedRouteTable> {
  const builder = new DecidedTableBuilder(routes.length, 16);
  for (let i = 0; i < routes.length; i++) {
    if (i > 0 && i % ROUTES_PER_STEP === 0) yield;
    const route = routes[i]!;
    const found = Uint32Array.from(popsOnPath(route.asPath, pops));
    const p = route.prefix;
    if (p.family === 4) builder.add4(p.network, p.length, found, found.length, i);
    else {
      const v = p.network;
      const w = (shift: bigint): number => Number((v >> shift) & 0xffffffffn);
      builder.add6(w(96n), w(64n), w(32n), w(0n), p.length, found, found.length, i);
    }
  }
  const table = yield* builder.steps();
  return { table, routes, pops, pathOf: (index) => routes[table.offsetOf(index)]!.asPath };
}

/** Routes decided between yields to the event loop while a changed table loads. */
const ROUTES_PER_STEP = 5_000;

/**
 * `route_server table`: best paths from a text file, decided at load and answered from memory. A
 * changed file is loaded again; one that does not read leaves the previous table answering.
 */
export class TableRouteServer implements RouteServer, TableSource {
  readonly available = true;
  readonly description: string;
  #loaded: LoadedRouteTable;
  #pops: ReadonlySet<Asn>;
  #watch: SettledFileWatch | undefined;
  #version: string | undefined;

  /** A table already read (fromFile reads it): nothing is read or watched until start(). */
  constructor(
    readonly file: string,
    loaded: { readonly routes: readonly Route[]; readonly version: string | undefined },
    pops: ReadonlySet<Asn> = new Set(),
    private readonly onEvent?: RouteServerListener,
    // Polled often (a stat is cheap), since a change is applied only once the file has stayed the same a whole interval.
    private readonly watchIntervalMs = 250,
  ) {
    this.description = `table ${file}`;
    this.#pops = pops;
    this.#version = loaded.version;
    this.#loaded = decideRoutes(loaded.routes, pops);
  }

  /** Refuses at once a file that cannot be read or parsed: a configuration problem. */
  static fromFile(file: string, pops?: ReadonlySet<Asn>, onEvent?: RouteServerListener, watchIntervalMs?: number): TableRouteServer {
    return new TableRouteServer(file, loadRouteTableVersion(file), pops, onEvent, watchIntervalMs);
  }

  /** Read whole before it was made. */
  async whenLoaded(): Promise<void> {}

  /** Watches the file: a change is read again once it has settled. */
  start(): void {
    if (this.#watch) return;
    this.#watch = new SettledFileWatch(
      this.file,
      {
        onSettled: () => this.reload(),
        onRemoved: () => this.reload(),
        onError: (error) => this.onEvent?.({ kind: 'table-rejected', routeServer: this.description, error, keptPrevious: true }),
      },
      this.watchIntervalMs,
      this.#version,
    );
  }

  /**
   * Reads the file again, off the answering path: read without blocking, parsed and decided in steps
   * with answers going on from the table in memory; a file that does not read is reported and the
   * table in memory stays.
   */
  async reload(): Promise<void> {
    const started = performance.now();
    try {
      const { data } = await readRegularFile(this.file, MAX_TABLE_BYTES).catch((e: unknown) => {
        throw tableReadError(this.file, e);
      });
      const routes = await runStepsYielding(routeListSteps(data, this.file));
      this.#loaded = await runStepsYielding(decideRouteSteps(routes, this.#pops));
    } catch (e) {
      // Rewritten while read: the watch sees the new version and reads it once it settles.
      if (e instanceof RouteTableError && e.cause instanceof FileReadError && e.cause.code === 'changed') return;
      this.onEvent?.({ kind: 'table-rejected', routeServer: this.description, error: e as Error, keptPrevious: true });
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
  setPops(pops: ReadonlySet<Asn>): void {
    this.#pops = pops;
    this.#loaded = decideRoutes(this.#loaded.routes, pops);
  }

  decided(): DecidedView {
    return this.#loaded;
  }

  lookup(address: ClientAddress): Promise<RouteLookup> {
    return Promise.resolve(this.lookupNow(address));
  }

  lookupNow(address: ClientAddress): RouteLookup {
    const { table, routes, pops } = this.#loaded;
    const index = table.find(address);
    if (index === NO_PREFIX) return NO_ROUTE;
    // Decided at load: the answer walks the POP list, not the path again.
    return { kind: 'route', route: { ...routes[table.offsetOf(index)]!, decided: { onPath: table.popsOf(index), among: pops } } };
  }

  routesWithin(prefix: Prefix): Promise<readonly Prefix[] | undefined> {
    const { table, routes } = this.#loaded;
    const index = prefix.family === 4 ? table.find4(prefix.network) : table.find6(prefix.network);
    const route = index === NO_PREFIX ? undefined : routes[table.offsetOf(index)];
    return Promise.resolve(
      route && route.exclusive === true && route.prefix.length === prefix.length && route.prefix.network === prefix.network
        ? [prefix]
        : undefined,
    );
  }

  close(): Promise<void> {
    this.#watch?.close();
    return Promise.resolve();
  }
}

/** A text table larger than this is not a table: a wrong path (a device, a log) is refused, not read. */
const MAX_TABLE_BYTES = 1024 * 1024 * 1024;

export function loadRouteTable(file: string): Route[] {
  return loadRouteTableVersion(file).routes;
}

function loadRouteTableVersion(file: string): { routes: Route[]; version: string } {
  let content: FileContent;
  try {
    content = readRegularFileSync(file, MAX_TABLE_BYTES);
  } catch (e) {
    throw tableReadError(file, e);
  }
  const routes = runSteps(routeListSteps(content.data, file));
  return { routes, version: content.version };
}

function tableReadError(file: string, e: unknown): RouteTableError {
  return new RouteTableError(`cannot read route table ${file}: ${errorMessage(e)}; check the "table" directive`, { cause: e });
}
