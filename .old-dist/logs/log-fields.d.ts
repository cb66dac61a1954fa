/** When a request was served (epoch seconds) and how many bytes its response had, as far as its log line says. */
export interface RequestFacts {
    readonly time: number | undefined;
    readonly bytes: number | undefined;
    /** The line gives a time or a size that no request can have: it counts as a bad line, not as load. */
    readonly fault?: RequestFault;
}
/** `time`: unparsable, out of range, or more than a day ahead; `size`: not a whole number of bytes up to 1 TB. */
export type RequestFault = 'time' | 'size';
/** The time and response size (unless `withBytes` is false) of a common, combined or JSON-lines access log line. */
export declare function requestFactsOf(line: string, withBytes?: boolean): RequestFacts;
