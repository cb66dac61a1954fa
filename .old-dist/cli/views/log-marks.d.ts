/** What an annotated line starts with when it has no address, or when its answer could not be had. */
export declare const NO_ADDRESS_MARK = "-";
export declare const FAILED_MARK = "!failed";
