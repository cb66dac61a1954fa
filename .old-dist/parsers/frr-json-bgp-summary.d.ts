import type { BgpSession } from '../core/bgp-session.js';
/**
 * The sessions in FRR's `show bgp summary json`: one object per address family, each with its
 * `peers` by neighbor address. Each neighbor once, established if it is in any family.
 */
export declare function parseFrrJsonBgpSummary(text: string): BgpSession[];
