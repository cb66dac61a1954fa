import { readFileSync } from 'node:fs';
/** Used when /etc/services is missing (minimal containers) or lacks the Zebra entries. */
const WELL_KNOWN = {
    telnet: 23,
    gii: 616,
    zebrasrv: 2600,
    zebra: 2601,
    ripd: 2602,
    ripngd: 2603,
    ospfd: 2604,
    bgpd: 2605,
    ospf6d: 2606,
    isisd: 2608,
};
const servicesFiles = new Map();
function loadServices(path) {
    const map = new Map();
    let text = '';
    try {
        text = readFileSync(path, 'latin1');
    }
    catch {
        return map;
    }
    for (const line of text.split('\n')) {
        const fields = line.replace(/#.*/, '').trim().split(/\s+/);
        const [name, portProto, ...aliases] = fields;
        const m = portProto ? /^(\d+)\/tcp$/.exec(portProto) : null;
        if (!name || !m)
            continue;
        for (const n of [name, ...aliases])
            if (!map.has(n))
                map.set(n, Number(m[1]));
    }
    return map;
}
/** A TCP port given as a number or a service name, resolved without DNS. */
export function resolvePort(text, servicesPath = '/etc/services') {
    if (/^\d+$/.test(text)) {
        const n = Number(text);
        return n >= 1 && n <= 65535 ? n : undefined;
    }
    let table = servicesFiles.get(servicesPath);
    if (!table) {
        table = loadServices(servicesPath);
        servicesFiles.set(servicesPath, table);
    }
    return table.get(text) ?? WELL_KNOWN[text];
}
//# sourceMappingURL=services.js.map