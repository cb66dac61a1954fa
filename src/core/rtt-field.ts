import { type ClientField, parseClientField } from './client-field.js';

/** Where a log line holds the client's TCP round-trip time, and in what unit (nginx's $tcpinfo_rtt: µs; HAProxy's fc_rtt: ms). */
export interface RttField {
  readonly field: ClientField;
  readonly unit: 'us' | 'ms';
}

/** `rtt_field 11 us`, `rtt_field tcpinfo_rtt` (µs unless told). */
export function parseRttField(text: string): RttField | undefined {
  const [where, unit = 'us', extra] = text.trim().split(/\s+/);
  if (extra !== undefined || (unit !== 'us' && unit !== 'ms')) return undefined;
  const field = where === undefined ? undefined : parseClientField(where);
  return field ? { field, unit } : undefined;
}
