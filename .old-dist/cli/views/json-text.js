/** `asPath` → `as_path`: one key style in every JSON supersparrow writes, as its TSV headers and config spell them. */
export function snakeCase(key) {
    return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
function withSnakeKeys(value) {
    if (Array.isArray(value))
        return value.map(withSnakeKeys);
    if (value === null || typeof value !== 'object')
        return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeCase(k), withSnakeKeys(v)]));
}
/** One JSON document on one line, its keys in snake_case. */
export function jsonLine(value) {
    return `${JSON.stringify(withSnakeKeys(value))}\n`;
}
//# sourceMappingURL=json-text.js.map