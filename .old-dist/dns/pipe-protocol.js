export function parsePipeRequest(line) {
    const fields = line.replace(/\r$/, '').split('\t');
    switch (fields[0]) {
        case 'HELO': {
            const abi = Number(fields[1]);
            return Number.isInteger(abi) && abi >= 1 && abi <= 5 ? { kind: 'helo', abi } : { kind: 'garbage', line };
        }
        case 'Q': {
            if (fields.length < 6)
                return { kind: 'garbage', line };
            const qname = fields[1].toLowerCase().replace(/\.$/, '') || '.';
            return { kind: 'query', qname, qtype: fields[3].toUpperCase(), zoneId: fields[4], remote: fields[5], realRemote: fields[7] };
        }
        case 'AXFR':
            return { kind: 'axfr', zoneId: fields[1] ?? '' };
        case 'CMD':
            return { kind: 'cmd', text: fields.slice(1).join('\t') };
        default:
            return { kind: 'garbage', line };
    }
}
/** The response block for one request: DATA lines then END, in the ABI's format, as one string. */
export function pipeResponse(abi, records, zoneId) {
    const id = zoneId === '-1' || zoneId === '' ? '1' : zoneId;
    const lines = records.map((r) => abi >= 3
        ? `DATA\t${r.scopeBits}\t1\t${r.qname}\tIN\t${r.qtype}\t${r.ttl}\t${id}\t${r.content}`
        : `DATA\t${r.qname}\tIN\t${r.qtype}\t${r.ttl}\t${id}\t${r.content}`);
    lines.push('END');
    return lines.join('\n');
}
//# sourceMappingURL=pipe-protocol.js.map