/** A line as it can be shown on a terminal or in a log: control and non-ASCII characters escaped, long ones cut. */
export function printable(text, max = 80) {
    const cut = text.length > max ? `${text.slice(0, max)}…` : text;
    return cut.replace(/[^\x20-\x7e…]/g, (c) => {
        const code = c.charCodeAt(0);
        return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    });
}
//# sourceMappingURL=printable.js.map