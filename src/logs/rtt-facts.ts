import type { RttField } from '../core/rtt-field.js';
import { fieldAt } from './client-field.js';

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
  const json = line.charCodeAt(0) === 123 && (rtt.field.kind === 'json' || servedByKey !== undefined) ? jsonRecord(line) : undefined;
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
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value < 0) return undefined;
  const ms = unit === 'us' ? value / 1000 : value;
  return ms <= MAX_RTT_MS ? ms : undefined;
}

function jsonRecord(line: string): Record<string, unknown> | undefined {
  try {
    const record: unknown = JSON.parse(line);
    return typeof record === 'object' && record !== null ? (record as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
