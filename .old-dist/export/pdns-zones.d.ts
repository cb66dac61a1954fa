import type { RankingClass } from './classes.js';
/** What PowerDNS's geoip backend needs to answer the steered names: the `dns_*` and `address` settings. */
export interface DnsNaming {
    /** Steered names, lower case, without the trailing dot. */
    readonly names: readonly string[];
    readonly addresses: ReadonlyMap<string, readonly string[]>;
    readonly ttl: number;
    readonly zone: string | undefined;
}
/**
 * A class as one DNS label, as it goes in the mmdb's `city.names.en` (pdns's `%ci`): the class itself,
 * or, past the 63 characters of a label (many POPs with long AS numbers), a digest of it.
 */
export declare function classLabel(ranking: RankingClass): string;
/**
 * PowerDNS's geoip zones file for a class export: per zone, each class's records (those of the POP
 * that answers it now) under `CLASS.supersparrow-class.ZONE`, and each steered name as a service
 * `%ci.supersparrow-class.ZONE` (`%ci` being the client's class in the mmdb). A POP's state changes
 * this file alone; the mmdb changes with the routes.
 */
export declare function pdnsZonesText(header: string, classes: ReadonlyArray<{
    readonly ranking: RankingClass;
    readonly answer: string;
}>, naming: DnsNaming): string;
