import type { ClientAddress } from '../core/address.js';
import type { Prefix } from '../core/prefix.js';
import type { PrefixMap } from '../core/prefix-map.js';
import { lookupIn, type Route, type RouteLookup } from '../core/route.js';
import type { RouteServer } from './route-server.js';
import { loadRouteTable } from '../parsers/route-table.js';

/** `route_server table`: best paths from a file, answered from memory. */
export class TableRouteServer implements RouteServer {
  readonly available = true;
  readonly description: string;

  constructor(private readonly routes: PrefixMap<Route>, source: string) {
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

  isExclusive(prefix: Prefix): Promise<boolean> {
    return Promise.resolve(this.routes.get(prefix)?.exclusive === true);
  }

  close(): Promise<void> { return Promise.resolve(); }
}
