/** Where a log line holds its client: a whitespace field (1-based) or a JSON-lines key. */
export type ClientField = { readonly kind: 'position'; readonly position: number } | { readonly kind: 'json'; readonly key: string };

export const FIRST_FIELD: ClientField = { kind: 'position', position: 1 };

/** `--field 3` is a position; `--field client_ip` a JSON key. */
export function parseClientField(text: string): ClientField | undefined {
  if (/^[1-9]\d{0,3}$/.test(text)) return { kind: 'position', position: Number(text) };
  return /^[A-Za-z_][\w.-]{0,127}$/.test(text) ? { kind: 'json', key: text } : undefined;
}
