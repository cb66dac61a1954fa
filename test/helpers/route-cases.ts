/** POP host names of the testbed's peer table (helpers/cli.ts PEERS). */
export const X = 'www.x.example.net';
export const Y = 'www.y.example.net';
export const Z = 'www.z.example.net';
export const FAR = 'www.far.example.net';

/**
 * Every route case of the testbeds' feeders, as [client address, answer, matched prefix, best AS path]
 * ("-" where there is no route): the paper example (two paths), IPv6, a more-specific /16 behind two
 * POP ASes under a covering /8, a POP AS in mid-path, an AS_SET, local routes, a 4-byte ASN, no route.
 */
export const ROUTE_CASES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['192.168.193.15', Y, '192.168.193.0/24', '64702 64602'],
  ['2001:db8:193::1', Y, '2001:db8:193::/48', '64702 64602'],
  ['10.1.2.3', Z, '10.1.0.0/16', '64702 64701 64605'],
  ['10.9.9.9', X, '10.0.0.0/8', '64600 64601 64603'],
  ['172.16.5.5', Y, '172.16.0.0/12', '64600 64702 64604'],
  ['100.64.1.1', X, '100.64.0.0/10', '64600 {64610,64611}'],
  ['192.168.192.1', X, '192.168.192.0/24', '64600'],
  ['2001:db8:192::5', X, '2001:db8:192::/48', '64600'],
  ['198.51.100.7', Y, '198.51.100.0/24', '64702'],
  ['198.18.0.1', X, '198.18.0.0/24', 'Local'],
  ['2001:db8:700::1', X, '2001:db8:700::/48', 'Local'],
  ['192.0.2.1', FAR, '192.0.2.0/24', '64600 4200000001'],
  ['203.0.113.9', X, '-', '-'],
  ['2001:db8:ffff::1', X, '-', '-'],
];
