import type { Config } from '../../config/config.js';
/** The inputs that steer answers (config, table, plan, drain file) that another user could have written, each with the fix. */
export declare function sharedInputProblems(config: Config, configFile: string | undefined): string[];
/** A process running as root takes no such input unless told to. */
export declare function refusesSharedInputs(config: Config): boolean;
