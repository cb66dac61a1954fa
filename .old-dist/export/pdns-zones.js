import { createHash } from 'node:crypto';
import { parseClientKey } from '../core/address.js';
import { hostOf } from '../core/answer-host.js';
/** Where each class's records live, under each zone: `64702-64701.supersparrow-class.example.net`. */
const CLASS_LABEL = 'supersparrow-class';
/**
 * A class as one DNS label, as it goes in the mmdb's `city.names.en` (pdns's `%ci`): the class itself,
 * or, past the 63 characters of a label (many POPs with long AS numbers), a digest of it.
 */
export function classLabel(ranking) {
    return ranking.length <= 63 ? ranking : `c${createHash('sha256').update(ranking).digest('hex').slice(0, 32)}`;
}
/** The zone a steered name is served in: `dns_zone` when it holds the name, else the name's parent. */
function zoneOf(name, zone) {
    if (zone !== undefined && (name === zone || name.endsWith(`.${zone}`)))
        return zone;
    const dot = name.indexOf('.');
    return dot < 0 ? name : name.slice(dot + 1);
}
/** An answer's records in the zones file: its addresses (A, AAAA), or a CNAME to its host. */
function recordsOf(answer, naming) {
    const host = hostOf(answer);
    if (host === undefined)
        return [];
    const literal = parseClientKey(host);
    const addresses = literal.ok ? [literal.address.text] : naming.addresses.get(host.toLowerCase());
    if (!addresses)
        return [`cname: ${host}`];
    return addresses.map((a) => `${a.includes(':') ? 'aaaa' : 'a'}: ${a}`);
}
/** YAML's single-quoted scalar: nothing in it is read as YAML. */
const yamlQuoted = (text) => `'${text.replaceAll("'", "''")}'`;
/**
 * PowerDNS's geoip zones file for a class export: per zone, each class's records (those of the POP
 * that answers it now) under `CLASS.supersparrow-class.ZONE`, and each steered name as a service
 * `%ci.supersparrow-class.ZONE` (`%ci` being the client's class in the mmdb). A POP's state changes
 * this file alone; the mmdb changes with the routes.
 */
export function pdnsZonesText(header, classes, naming) {
    const zones = new Map();
    for (const name of naming.names) {
        const zone = zoneOf(name, naming.zone);
        zones.set(zone, [...(zones.get(zone) ?? []), name]);
    }
    const out = [header, 'domains:'];
    for (const [zone, names] of zones) {
        out.push(`- domain: ${yamlQuoted(zone)}`, `  ttl: ${naming.ttl}`, '  records:');
        for (const { ranking, answer } of classes) {
            const records = recordsOf(answer, naming);
            out.push(`    ${yamlQuoted(`${classLabel(ranking)}.${CLASS_LABEL}.${zone}`)}:${records.length === 0 ? ' []' : ''}`);
            for (const record of records)
                out.push(`      - ${record}`);
        }
        out.push('  services:');
        for (const name of names)
            out.push(`    ${yamlQuoted(name)}: ${yamlQuoted(`%ci.${CLASS_LABEL}.${zone}`)}`);
    }
    return `${out.join('\n')}\n`;
}
//# sourceMappingURL=pdns-zones.js.map