import type { ClientField } from '../core/client-field.js';
import { parseClientKey } from '../core/address.js';
import type { Prefix } from '../core/prefix.js';
import { prefixContains } from '../core/prefix.js';
import { jsonRecordOf } from './json-record.js';

/**
 * The `position`th field of a log line: fields are separated by spaces or tabs, and a double-quoted
 * string (`"GET / HTTP/1.1"`, a quoted X-Forwarded-For list) is one field, without its quotes, as
 * in Apache's and nginx's combined formats.
 */
export function fieldAt(line: string, position: number): string | undefined {
  const n = line.length;
  // Fields end at a space, or at a tab when the line has one: found by the engine's own search.
  const tabs = line.indexOf('\t') >= 0;
  let i = 0;
  for (let field = 1; ; field++) {
    while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    if (i >= n) return undefined;
    let start = i;
    let end: number;
    if (line.charCodeAt(i) === 34) {
      start = i + 1;
      end = closingQuote(line, start);
      i = end + 1;
    } else {
      end = line.indexOf(' ', i);
      if (end < 0) end = n;
      if (tabs) {
        const tab = line.indexOf('\t', i);
        if (tab >= 0 && tab < end) end = tab;
      }
      i = end;
    }
    if (field === position) return line.slice(start, end);
  }
}

/** The `"` closing a quoted field that opens at `from` (one no odd run of backslashes escapes), else the line's end. */
function closingQuote(line: string, from: number): number {
  for (let q = line.indexOf('"', from); q >= 0; q = line.indexOf('"', q + 1)) {
    let backslashes = 0;
    while (q - 1 - backslashes >= from && line.charCodeAt(q - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
  return line.length;
}

/** The value of a top-level key in a JSON-lines record, as text; undefined when absent or not JSON. */
export function jsonField(line: string, key: string): string | undefined {
  const value = jsonRecordOf(line)?.[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The client in an X-Forwarded-For list: the right-most address that is not one of the trusted
 * proxies (each proxy appends the address it received from). Anything left of it is the client's
 * own claim and may be forged.
 */
export function clientFromForwardedFor(list: string, trusted: readonly Prefix[]): string | undefined {
  const hops = list.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!.trim();
    const parsed = parseClientKey(hop);
    if (!parsed.ok) return hop;
    if (!trusted.some((p) => prefixContains(p, parsed.address))) return hop;
  }
  return undefined;
}

export interface ClientSelector {
  readonly field: ClientField;
  /** When set, the field is an X-Forwarded-For list and these are the proxies to look past. */
  readonly trustedProxies?: readonly Prefix[] | undefined;
}

/** The client key of a log line, or undefined when the line has no such field. */
export function clientKeyOf(line: string, selector: ClientSelector): string | undefined {
  const { field } = selector;
  const value =
    field.kind === 'json' ? jsonField(line, field.key) : field.position === 1 ? firstField(line) : fieldAt(line, field.position);
  if (value === undefined || selector.trustedProxies === undefined) return value;
  return clientFromForwardedFor(value, selector.trustedProxies);
}

/** The common case, fast: the text up to the first space or tab. */
function firstField(line: string): string | undefined {
  let end = 0;
  const n = line.length;
  while (end < n) {
    const c = line.charCodeAt(end);
    if (c === 32 || c === 9) break;
    end++;
  }
  if (end === 0 || line.charCodeAt(0) === 34) return fieldAt(line, 1);
  return line.slice(0, end);
}
