import { Command } from 'commander';
import type { OptionValues } from '../config/parse.js';
/** `--route_server` and `--route-server` both work: the original used underscores. */
export declare function normalizeArgv(args: readonly string[]): string[];
/** The command line, built without side effects so tests can drive it. */
export declare function buildProgram(version: string): Command;
/** The directive options the user gave (command line or environment), by directive name. */
export declare function givenOptions(program: Command): {
    values: OptionValues;
    passwordOnCommandLine: boolean;
};
