import type { Config } from '../config/config.js';
import type { PopWatch } from './pop-watch.js';

/** The POPs (by answer) that cannot take clients now: down, drained, unhealthy. Nothing is planned onto them. */
export function popsOut(config: Pick<Config, 'pops'>, pops: Pick<PopWatch, 'unavailable'>): Set<string> {
  const out = new Set<string>();
  for (const [asn, pop] of config.pops) if (pops.unavailable?.(asn, pop) !== undefined) out.add(pop);
  return out;
}
