import type { Asn } from '../core/asn.js';
import type { ExportSource } from '../export/render.js';
import { tableSource } from '../route-servers/route-server.js';
import type { Runtime } from './runtime.js';

/**
 * The table with the rules that answer it now, frozen: the POPs out at this moment and the plan's
 * lines in force. Every file and push of one write is made from one of these, so that a POP going out
 * half-way through a long render changes none of it (the next write takes it).
 */
export function exportSourceNow(runtime: Runtime, nowMs = Date.now()): ExportSource {
  const { routeServer, config, pops } = runtime;
  const view = tableSource(routeServer)?.decided();
  if (!view) throw new Error(`${routeServer.description} has no table loaded`);
  const plan = runtime.answering.entries.filter((e) => e.untilMs === undefined || e.untilMs > nowMs);
  const out = pops.states().filter((s) => s.why !== undefined);
  const why = new Map<Asn, string>(out.map((s) => [s.asn, s.why!]));
  const rules = { pops: config.pops, self: config.self, unavailable: (asn: Asn) => why.get(asn), plan };
  return {
    view,
    rules,
    out: out.map(({ asn, answer, why }) => ({ asn, answer, why: why! })),
    description: routeServer.description,
    generated: new Date(nowMs),
    dns: { names: config.dnsNames, addresses: config.addresses, ttl: config.dnsTtl, zone: config.dnsZone },
  };
}
