/**
 * Aligned columns, the header in bold; colour goes on after padding, so escape codes never skew the
 * widths.
 */
export function textTable(rows, rightAligned, paint, cellPaint = () => undefined) {
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    return rows
        .map((row, r) => {
        const cells = row.map((cell, c) => {
            const padded = rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]);
            const style = r === 0 ? undefined : cellPaint(cell, r, c);
            return style ? style(padded) : padded;
        });
        const line = cells.join('  ').trimEnd();
        return r === 0 ? paint.bold(line) : line;
    })
        .join('\n');
}
//# sourceMappingURL=text-table.js.map