import { DIRECTIVES, optionOf } from './directives.js';
/** Markers around the part of docs/configuration.md written from DIRECTIVES (`npm run docs`). */
export const REFERENCE_BEGIN = '<!-- generated from DIRECTIVES by `npm run docs`: edit src/config/directives.ts, not this table -->';
export const REFERENCE_END = '<!-- end of generated table -->';
function cell(text) {
    return text.replace(/\|/g, '\\|');
}
function valueCell(d) {
    return d.value ? `\`${cell(d.value)}\`` : 'flag (`on`, `off`)';
}
/** Every directive as a Markdown table: the file's name, its option, its value, what it does. */
export function configurationReference(directives = DIRECTIVES) {
    const rows = directives.map((d) => `| \`${d.name}\` | \`--${optionOf(d)}\` | ${valueCell(d)} | ${cell(d.description)}${d.repeatable && !/repeatable/.test(d.description) ? '; repeatable' : ''} |`);
    return ['| directive | option | value | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
/** A document with its generated table replaced by the one DIRECTIVES gives now. */
export function withReference(doc, reference = configurationReference()) {
    const begin = doc.indexOf(REFERENCE_BEGIN);
    const end = doc.indexOf(REFERENCE_END);
    if (begin < 0 || end < begin)
        throw new Error(`the document has no ${REFERENCE_BEGIN} … ${REFERENCE_END} markers`);
    return `${doc.slice(0, begin + REFERENCE_BEGIN.length)}\n${reference}\n${doc.slice(end)}`;
}
//# sourceMappingURL=reference.js.map