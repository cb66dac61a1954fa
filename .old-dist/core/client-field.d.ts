/** Where a log line holds its client: a whitespace field (1-based) or a JSON-lines key. */
export type ClientField = {
    readonly kind: 'position';
    readonly position: number;
} | {
    readonly kind: 'json';
    readonly key: string;
};
export declare const FIRST_FIELD: ClientField;
/** `--field 3` is a position; `--field client_ip` a JSON key. */
export declare function parseClientField(text: string): ClientField | undefined;
