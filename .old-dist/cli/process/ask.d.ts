import type { Config } from '../../config/config.js';
/**
 * The route server's password from the person at the terminal, unechoed. Synchronous on purpose: it
 * comes before anything else runs, and a person answers it; Enter alone means no password.
 */
export declare function askPassword(config: Config): string;
