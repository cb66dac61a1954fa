export declare const TIMED_OUT: unique symbol;
/** The promise's value if it settles within `ms`, else `TIMED_OUT`; the promise itself runs on. */
export declare function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT>;
