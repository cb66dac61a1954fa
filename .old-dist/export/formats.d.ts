import type { ExportRow } from './decided-rows.js';
/** One file, each block with its answer under the POP state when written. */
export declare const FLAT_FORMATS: readonly ["nginx-geo", "haproxy-map", "gdnsd-nets", "csv", "mmdb"];
/**
 * The blocks with their ranking class (changed only by routes, and for gdnsd and mmdb by the plan),
 * the plan's blocks (HAProxy, nginx), and the classes with their answers now (changed by POP state;
 * for gdnsd, its admin_state file; for mmdb, PowerDNS's geoip zones file).
 */
export declare const CLASS_FORMATS: readonly ["haproxy-classes", "nginx-classes", "gdnsd-classes", "mmdb-classes", "nginx-mmdb-classes"];
export declare const EXPORT_FORMATS: readonly ["nginx-geo", "haproxy-map", "gdnsd-nets", "csv", "mmdb", "haproxy-classes", "nginx-classes", "gdnsd-classes", "mmdb-classes", "nginx-mmdb-classes"];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type FlatFormat = (typeof FLAT_FORMATS)[number];
export type ClassFormat = (typeof CLASS_FORMATS)[number];
/** The class formats whose big file is an mmdb of classes: PowerDNS's geoip backend, nginx's geoip2 module. */
export type MmdbClassFormat = 'mmdb-classes' | 'nginx-mmdb-classes';
export declare function isMmdbClassFormat(format: ExportFormat): format is MmdbClassFormat;
export declare function isClassFormat(format: ExportFormat): format is ClassFormat;
export interface ExportHeader {
    readonly self: string;
    readonly source: string;
    readonly generated: Date;
    /** Every answer that may appear, self first (gdnsd lists its datacenters). */
    readonly answers: readonly string[];
}
/** nginx reads a bare word up to `;` or a space; anything else is quoted. */
export declare function nginxValue(answer: string): string;
export declare function quoted(answer: string): string;
/** The lines before the rows: a comment naming what wrote the file, and what the engine needs first. */
export declare function exportPrologue(format: Exclude<FlatFormat, 'mmdb'>, h: ExportHeader): string;
export declare function exportLine(format: Exclude<FlatFormat, 'csv' | 'mmdb'>, row: ExportRow): string;
/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export declare function csvLine(fields: readonly string[]): string;
