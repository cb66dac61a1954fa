import type { Config } from '../config/config.js';
import type { HealthRecord } from '../pops/health-state.js';
import type { PopStateChange } from '../pops/pop-availability.js';
import type { RouteServerEvent } from '../route-servers/route-server.js';

/**
 * Everything a running process has to say about itself, on one stream: the adapters only log or
 * count it. Each event says what it already did (`forgotten`: cached answers dropped because of it).
 */
export type RuntimeEvent =
  | { readonly kind: 'route-server'; readonly event: RouteServerEvent }
  /** A POP can take clients again, or no longer can. */
  | { readonly kind: 'pop'; readonly change: PopStateChange; readonly forgotten: number }
  /** The route server's table is whole again after `settledMs` in doubt. */
  | { readonly kind: 'table-settled'; readonly settledMs: number; readonly why: string; readonly forgotten: number }
  /** Routes came or went at the route server (a router that counts them: BIRD): cached answers were forgotten. */
  | { readonly kind: 'routes-changed'; readonly forgotten: number }
  | { readonly kind: 'drain'; readonly file: string; readonly inForce: number }
  /** The plan file changed (or a line's time ran out): `inForce` prefixes are sent to their planned POP. */
  | { readonly kind: 'plan'; readonly file: string; readonly inForce: number; readonly latency?: true }
  | { readonly kind: 'health'; readonly host: string; readonly url: string; readonly record: HealthRecord }
  /** A problem worth a rate-limited line; `topic` groups repeats. */
  | { readonly kind: 'warning'; readonly topic: string; readonly message: string }
  /** A changed config file read cleanly: `applied` took effect, `needRestart` still run with the old values. */
  | { readonly kind: 'config-changed'; readonly applied: readonly (keyof Config)[]; readonly needRestart: readonly (keyof Config)[] }
  | { readonly kind: 'config-rejected'; readonly error: Error };

export type RuntimeListener = (event: RuntimeEvent) => void;
