import type { BgpSession } from '../core/bgp-session.js';
/**
 * The BGP protocols in BIRD's `show protocols all`: each one's neighbor and AS, and whether its
 * session is established (`BGP state: Established`). Other protocols are passed over.
 */
export declare function parseBirdProtocols(text: string): BgpSession[];
