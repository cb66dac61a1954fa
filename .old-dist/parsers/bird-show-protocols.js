import { parseAsn } from '../core/asn.js';
/** BIRD's reply codes begin each line that starts a record (`1002-`) or a block of detail (`1006-`). */
const REPLY_CODE = /^\d{4}[ -]/;
const PROTOCOL_ROW = /^(\S+)\s+BGP\s+\S+\s+(\S+)\s+(\S+(?: \S+)?)\s*(.*)$/;
/**
 * The BGP protocols in BIRD's `show protocols all`: each one's neighbor and AS, and whether its
 * session is established (`BGP state: Established`). Other protocols are passed over.
 */
export function parseBirdProtocols(text) {
    const sessions = [];
    let current;
    const finish = () => {
        if (current?.neighbor !== undefined && current.asn !== undefined) {
            const state = current.state ?? 'unknown';
            const established = state === 'Established';
            sessions.push({
                neighbor: current.neighbor,
                asn: current.asn,
                established,
                state,
                since: current.since,
                ...(established && current.prefixes !== undefined ? { prefixes: current.prefixes } : {}),
                ...(current.changes !== undefined ? { routeChanges: current.changes } : {}),
            });
        }
        current = undefined;
    };
    for (const raw of text.split('\n')) {
        const line = raw.replace(/\r$/, '');
        if (line.startsWith('1002-')) {
            finish();
            const m = PROTOCOL_ROW.exec(line.slice(5));
            if (m)
                current = { since: m[3] };
            continue;
        }
        if (!current)
            continue;
        const detail = line.replace(REPLY_CODE, '').trim();
        // One "Routes:" line per channel (IPv4, IPv6): counted together.
        const routes = /^Routes:\s+(\d+) imported/.exec(detail);
        if (routes)
            current.prefixes = (current.prefixes ?? 0) + Number(routes[1]);
        // "Import updates:" and "Import withdraws:", their first column the count received, per channel.
        const received = /^Import (?:updates|withdraws):\s+(\d+)/.exec(detail);
        if (received)
            current.changes = (current.changes ?? 0) + Number(received[1]);
        const field = /^(BGP state|Neighbor address|Neighbor AS):\s+(\S+)/.exec(detail);
        if (!field)
            continue;
        if (field[1] === 'BGP state')
            current.state = field[2];
        else if (field[1] === 'Neighbor address')
            current.neighbor = field[2];
        else
            current.asn = parseAsn(field[2]);
    }
    finish();
    return sessions;
}
//# sourceMappingURL=bird-show-protocols.js.map