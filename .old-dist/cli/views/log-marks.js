/** What an annotated line starts with when it has no address, or when its answer could not be had. */
export const NO_ADDRESS_MARK = '-';
export const FAILED_MARK = '!failed';
//# sourceMappingURL=log-marks.js.map