import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { errorMessage } from '../io/error-message.js';
const TLS_HINTS = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
    SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate not verifiable',
    CERT_HAS_EXPIRED: 'certificate expired',
    ERR_TLS_CERT_ALTNAME_INVALID: 'certificate is for another name',
};
/**
 * One HTTP or HTTPS GET: passes on a 2xx or 3xx status, as haproxy's `option httpchk` does. The body
 * is not read; the connection is not kept.
 */
export function probeUrl(url, options) {
    return new Promise((resolve) => {
        let settled = false;
        let req;
        const finish = (result) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            req?.destroy();
            resolve(result);
        };
        const timer = setTimeout(() => finish({ passed: false, detail: `timed out after ${options.timeoutMs} ms` }), options.timeoutMs);
        const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
        try {
            req = request(url, {
                method: 'GET',
                agent: false,
                headers: { 'User-Agent': options.userAgent, Connection: 'close', Accept: '*/*' },
                rejectUnauthorized: options.verifyTls,
            }, (res) => {
                const status = res.statusCode ?? 0;
                res.resume();
                finish({ passed: status >= 200 && status < 400, detail: `HTTP ${status}` });
            });
        }
        catch (e) {
            finish({ passed: false, detail: errorMessage(e) });
            return;
        }
        req.on('error', (e) => {
            const hint = e.code ? TLS_HINTS[e.code] : undefined;
            const detail = hint
                ? `TLS: ${hint} (health_tls_verify off accepts it)`
                : e.code === 'ECONNREFUSED'
                    ? 'connection refused'
                    : e.code === 'ECONNRESET'
                        ? 'connection reset'
                        : e.message;
            finish({ passed: false, detail });
        });
        req.end();
    });
}
//# sourceMappingURL=http-probe.js.map