import type { RttField } from '../core/rtt-field.js';
import { fieldAt } from './client-field.js';
import { jsonRecordOf } from './json-record.js';

/** A round-trip time longer than this (a minute) is no TCP round trip: the field is something else. */
const MAX_RTT_MS = 60_000;

/** What a log line says of how fast its client was served, and by which POP. */
export interface RttFacts {
  readonly rttMs: number | undefined;
  readonly servedBy: string | undefined;
}

/**
 * The round-trip time (in ms) at `rtt` and, from a JSON-lines record, the POP at `servedByKey`; each
 * undefined when the line does not give it, or gives something no round trip or host name can be.
 */
export function rttFactsOf(line: string, rtt: RttField, servedByKey: string | undefined): RttFacts {
  const json = line.charCodeAt(0) === 123 && (rtt.field.kind === 'json' || servedByKey !== undefined) ? jsonRecordOf(line) : undefined;
  let raw: unknown;
  if (rtt.field.kind === 'position') raw = fieldAt(line, rtt.field.position);
  else raw = json?.[rtt.field.key];
  const servedRaw = servedByKey === undefined ? undefined : json?.[servedByKey];
  return {
    rttMs: millis(raw, rtt.unit),
    servedBy: typeof servedRaw === 'string' && /^[A-Za-z0-9.-]{1,253}$/.test(servedRaw) ? servedRaw : undefined,
  };
}

function millis(raw: unknown, unit: 'us' | 'ms'): number | undefined {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && plainDecimal(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value < 0) return undefined;
  const ms = unit === 'us' ? value / 1000 : value;
  return ms <= MAX_RTT_MS ? ms : undefined;
}

/** Digits, with at most one point between digits: no sign, exponent, space or hex that Number() would also take. */
function plainDecimal(text: string): boolean {
  let point = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c !== 46 || point || i === 0 || i === text.length - 1) return false;
    point = true;
  }
  return text.length > 0;
}
