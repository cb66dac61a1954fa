/** What went wrong, in one line, whatever was thrown (an Error, a string, anything). */
export function errorMessage(e) {
    return e instanceof Error ? e.message : String(e);
}
//# sourceMappingURL=error-message.js.map