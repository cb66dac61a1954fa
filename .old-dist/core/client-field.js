export const FIRST_FIELD = { kind: 'position', position: 1 };
/** `--field 3` is a position; `--field client_ip` a JSON key. */
export function parseClientField(text) {
    if (/^[1-9]\d{0,3}$/.test(text))
        return { kind: 'position', position: Number(text) };
    return /^[A-Za-z_][\w.-]{0,127}$/.test(text) ? { kind: 'json', key: text } : undefined;
}
//# sourceMappingURL=client-field.js.map