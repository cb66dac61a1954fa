export const TIMED_OUT = Symbol('timed out');
/** The promise's value if it settles within `ms`, else `TIMED_OUT`; the promise itself runs on. */
export function within(promise, ms) {
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
//# sourceMappingURL=within.js.map