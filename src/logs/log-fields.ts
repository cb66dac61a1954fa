import { jsonRecordOf } from './json-record.js';

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/** `[02/Dec/2026:13:00:00 +0000]`, as Apache's and nginx's common and combined formats write the time. */
const CLF_TIME = /\[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\]/;
/** The status and size after the quoted request line: `"GET / HTTP/1.1" 200 5120`. */
const CLF_SIZE = /" (\d{3}) (\d+|-)(?: |$)/;
/** The keys a JSON-lines access log usually gives the time and the response size under. */
const JSON_TIME_KEYS = ['time', 'timestamp', '@timestamp', 'time_iso8601', 'time_local', 'ts'] as const;
const JSON_SIZE_KEYS = ['bytes_sent', 'body_bytes_sent', 'bytes'] as const;

/** When a request was served (epoch seconds) and how many bytes its response had, as far as its log line says. */
export interface RequestFacts {
  readonly time: number | undefined;
  readonly bytes: number | undefined;
  /** The line gives a time or a size that no request can have: it counts as a bad line, not as load. */
  readonly fault?: RequestFault;
}

/** `time`: unparsable, out of range, or more than a day ahead; `size`: not a whole number of bytes up to 1 TB. */
export type RequestFault = 'time' | 'size';

/** The time and response size (unless `withBytes` is false) of a common, combined or JSON-lines access log line. */
export function requestFactsOf(line: string, withBytes = true): RequestFacts {
  if (line.charCodeAt(0) === 123) return jsonFacts(line, withBytes);
  const time = clfTimeOf(line);
  const size = withBytes ? CLF_SIZE.exec(line) : null;
  const bytes = size && size[2] !== '-' ? plausibleBytes(Number(size[2])) : undefined;
  if (time === BAD) return { time: undefined, bytes, fault: 'time' };
  if (size && size[2] !== '-' && bytes === undefined) return { time, bytes, fault: 'size' };
  return { time, bytes };
}

/** A time was given, and it is none a request can have. */
const BAD = -1;

/** Lines of one second share their time's text: it is read once. */
let lastStamp = '';
let lastTime: number | undefined;

/** The line's `[…]` time, BAD when it is one no request can have, undefined when it has none. */
function clfTimeOf(line: string): number | undefined {
  const open = line.indexOf('[');
  const close = open < 0 ? -1 : line.indexOf(']', open);
  if (close < 0) return undefined;
  const stamp = line.slice(open, close + 1);
  if (stamp !== lastStamp) {
    lastStamp = stamp;
    const time = clfTime(stamp);
    // A bracket that is not a time (an IPv6 literal, a JSON array) says nothing; a time out of range is bad.
    lastTime = time === undefined ? undefined : (plausibleTime(time) ?? BAD);
  }
  return lastTime;
}

function clfTime(text: string): number | undefined {
  const clf = CLF_TIME.exec(text);
  if (!clf) return undefined;
  const month = MONTHS[clf[2]!];
  // A time in the shape of one, with no month: bad, not absent.
  if (month === undefined) return Number.NaN;
  const utc = Date.UTC(Number(clf[3]), month, Number(clf[1]), Number(clf[4]), Number(clf[5]), Number(clf[6])) / 1000;
  const offset = (Number(clf[8]) * 60 + Number(clf[9])) * 60;
  return clf[7] === '+' ? utc - offset : utc + offset;
}

function jsonFacts(line: string, withBytes: boolean): RequestFacts {
  // Called for lines that open with `{`: no record means it is not JSON at all.
  const record = jsonRecordOf(line);
  if (!record) {
    const time = clfTimeOf(line);
    return time === BAD ? { time: undefined, bytes: undefined, fault: 'time' } : { time, bytes: undefined };
  }
  // The first time key the line has decides: one it cannot read is a bad time, not a missing one.
  const timeKey = JSON_TIME_KEYS.find((key) => record[key] !== undefined && record[key] !== null);
  const time = timeKey === undefined ? undefined : timeValue(record[timeKey]);
  let bytes: number | undefined;
  let badSize = false;
  for (const key of withBytes ? JSON_SIZE_KEYS : []) {
    const value = record[key];
    if (typeof value === 'number') bytes = plausibleBytes(value);
    else if (typeof value === 'string' && /^\d+$/.test(value)) bytes = plausibleBytes(Number(value));
    else continue;
    badSize = bytes === undefined;
    break;
  }
  if (timeKey !== undefined && time === undefined) return { time, bytes, fault: 'time' };
  return badSize ? { time, bytes, fault: 'size' } : { time, bytes };
}

function timeValue(value: unknown): number | undefined {
  if (typeof value === 'number') return plausibleTime(value > 1e12 ? value / 1000 : value);
  if (typeof value !== 'string') return undefined;
  if (/^\d{9,10}(?:\.\d+)?$/.test(value)) return plausibleTime(Number(value));
  const clf = clfTime(`[${value}]`);
  if (clf !== undefined) return plausibleTime(clf);
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? plausibleTime(ms / 1000) : undefined;
}

/** The last second a date can show (9999-12-31T23:59:59Z): a time past it is no request's. */
const LAST_SECOND = 253_402_300_799;

/** Logs written by a clock this far ahead are still taken: a day covers every zone and a little drift. */
const MOST_AHEAD_SECONDS = 86_400;

/** Seconds since the epoch that a date can show and that are not more than a day ahead; anything else (1e300, -5, NaN, next year) is bad. */
function plausibleTime(seconds: number): number | undefined {
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= LAST_SECOND && seconds <= Date.now() / 1000 + MOST_AHEAD_SECONDS
    ? seconds
    : undefined;
}

/** No one response is larger: a size past it is a broken line, not a load. */
const MOST_BYTES = 1e12;

/** A response size counted exactly, up to 1 TB, else none: 1e26 bytes is a broken line, not a load. */
function plausibleBytes(bytes: number): number | undefined {
  return Number.isSafeInteger(bytes) && bytes >= 0 && bytes <= MOST_BYTES ? bytes : undefined;
}
