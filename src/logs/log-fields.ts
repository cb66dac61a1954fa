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
}

/** The time and response size (unless `withBytes` is false) of a common, combined or JSON-lines access log line. */
export function requestFactsOf(line: string, withBytes = true): RequestFacts {
  if (line.charCodeAt(0) === 123) return jsonFacts(line);
  const size = withBytes ? CLF_SIZE.exec(line) : null;
  return { time: clfTimeOf(line), bytes: size && size[2] !== '-' ? plausibleBytes(Number(size[2])) : undefined };
}

/** Lines of one second share their time's text: it is read once. */
let lastStamp = '';
let lastTime: number | undefined;

function clfTimeOf(line: string): number | undefined {
  const open = line.indexOf('[');
  const close = open < 0 ? -1 : line.indexOf(']', open);
  if (close < 0) return undefined;
  const stamp = line.slice(open, close + 1);
  if (stamp !== lastStamp) {
    lastStamp = stamp;
    lastTime = clfTime(stamp);
  }
  return lastTime;
}

function clfTime(text: string): number | undefined {
  const clf = CLF_TIME.exec(text);
  if (!clf) return undefined;
  const month = MONTHS[clf[2]!];
  if (month === undefined) return undefined;
  const utc = Date.UTC(Number(clf[3]), month, Number(clf[1]), Number(clf[4]), Number(clf[5]), Number(clf[6])) / 1000;
  const offset = (Number(clf[8]) * 60 + Number(clf[9])) * 60;
  return clf[7] === '+' ? utc - offset : utc + offset;
}

function jsonFacts(line: string): RequestFacts {
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null) return { time: undefined, bytes: undefined };
    record = parsed as Record<string, unknown>;
  } catch {
    return { time: clfTimeOf(line), bytes: undefined };
  }
  let time: number | undefined;
  for (const key of JSON_TIME_KEYS) {
    time = timeValue(record[key]);
    if (time !== undefined) break;
  }
  let bytes: number | undefined;
  for (const key of JSON_SIZE_KEYS) {
    const value = record[key];
    if (typeof value === 'number') bytes = plausibleBytes(value);
    else if (typeof value === 'string' && /^\d+$/.test(value)) bytes = plausibleBytes(Number(value));
    if (bytes !== undefined) break;
  }
  return { time, bytes };
}

function timeValue(value: unknown): number | undefined {
  if (typeof value === 'number') return plausibleTime(value > 1e12 ? value / 1000 : value);
  if (typeof value !== 'string') return undefined;
  if (/^\d{9,10}(?:\.\d+)?$/.test(value)) return Number(value);
  const clf = clfTime(`[${value}]`);
  if (clf !== undefined) return plausibleTime(clf);
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? plausibleTime(ms / 1000) : undefined;
}

/** The last second a date can show (9999-12-31T23:59:59Z): a time past it is no request's. */
const LAST_SECOND = 253_402_300_799;

/** Seconds since the epoch that a date can show; anything else (1e300, -5, NaN) is no time at all. */
function plausibleTime(seconds: number): number | undefined {
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= LAST_SECOND ? seconds : undefined;
}

/** A response size counted exactly (a safe integer), else none: 1e26 bytes is a broken line, not a load. */
function plausibleBytes(bytes: number): number | undefined {
  return Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : undefined;
}
