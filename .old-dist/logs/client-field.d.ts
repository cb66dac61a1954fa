import type { ClientField } from '../core/client-field.js';
import type { Prefix } from '../core/prefix.js';
/**
 * The `position`th field of a log line: fields are separated by spaces or tabs, and a double-quoted
 * string (`"GET / HTTP/1.1"`, a quoted X-Forwarded-For list) is one field, without its quotes, as
 * in Apache's and nginx's combined formats.
 */
export declare function fieldAt(line: string, position: number): string | undefined;
/** The value of a top-level key in a JSON-lines record, as text; undefined when absent or not JSON. */
export declare function jsonField(line: string, key: string): string | undefined;
/**
 * The client in an X-Forwarded-For list: the right-most address that is not one of the trusted
 * proxies (each proxy appends the address it received from). Anything left of it is the client's
 * own claim and may be forged.
 */
export declare function clientFromForwardedFor(list: string, trusted: readonly Prefix[]): string | undefined;
export interface ClientSelector {
    readonly field: ClientField;
    /** When set, the field is an X-Forwarded-For list and these are the proxies to look past. */
    readonly trustedProxies?: readonly Prefix[] | undefined;
}
/** The client key of a log line, or undefined when the line has no such field. */
export declare function clientKeyOf(line: string, selector: ClientSelector): string | undefined;
