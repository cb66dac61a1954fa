import { type Config, type SettingsLayer } from './config.js';
export declare function parseConfigText(text: string, file: string, baseDir?: string): SettingsLayer;
/** Option values as given (a string, several for a repeatable option, `true` for a flag), by directive name. */
export type OptionValues = ReadonlyMap<string, string | readonly string[] | boolean>;
/** Command-line options applied as they are, each checked by its directive's rules: no text is parsed twice. */
export declare function applyOptionValues(values: OptionValues, baseDir: string): SettingsLayer;
/**
 * Layers apply in order, later ones winning: defaults, config file, command line. A repeatable
 * directive given by a later layer replaces the earlier layer's list. `password_file` is read here so
 * that the winning layer's choice between password and file holds.
 */
export declare function resolveConfig(layers: readonly SettingsLayer[]): {
    config: Config;
    warnings: string[];
};
/** Said when no `peer` line is given: every answer would be self (of no concern to --exabgp, which answers nothing). */
export declare const NO_POP_WARNING = "no POP is configured, so every answer is self: add \"peer AS=host,...\" to the config file or give --peer";
