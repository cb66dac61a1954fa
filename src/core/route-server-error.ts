/** Why a route server could not answer; `failure` says which way. */
export type RouteServerFailure = 'unavailable' | 'timeout' | 'login' | 'protocol';

export class RouteServerError extends Error {
  override name = 'RouteServerError';
  constructor(
    readonly failure: RouteServerFailure,
    message: string,
    /** On performance.now()'s clock, when the route server stopped answering, if before this error (a command that timed out was sent then). */
    readonly sinceMs?: number,
  ) {
    super(message);
  }
}
