import { parseClientAddress } from '../core/address.js';
import { parseAsn } from '../core/asn.js';
/**
 * The sessions in FRR's `show bgp summary json`: one object per address family, each with its
 * `peers` by neighbor address. Each neighbor once, established if it is in any family.
 */
export function parseFrrJsonBgpSummary(text) {
    const start = text.indexOf('{');
    const end = text.lastIndexOf('}');
    if (start < 0 || end < start)
        return [];
    let families;
    try {
        families = JSON.parse(text.slice(start, end + 1));
    }
    catch {
        return [];
    }
    const sessions = new Map();
    for (const family of Object.values(families)) {
        const peers = family?.peers;
        if (typeof peers !== 'object' || peers === null)
            continue;
        for (const [neighbor, value] of Object.entries(peers)) {
            const asn = parseAsn(String(value.remoteAs));
            if (asn === undefined || parseClientAddress(neighbor) === undefined)
                continue;
            const received = typeof value.pfxRcd === 'number' ? value.pfxRcd : undefined;
            const known = sessions.get(neighbor);
            if (known?.established) {
                if (received !== undefined)
                    sessions.set(neighbor, { ...known, prefixes: (known.prefixes ?? 0) + received });
                continue;
            }
            const state = typeof value.state === 'string' ? value.state : 'unknown';
            const since = typeof value.peerUptime === 'string' ? value.peerUptime : undefined;
            const established = state === 'Established';
            sessions.set(neighbor, {
                neighbor,
                asn,
                established,
                state,
                since,
                ...(established && received !== undefined ? { prefixes: received } : {}),
            });
        }
    }
    return [...sessions.values()];
}
//# sourceMappingURL=frr-json-bgp-summary.js.map