export interface ProbeOptions {
    readonly timeoutMs: number;
    /** Check the server's certificate (HTTPS); off for self-signed certificates on internal addresses. */
    readonly verifyTls: boolean;
    readonly userAgent: string;
}
export interface ProbeResult {
    readonly passed: boolean;
    readonly detail: string;
}
/**
 * One HTTP or HTTPS GET: passes on a 2xx or 3xx status, as haproxy's `option httpchk` does. The body
 * is not read; the connection is not kept.
 */
export declare function probeUrl(url: URL, options: ProbeOptions): Promise<ProbeResult>;
