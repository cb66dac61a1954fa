import { EXIT_USAGE } from '../process/io.js';
const LOG_SETTINGS = new Set(['log', 'summary', 'field', 'trustedProxies', 'without', 'retryForMs', 'concurrency']);
const DNS_SETTINGS = new Set(['pdns', 'dnsNames', 'addresses', 'dnsTtl', 'dnsZone']);
/** The settings every run acts on, those of log mode and DNS mode aside. */
export function usesCommonSettings(setting) {
    return setting !== 'batch' && !LOG_SETTINGS.has(setting) && !DNS_SETTINGS.has(setting);
}
export const usesLogSettings = (setting) => setting === 'batch' || LOG_SETTINGS.has(setting) || usesCommonSettings(setting);
export const usesDnsSettings = (setting) => (DNS_SETTINGS.has(setting) || usesCommonSettings(setting)) && setting !== 'format';
/** A command's traits as most have them: a one-off run for a script, on routes and drains. */
export const ONE_OFF = {
    serving: false,
    live: () => true,
    watchSessions: true,
    answersFollow: 'every-check',
    forPerson: (config) => config.verbose || config.debug,
    tables: false,
    metered: false,
    asksPassword: false,
    withoutPops: () => false,
    sharedInputs: 'refuse',
    prometheus: false,
    events: 'log',
    configProblemStatus: EXIT_USAGE,
    uses: usesCommonSettings,
};
//# sourceMappingURL=command.js.map