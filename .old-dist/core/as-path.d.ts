import { type Asn } from './asn.js';
export type AsPathSegmentType = 'sequence' | 'set' | 'confed-sequence' | 'confed-set';
export interface AsPathSegment {
    readonly type: AsPathSegmentType;
    readonly asns: readonly Asn[];
}
/** Segments in wire order: the neighbour first, the origin last. An empty path is a local route. */
export type AsPath = readonly AsPathSegment[];
export declare const LOCAL_AS_PATH: AsPath;
export declare class AsPathSyntaxError extends Error {
    name: string;
}
/**
 * Parses the text form routers print: `64600 64601`, `64600 {64610,64611}` (AS_SET),
 * `(65001 65002) 64600` (confederation), `[65001 65002]` (confed set, FRR), `Local` or empty.
 * BIRD writes sets with spaces (`{64610 64611}`); both separators are accepted.
 */
export declare function parseAsPathText(text: string): AsPath;
/** Formats a path the way FRR prints it. */
/** Whether the AS appears anywhere on the path, sets included. */
export declare function pathIncludes(path: AsPath, asn: Asn): boolean;
export declare function formatAsPath(path: AsPath): string;
export declare function formatSegment(segment: AsPathSegment, formatAsn?: (asn: Asn, index: number) => string): string;
