import { type Asn } from '../core/asn.js';
import { type SettingSource } from './config.js';
/** The longest timer Node can set (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export declare const MAX_TIMER_MS: number;
export declare function parseFlag(v: string, src: SettingSource, name: string): boolean;
export declare function parseNumber(v: string, src: SettingSource, name: string, unit: string, min: number, max: number, integer: boolean): number;
/** One line of text: a value holding a line break could smuggle a second command to a router. */
export declare function parseOneLine(v: string, src: SettingSource, name: string): string;
/**
 * An answer is what Apache puts in a redirect and DNS in a record: `NULL` (Apache's default), a host
 * name, an IPv4 address or an IPv6 address, each optionally with `:PORT` (IPv6 then in brackets).
 */
export declare function isAnswer(text: string): boolean;
export declare function parseAnswer(v: string, src: SettingSource, what: string): string;
/** `AS=result,AS=result`: the POPs of one `peer` directive. */
export declare function parsePops(v: string, src: SettingSource): Map<Asn, string>;
export interface HostEntry {
    readonly host: string;
    readonly port: number | undefined;
}
/** `host`, `host:port`, `[ipv6]:port`, a bare IPv6 address, or an absolute socket path. */
export declare function parseHostEntry(entry: string): HostEntry | undefined;
export declare function parseHosts(v: string, src: SettingSource): string[];
/** A DNS name: labels of letters, digits and hyphens (and `_`), lower-cased, without the trailing dot. */
export declare function parseDnsName(v: string, src: SettingSource, what: string): string;
