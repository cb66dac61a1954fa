/** How an end time is written in a drain or plan file, for the error that names the fix. */
export declare const END_TIME_FORMS = "ISO 8601 (2026-12-01T06:00Z) or epoch seconds";
/** A drain or plan line's end time: ISO 8601 or epoch seconds, as milliseconds; undefined when it is neither. */
export declare function parseEndTime(text: string): number | undefined;
