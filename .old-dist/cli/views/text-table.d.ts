import type { Paint } from './paint.js';
/** How a cell is coloured, given its text; undefined: as the column says. */
export type CellPaint = (text: string, row: number, column: number) => Paint | undefined;
/**
 * Aligned columns, the header in bold; colour goes on after padding, so escape codes never skew the
 * widths.
 */
export declare function textTable(rows: readonly (readonly string[])[], rightAligned: readonly boolean[], paint: Paint, cellPaint?: CellPaint): string;
