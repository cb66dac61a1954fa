import { type DirectiveSpec } from './directives.js';
/** Markers around the part of docs/configuration.md written from DIRECTIVES (`npm run docs`). */
export declare const REFERENCE_BEGIN = "<!-- generated from DIRECTIVES by `npm run docs`: edit src/config/directives.ts, not this table -->";
export declare const REFERENCE_END = "<!-- end of generated table -->";
/** Every directive as a Markdown table: the file's name, its option, its value, what it does. */
export declare function configurationReference(directives?: readonly DirectiveSpec[]): string;
/** A document with its generated table replaced by the one DIRECTIVES gives now. */
export declare function withReference(doc: string, reference?: string): string;
