import { accessSync, constants, unwatchFile, watchFile, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ClientAddress } from '../core/address.js';
import type { AsPath } from '../core/as-path.js';
import { parseAsn } from '../core/asn.js';
import { asPathBytesLength, decodeAsPath, MrtError, readMrtRecord, type MrtPeer, type MrtRibEntry } from '../parsers/mrt.js';
import type { Prefix } from '../core/prefix.js';
import { PrefixMap } from '../core/prefix-map.js';
import { lookupIn, type Route, type RouteLookup } from '../core/route.js';
import { RouteServerError, type RouteServer, type RouteServerListener } from './route-server.js';

export interface MrtTable {
  readonly routes: PrefixMap<Route>;
  readonly peers: readonly MrtPeer[];
  readonly loadedMs: number;
}

export interface MrtLoadOptions {
  /** Only this peer's paths (its address or AS number); otherwise the shortest AS path across peers. */
  readonly peer?: string | undefined;
  /** Records parsed between yields to the event loop, so that lookups go on while a table loads. */
  readonly recordsPerSlice?: number;
  /** The file's size and time must hold still this long before it is read: a dump being written is not. */
  readonly settleMs?: number;
}

/** The file is still being written: it will be read once it holds still. */
export class DumpChangingError extends MrtError {
  override name = 'DumpChangingError';
}

/**
 * Reads a dump only when it is whole: a regular file whose size and modification time are the same
 * before a settle interval, after it, and after reading. A dump caught mid-rewrite at a record boundary
 * would otherwise load as complete with part of its prefixes.
 */
async function readWholeFile(file: string, settleMs: number): Promise<Buffer> {
  const where = `MRT file ${file}`;
  const before = await statOrThrow(file, where);
  if (!before.isFile()) throw new MrtError(`${where} is not a regular file; "table" must name a dump file`);
  if (settleMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    if (changed(before, await statOrThrow(file, where))) throw new DumpChangingError(`${where} is still being written`);
  }
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (e) {
    throw new MrtError(`cannot read ${where}: ${(e as Error).message}; check the "table" directive`);
  }
  const after = await statOrThrow(file, where);
  if (changed(before, after) || data.length !== after.size) throw new DumpChangingError(`${where} changed while it was read`);
  return data;
}

async function statOrThrow(file: string, where: string): Promise<Stats> {
  try {
    return await stat(file);
  } catch (e) {
    throw new MrtError(`cannot read ${where}: ${(e as Error).message}; check the "table" directive`);
  }
}

function changed(a: Stats, b: Stats): boolean {
  return a.size !== b.size || a.mtimeMs !== b.mtimeMs || a.ino !== b.ino;
}

