/** What went wrong, in one line, whatever was thrown (an Error, a string, anything). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
