/** Settles after `ms`; an unref'd timer would let the process end first, so this one holds it. */
export function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
//# sourceMappingURL=sleep.js.map