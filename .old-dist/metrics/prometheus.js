function labelValue(text) {
    return text.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}
function numberText(value) {
    if (Number.isNaN(value))
        return 'NaN';
    if (value === Number.POSITIVE_INFINITY)
        return '+Inf';
    if (value === Number.NEGATIVE_INFINITY)
        return '-Inf';
    return String(value);
}
function labelText(labels) {
    const pairs = Object.entries(labels).map(([k, v]) => `${k}="${labelValue(v)}"`);
    return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}
/** The families as a text exposition; `common` labels (a process's pid) go on every sample. */
export function prometheusText(families, common = {}) {
    const out = [];
    for (const f of families) {
        out.push(`# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
        out.push(`# TYPE ${f.name} ${f.type}`);
        for (const s of f.samples)
            out.push(`${f.name}${s.suffix ?? ''}${labelText({ ...common, ...s.labels })} ${numberText(s.value)}`);
    }
    return `${out.join('\n')}\n`;
}
/** A cumulative histogram's samples: one bucket per bound, `+Inf`, the sum and the count. */
export function histogramSamples(boundsS, cumulative, sum, count, labels = {}) {
    return [
        ...boundsS.map((bound, i) => ({ suffix: '_bucket', labels: { ...labels, le: String(bound) }, value: cumulative[i] ?? 0 })),
        { suffix: '_bucket', labels: { ...labels, le: '+Inf' }, value: count },
        { suffix: '_sum', labels, value: sum },
        { suffix: '_count', labels, value: count },
    ];
}
//# sourceMappingURL=prometheus.js.map