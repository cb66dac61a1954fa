import { type SettingSource, type Settings } from './config.js';
export interface DirectiveSpec {
    readonly name: string;
    /** The setting it gives. */
    readonly key: keyof Settings;
    /** A running process takes a change of it from the config file; the rest wait for a restart. */
    readonly reloadable?: boolean;
    /** Placeholder shown in help; a directive without one is a flag. */
    readonly value?: string;
    readonly description: string;
    /** Given more than once, the values add up (within one file, or on one command line). */
    readonly repeatable?: boolean;
    /** The command-line option, when it is not the directive's own name (`--export` already names a run). */
    readonly option?: string;
    readonly apply: (s: Settings, value: string, source: SettingSource, baseDir: string) => void;
}
/** The directive's command-line option, without its dashes: `drain-file` for drain_file (`--route_server` is taken too). */
export declare function optionOf(d: DirectiveSpec): string;
export declare const DIRECTIVES: readonly DirectiveSpec[];
/** `route-server` and `route_server` are one directive: the original used underscores. */
export declare function findDirective(name: string): DirectiveSpec | undefined;
