import { parseClientAddress } from '../core/address.js';
import { parseAsn } from '../core/asn.js';
import type { BgpSession } from './zebra-show-bgp.js';

interface JsonPeer {
  readonly remoteAs?: unknown;
  readonly state?: unknown;
  readonly peerUptime?: unknown;
}

/**
 * The sessions in FRR's `show bgp summary json`: one object per address family, each with its
 * `peers` by neighbor address. Each neighbor once, established if it is in any family.
 */
export function parseFrrJsonBgpSummary(text: string): BgpSession[] {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return [];
  let families: unknown;
  try {
    families = JSON.parse(text.slice(start, end + 1));
  } catch {
    return [];
  }
  const sessions = new Map<string, BgpSession>();
  for (const family of Object.values(families as Record<string, unknown>)) {
    const peers = (family as { peers?: unknown } | null)?.peers;
    if (typeof peers !== 'object' || peers === null) continue;
    for (const [neighbor, value] of Object.entries(peers as Record<string, JsonPeer>)) {
      const asn = parseAsn(String(value.remoteAs));
      if (asn === undefined || parseClientAddress(neighbor) === undefined || sessions.get(neighbor)?.established) continue;
      const state = typeof value.state === 'string' ? value.state : 'unknown';
      const since = typeof value.peerUptime === 'string' ? value.peerUptime : undefined;
      sessions.set(neighbor, { neighbor, asn, established: state === 'Established', state, since });
    }
  }
  return [...sessions.values()];
}
