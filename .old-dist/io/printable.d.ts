/** A line as it can be shown on a terminal or in a log: control and non-ASCII characters escaped, long ones cut. */
export declare function printable(text: string, max?: number): string;
