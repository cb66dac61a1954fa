/** Why a route server could not answer; `failure` says which way. */
export type RouteServerFailure = 'unavailable' | 'timeout' | 'login' | 'protocol';
export declare class RouteServerError extends Error {
    readonly failure: RouteServerFailure;
    /** On performance.now()'s clock, when the route server stopped answering, if before this error (a command that timed out was sent then). */
    readonly sinceMs?: number | undefined;
    name: string;
    constructor(failure: RouteServerFailure, message: string, 
    /** On performance.now()'s clock, when the route server stopped answering, if before this error (a command that timed out was sent then). */
    sinceMs?: number | undefined);
}