/** Loads a TABLE_DUMP_V2 RIB dump into a longest-prefix-match table of best paths. */
export async function loadMrtTable(file: string, options: MrtLoadOptions = {}): Promise<MrtTable> {
  const started = performance.now();
  const data = await readWholeFile(file, options.settleMs ?? 0);
  const slice = options.recordsPerSlice ?? 20_000;
  const routes = new PrefixMap<Route>();
  const interned = new Map<string, AsPath>();
  let peers: MrtPeer[] = [];
  let allowed: ((entry: MrtRibEntry) => boolean) | undefined;
  let records = 0;
  for (let offset = 0; offset < data.length; ) {
    let step: ReturnType<typeof readMrtRecord>;
    try {
      step = readMrtRecord(data, offset);
    } catch (e) {
      throw new MrtError(`${file}: ${(e as Error).message}`);
    }
    offset = step.next;
    const { record } = step;
    if (record.kind === 'peers') {
      peers = [...record.peers];
      allowed = peerFilter(peers, options.peer, file);
    } else if (record.kind === 'rib') {
      const best = bestEntry(record.rib.entries, allowed);
      if (best) {
        const key = best.asPath ? best.asPath.toString('latin1') : '';
        let asPath = interned.get(key);
        if (!asPath) {
          asPath = decodeAsPath(best.asPath);
          interned.set(key, asPath);
        }
        routes.set(record.rib.prefix, { prefix: record.rib.prefix, asPath, exclusive: false });
      }
    }
    if (++records % slice === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  if (records === 0) throw new MrtError(`${file} holds no MRT records`);
  return { routes, peers, loadedMs: performance.now() - started };
}

function peerFilter(peers: readonly MrtPeer[], wanted: string | undefined, file: string): ((entry: MrtRibEntry) => boolean) | undefined {
  if (wanted === undefined) return undefined;
  const asn = parseAsn(wanted);
  const matching = new Set(peers.filter((p) => p.address === wanted || p.asn === asn).map((p) => p.index));
  if (matching.size === 0) {
    throw new MrtError(
      `mrt_peer ${wanted} is not a peer of ${file}; its peers are ${peers.map((p) => `${p.address} (AS${p.asn})`).join(', ')}`,
    );
  }
  return (entry) => matching.has(entry.peerIndex);
}

/** Shortest AS path wins; on a tie, the first listed (lowest peer index as dumped). */
function bestEntry(entries: readonly MrtRibEntry[], allowed: ((entry: MrtRibEntry) => boolean) | undefined): MrtRibEntry | undefined {
  let best: MrtRibEntry | undefined;
  let bestLength = Infinity;
  for (const entry of entries) {
    if (allowed && !allowed(entry)) continue;
    const length = asPathBytesLength(entry.asPath);
    if (length < bestLength) {
      best = entry;
      bestLength = length;
    }
  }
  return best;
}

export interface MrtRouteServerOptions extends MrtLoadOptions {
  readonly onEvent?: RouteServerListener | undefined;
  /** How often the file's mtime and size are checked for a new dump. */
  readonly watchIntervalMs?: number;
}

/**
 * `route_server mrt`: best paths from an MRT RIB dump held in memory. A new dump (the file replaced
 * or rewritten) is loaded, once it holds still, in slices beside the old table, which answers until the
 * new one is swapped in.
 */
export class MrtRouteServer implements RouteServer {
  readonly description: string;
  #table: MrtTable | undefined;
  #loading: Promise<MrtTable> | undefined;
  #reloadAgain = false;
  readonly #initial: Promise<MrtTable>;
  #closed = false;
  #initialFailed = false;
  readonly #watcher = (current: Stats, previous: Stats): void => {
    if (changed(current, previous)) void this.reload().catch(() => undefined);
  };

  constructor(
    readonly file: string,
    private readonly options: MrtRouteServerOptions = {},
  ) {
    this.description = `mrt ${file}`;
    this.#initial = this.#load(0, true);
    this.#initial.catch(() => {
      this.#initialFailed = true;
    });
    watchFile(file, { interval: options.watchIntervalMs ?? 1000, persistent: false }, this.#watcher);
  }

  /** Refuses at once a file that cannot be read; its content is loaded in the background. */
  static fromFile(file: string, options: MrtRouteServerOptions = {}): MrtRouteServer {
    try {
      accessSync(file, constants.R_OK);
    } catch (e) {
      throw new MrtError(`cannot read MRT file ${file}: ${(e as Error).message}; check the "table" directive`);
    }
    return new MrtRouteServer(file, options);
  }

  /** The first load is worth waiting for (within the caller's deadline); a failed one is not. */
  get available(): boolean {
    return this.#table !== undefined || !this.#initialFailed;
  }
  get table(): MrtTable | undefined {
    return this.#table;
  }
  async whenLoaded(): Promise<void> {
    await this.#initial;
  }

  /** Loads the file again once it holds still; the current table keeps answering until the new one is complete. */
  reload(): Promise<MrtTable> {
    if (this.#loading) {
      this.#reloadAgain = true;
      return this.#loading;
    }
    return this.#load(this.options.settleMs ?? this.options.watchIntervalMs ?? 1000);
  }

  #load(settleMs: number, initial = false): Promise<MrtTable> {
    const loading = loadMrtTable(this.file, { ...this.options, settleMs }).then(
      (table) => {
        this.#loading = undefined;
        if (!this.#closed) {
          this.#table = table;
          this.options.onEvent?.({
            kind: 'table-loaded',
            routeServer: this.description,
            prefixes: table.routes.size,
            peers: table.peers.length,
            loadMs: table.loadedMs,
          });
        }
        this.#again();
        return table;
      },
      (e: unknown) => {
        this.#loading = undefined;
        const error = e instanceof Error ? e : new Error(String(e));
        // A dump still being written is read when the watcher sees it settle; a first load retries itself.
        if (e instanceof DumpChangingError && !this.#closed) {
          if (this.#table === undefined) return this.#load(this.options.watchIntervalMs ?? 1000, initial);
        } else if (!initial) {
          // A first load that fails is reported by whenLoaded(), as a configuration problem.
          this.options.onEvent?.({ kind: 'table-rejected', routeServer: this.description, error, keptPrevious: this.#table !== undefined });
        }
        this.#again();
        throw error;
      },
    );
    this.#loading = loading;
    return loading;
  }

  #again(): void {
    if (!this.#reloadAgain || this.#closed) return;
    this.#reloadAgain = false;
    void this.reload().catch(() => undefined);
  }

  start(): void {}

  async lookup(address: ClientAddress): Promise<RouteLookup> {
    if (!this.#table) {
      try {
        await this.#initial;
      } catch (e) {
        throw new RouteServerError('unavailable', (e as Error).message);
      }
    }
    return this.lookupNow(address);
  }

  lookupNow(address: ClientAddress): RouteLookup {
    return lookupIn(this.#table?.routes, address);
  }

  async routesWithin(): Promise<readonly Prefix[] | undefined> {
    return undefined;
  }

  async close(): Promise<void> {
    this.#closed = true;
    unwatchFile(this.file, this.#watcher);
  }
}
