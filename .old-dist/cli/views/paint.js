/** No colour: every style is the identity. */
export const PLAIN = Object.defineProperties((text) => text, {
    bold: { get: () => PLAIN },
    green: { get: () => PLAIN },
    cyan: { get: () => PLAIN },
    dim: { get: () => PLAIN },
    red: { get: () => PLAIN },
    yellow: { get: () => PLAIN },
});
/** chalk for standard error, loaded only where a person reads it (its import costs start-up time). */
export async function stderrPaint(colour) {
    if (!colour)
        return PLAIN;
    const { chalkStderr } = await import('chalk');
    return chalkStderr;
}
/** Colour for stdout, when a person reads it there (`--status`, `--check`); chalk turns it off when stdout is not a terminal. */
export async function stdoutPaint(colour) {
    if (!colour)
        return PLAIN;
    const { default: chalk } = await import('chalk');
    return chalk;
}
//# sourceMappingURL=paint.js.map