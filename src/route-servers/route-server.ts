import type { ClientAddress } from '../core/address.js';
import type { Prefix } from '../core/prefix.js';
import type { RouteLookup } from '../core/route.js';

export type RouteServerFailure = 'unavailable' | 'timeout' | 'login' | 'protocol';

export class RouteServerError extends Error {
  override name = 'RouteServerError';
  constructor(readonly failure: RouteServerFailure, message: string) {
    super(message);
  }
}

/** A source of best paths: a router's CLI, or a table held in memory. */
export interface RouteServer {
  /** e.g. `zebra 127.0.0.1:2605`, for explanations and logs. */
  readonly description: string;
  /** False while the route server is known to be down: lookups should not wait for it. */
  readonly available: boolean;
  /** Begins connecting, so that the first lookup does not pay for it. */
  start(): void;
  /** Rejects with a RouteServerError. */
  lookup(address: ClientAddress): Promise<RouteLookup>;
  /** Whether `prefix` holds no more-specific route, so its answer may serve the whole prefix. */
  isExclusive(prefix: Prefix): Promise<boolean>;
  close(): Promise<void>;
}
