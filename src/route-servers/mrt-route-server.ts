import { accessSync, constants, unwatchFile, watchFile, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ClientAddress } from '../core/address.js';
import type { AsPath } from '../core/as-path.js';
import { parseAsn } from '../core/asn.js';
import { asPathBytesLength, decodeAsPath, MrtError, readMrtRecord, type MrtPeer, type MrtRibEntry } from '../parsers/mrt.js';
import type { Prefix } from '../core/prefix.js';
import { PrefixMap } from '../core/prefix-map.js';
import { lookupIn, type Route, type RouteLookup } from '../core/route.js';
import { RouteServerError, type RouteServer } from './route-server.js';

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
}

/** Loads a TABLE_DUMP_V2 RIB dump into a longest-prefix-match table of best paths. */
export async function loadMrtTable(file: string, options: MrtLoadOptions = {}): Promise<MrtTable> {
  const started = performance.now();
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (e) {
    throw new MrtError(`cannot read MRT file ${file}: ${(e as Error).message}; check the "table" directive`);
  }
  const slice = options.recordsPerSlice ?? 20_000;
  const routes = new PrefixMap<Route>();
  const interned = new Map<string, AsPath>();
  let peers: MrtPeer[] = [];
  let allowed: ((entry: MrtRibEntry) => boolean) | undefined;
  let records = 0;
  for (let offset = 0; offset < data.length;) {
    let step;
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
        if (!asPath) { asPath = decodeAsPath(best.asPath); interned.set(key, asPath); }
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
    throw new MrtError(`mrt_peer ${wanted} is not a peer of ${file}; its peers are ${peers.map((p) => `${p.address} (AS${p.asn})`).join(', ')}`);
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
    if (length < bestLength) { best = entry; bestLength = length; }
  }
  return best;
}

export interface MrtRouteServerOptions extends MrtLoadOptions {
  readonly onReload?: ((state: string, detail: string) => void) | undefined;
  /** How often the file's mtime and size are checked for a new dump. */
  readonly watchIntervalMs?: number;
}

/**
 * `route_server mrt`: best paths from an MRT RIB dump held in memory. A new dump (the file replaced
 * or rewritten) is loaded in slices beside the old table, which answers until the new one is swapped in.
 */
export class MrtRouteServer implements RouteServer {
  readonly description: string;
  #table: MrtTable | undefined;
  #loading: Promise<MrtTable> | undefined;
  #initial: Promise<MrtTable>;
  #closed = false;
  #initialFailed = false;
  readonly #watcher = (current: Stats, previous: Stats): void => {
    if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size || current.ino !== previous.ino) void this.reload().catch(() => undefined);
  };

  constructor(readonly file: string, private readonly options: MrtRouteServerOptions = {}) {
    this.description = `mrt ${file}`;
    this.#initial = this.reload();
    this.#initial.catch(() => { this.#initialFailed = true; });
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
  get available(): boolean { return this.#table !== undefined || !this.#initialFailed; }
  get table(): MrtTable | undefined { return this.#table; }

  /** Loads the file again; the current table keeps answering until the new one is complete. */
  reload(): Promise<MrtTable> {
    if (this.#loading) return this.#loading;
    const loading = loadMrtTable(this.file, this.options).then(
      (table) => {
        this.#loading = undefined;
        if (!this.#closed) {
          this.#table = table;
          this.options.onReload?.('reloaded', `${this.description}: ${table.routes.size} prefixes from ${table.peers.length} peers in ${table.loadedMs.toFixed(0)} ms`);
        }
        return table;
      },
      (e: unknown) => {
        this.#loading = undefined;
        this.options.onReload?.('reload-failed', `${(e as Error).message}${this.#table ? '; still answering from the previous dump' : ''}`);
        throw e;
      },
    );
    this.#loading = loading;
    return loading;
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

  async isExclusive(_prefix: Prefix): Promise<boolean> {
    return false;
  }

  async close(): Promise<void> {
    this.#closed = true;
    unwatchFile(this.file, this.#watcher);
  }
}
