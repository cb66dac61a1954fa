/** A BGP session as the route server lists it (`show bgp summary`, BIRD's `show protocols all`). */
export interface BgpSession {
    readonly neighbor: string;
    readonly asn: number;
    readonly established: boolean;
    /** The router's own word for the state: `Established`, `Active`, `Idle`, `Down`... */
    readonly state: string;
    /** How long it has been in that state, or since when, as the router shows it. */
    readonly since: string | undefined;
    /** Prefixes received on the session, all address families together, when the router shows them. */
    readonly prefixes?: number;
    /** Route updates and withdrawals received on the session so far, when the router counts them (BIRD). */
    readonly routeChanges?: number;
}
