/** `asPath` → `as_path`: one key style in every JSON supersparrow writes, as its TSV headers and config spell them. */
export declare function snakeCase(key: string): string;
/** One JSON document on one line, its keys in snake_case. */
export declare function jsonLine(value: unknown): string;
