import { type CliIo } from './process/io.js';
/** `NO_COLOR` turns colour off when it is set to anything but the empty string (no-color.org). */
export declare function colourWanted(env: CliIo['env'], colorOption: boolean): boolean;
/** The version in a package.json: each entry names the package's, as it sits in its own place. */
export declare function packageVersion(packageJson: URL): string;
/** The whole command line: parses `argv`, runs the command it asks for, and returns the exit status. */
export declare function main(argv: readonly string[], io: CliIo, version: string): Promise<number>;
