/** The record last parsed, by its line: the client, the time and the round trip of one line are read from one parse. */
let lastLine: string | undefined;
let lastRecord: Record<string, unknown> | undefined;

/** A JSON-lines record as an object; undefined when the line is not JSON or not an object. */
export function jsonRecordOf(line: string): Record<string, unknown> | undefined {
  if (line === lastLine) return lastRecord;
  let record: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    record = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    record = undefined;
  }
  lastLine = line;
  lastRecord = record;
  return record;
}
