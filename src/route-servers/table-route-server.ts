import { readFileSync, statSync } from 'node:fs';
import type { ClientAddress } from '../core/address.js';
import type { Prefix } from '../core/prefix.js';
import type { PrefixMap } from '../core/prefix-map.js';
import { lookupIn, type Route, type RouteLookup } from '../core/route.js';
import type { RouteServer } from './route-server.js';
import { parseRouteTable, RouteTableError } from '../parsers/route-table.js';

/** `route_server table`: best paths from a file, answered from memory. */
export class TableRouteServer implements RouteServer {
  readonly available = true;
  readonly description: string;

  constructor(
    private readonly routes: PrefixMap<Route>,
    source: string,
  ) {
    this.description = `table ${source}`;
  }

  static fromFile(file: string): TableRouteServer {
    return new TableRouteServer(loadRouteTable(file), file);
  }

  start(): void {}

  lookup(address: ClientAddress): Promise<RouteLookup> {
    return Promise.resolve(this.lookupNow(address));
  }

  lookupNow(address: ClientAddress): RouteLookup {
    return lookupIn(this.routes, address);
  }

  routesWithin(prefix: Prefix): Promise<readonly Prefix[] | undefined> {
    return Promise.resolve(this.routes.get(prefix)?.exclusive === true ? [prefix] : undefined);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A text table larger than this is not a table: a wrong path (a device, a log) is refused, not read. */
const MAX_TABLE_BYTES = 1024 * 1024 * 1024;

export function loadRouteTable(file: string): PrefixMap<Route> {
  let text: string;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new Error('not a regular file');
    if (stats.size > MAX_TABLE_BYTES) throw new Error(`${stats.size} bytes is more than a route table holds (${MAX_TABLE_BYTES})`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new RouteTableError(`cannot read route table ${file}: ${(e as Error).message}; check the "table" directive`);
  }
  return parseRouteTable(text, file);
}
