import type { Config } from '../config/config.js';
import type { PopWatch } from './pop-watch.js';
/** The POPs (by answer) that cannot take clients now: down, drained, unhealthy. Nothing is planned onto them. */
export declare function popsOut(config: Pick<Config, 'pops'>, pops: Pick<PopWatch, 'unavailable'>): Set<string>;
