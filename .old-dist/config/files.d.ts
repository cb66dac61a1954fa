import { type SettingsLayer } from './config.js';
/** Reads a config file; a missing default file is an empty layer, a missing named one an error. */
export declare function loadConfigFile(path: string, required: boolean): SettingsLayer;
