import type { Asn } from '../core/asn.js';
import type { HealthRecord } from '../pops/health-state.js';
import type { AnycastState } from './announcer.js';

/** This POP's own checks, as the POP watch keeps them. */
export interface OwnChecks {
  health(): readonly { readonly host: string; readonly url: string; readonly record: HealthRecord }[];
  readonly drained?: ((asn: Asn, answer: string) => string | undefined) | undefined;
}

/** This POP's anycast state from its own health checks and the drain file, and why when not up. */
export function selfState(self: string, pops: ReadonlyMap<Asn, string>, checks: OwnChecks): { state: AnycastState; why?: string } {
  const failing = checks.health().find((h) => h.host === self && h.record.probedAtMs > 0 && !h.record.up);
  if (failing) return { state: 'down', why: `health check ${failing.url} failing: ${failing.record.detail}` };
  // Its AS is the one a peer line gives this POP's own answer, if any: a drain may name either.
  const selfAsn = [...pops].find(([, answer]) => answer === self)?.[0] ?? -1;
  const drained = checks.drained?.(selfAsn, self);
  if (drained !== undefined) return { state: 'drained', why: drained };
  return { state: 'up' };
}
