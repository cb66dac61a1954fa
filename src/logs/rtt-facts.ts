import type { RttField } from '../core/rtt-field.js';
import { fieldAt, fieldEnd, fieldStart } from './client-field.js';
import { jsonRecordOf } from './json-record.js';

/** A round-trip time longer than this (a minute) is no TCP round trip: the field is something else. */
const MAX_RTT_MS = 60_000;

/**
 * The round-trip time (in ms) a log line gives at `rtt`: undefined when it gives none, or something no
 * round trip can be. Read on every line: no object is made for a position field.
 */
export function rttMsOf(line: string, rtt: RttField): number | undefined {
  let value: number;
  if (rtt.field.kind === 'position') {
    const start = fieldStart(line, rtt.field.position);
    if (start < 0) value = Number.NaN;
    else if (line.charCodeAt(start) === 34) {
      const raw = fieldAt(line, rtt.field.position)!;
      value = plainDecimal(raw, 0, raw.length);
    } else value = plainDecimal(line, start);
  } else {
    const raw = line.charCodeAt(0) === 123 ? jsonRecordOf(line)?.[rtt.field.key] : undefined;
    value = typeof raw === 'number' ? raw : typeof raw === 'string' ? plainDecimal(raw, 0, raw.length) : Number.NaN;
  }
  if (!Number.isFinite(value) || value < 0) return undefined;
  const ms = rtt.unit === 'us' ? value / 1000 : value;
  return ms <= MAX_RTT_MS ? ms : undefined;
}

/** The POP a JSON-lines record names at `key`, when it is a host name. */
export function servedByOf(line: string, key: string): string | undefined {
  const raw = line.charCodeAt(0) === 123 ? jsonRecordOf(line)?.[key] : undefined;
  return typeof raw === 'string' && /^[A-Za-z0-9.-]{1,253}$/.test(raw) ? raw : undefined;
}

/**
 * The value of digits with at most one point between digits, NaN for anything else: no sign, exponent,
 * space or hex that Number() would also take. Read from `from` to `to`, or else to the end of the
 * field there (a space or tab, or the line's end).
 */
function plainDecimal(text: string, from: number, to = fieldEnd(text, from)): number {
  let whole = 0;
  let i = from;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    whole = whole * 10 + (c - 48);
  }
  if (i === from) return Number.NaN;
  if (i === to) return i - from <= 15 ? whole : Number(text.slice(from, to));
  if (text.charCodeAt(i) !== 46 || i === to - 1) return Number.NaN;
  for (let j = i + 1; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c < 48 || c > 57) return Number.NaN;
  }
  return Number(text.slice(from, to));
}
