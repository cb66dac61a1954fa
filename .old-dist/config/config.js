import { FIRST_FIELD } from '../core/client-field.js';
export const ROUTE_SERVER_TYPES = ['zebra', 'frr-json', 'cisco', 'gated', 'bird', 'table', 'mrt'];
export const OUTPUT_FORMATS = ['plain', 'tsv', 'json', 'prometheus'];
/** Where each route server type listens unless told otherwise. */
export const DEFAULT_PORTS = { zebra: 2605, 'frr-json': 2605, cisco: 23, gated: 616 };
export const DEFAULT_BIRD_SOCKET = '/run/bird/bird.ctl';
export const DEFAULT_CONFIG_FILE = '/etc/supersparrow.conf';
export const DEFAULT_CONFIG = Object.freeze({
    routeServer: 'zebra',
    hosts: [],
    port: undefined,
    username: undefined,
    password: undefined,
    pops: new Map(),
    self: 'NULL',
    batch: false,
    cacheSize: 65536,
    cacheTimeoutMs: 300_000,
    negativeCacheTimeoutMs: 30_000,
    timeoutMs: 2000,
    deadlineMs: 250,
    debug: false,
    verbose: false,
    table: undefined,
    mrtPeer: undefined,
    invalidKey: 'null',
    log: false,
    summary: false,
    field: FIRST_FIELD,
    trustedProxies: undefined,
    format: 'plain',
    without: [],
    retryForMs: 60_000,
    concurrency: 16,
    popLiveness: true,
    drainFile: undefined,
    health: [],
    capacity: [],
    planFile: undefined,
    highWatermark: 0.9,
    lowWatermark: 0.75,
    maxMove: 0.3,
    auditFile: undefined,
    demandWindowSeconds: 300,
    demandLogs: [],
    planIntervalSeconds: 60,
    planMode: 'apply',
    anycast: [],
    anycastMed: undefined,
    exports: [],
    haproxySocket: undefined,
    gdnsdAdminState: '/var/lib/gdnsd/admin_state',
    healthIntervalMs: 1000,
    healthTimeoutMs: 1000,
    healthRise: 2,
    healthFall: 3,
    healthTlsVerify: true,
    allowSharedFiles: false,
    healthStateDir: undefined,
    metricsDir: undefined,
    reload: true,
    pdns: false,
    dnsNames: [],
    addresses: new Map(),
    dnsTtl: 20,
    dnsZone: undefined,
});
export class ConfigError extends Error {
    source;
    name = 'ConfigError';
    constructor(source, problem) {
        super(source ? `${describeSource(source)}: ${problem}` : problem);
        this.source = source;
    }
}
export function describeSource(source) {
    return 'file' in source ? `${source.file}:${source.line}` : `option ${source.option}`;
}
//# sourceMappingURL=config.js.map