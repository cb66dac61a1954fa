export class RouteServerError extends Error {
    failure;
    sinceMs;
    name = 'RouteServerError';
    constructor(failure, message, 
    /** On performance.now()'s clock, when the route server stopped answering, if before this error (a command that timed out was sent then). */
    sinceMs) {
        super(message);
        this.failure = failure;
        this.sinceMs = sinceMs;
    }
}
//# sourceMappingURL=route-server-error.js.map