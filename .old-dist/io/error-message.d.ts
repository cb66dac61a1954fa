/** What went wrong, in one line, whatever was thrown (an Error, a string, anything). */
export declare function errorMessage(e: unknown): string;
