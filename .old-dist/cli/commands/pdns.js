import { DnsAnswerer } from '../../dns/dns-answerer.js';
import { serveLines } from '../process/line-service.js';
import { ONE_OFF, usesDnsSettings } from './command.js';
/**
 * `--pdns`: PowerDNS's pipe-backend co-process. Every request gets its whole response (pdns reads
 * until END or FAIL) within the deadline, in order, flushed at once; it ends as batch mode does.
 */
export function servePdns(ctx) {
    const { config, log } = ctx;
    const answerer = new DnsAnswerer(ctx.resolver, {
        names: config.dnsNames,
        addresses: config.addresses,
        ttl: config.dnsTtl,
        zone: config.dnsZone,
        deadlineMs: config.deadlineMs,
        version: ctx.version,
        warn: (kind, text) => log.warnLimited(`pdns-${kind}`, text),
    });
    // pdns reads until END or FAIL: a request whose answer failed gets FAIL, and pdns answers SERVFAIL.
    return serveLines(ctx, () => 'FAIL', (line) => answerer.answer(line));
}
/** `--pdns`: PowerDNS's pipe backend. */
export const command = {
    ...ONE_OFF,
    name: 'pdns',
    serving: true,
    metered: true,
    uses: usesDnsSettings,
    run: (ctx) => servePdns(ctx),
};
//# sourceMappingURL=pdns.js.map