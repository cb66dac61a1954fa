import { dirname, resolve } from 'node:path';
import { ConfigError, DEFAULT_CONFIG, describeSource } from './config.js';
import { DIRECTIVES, findDirective } from './directives.js';
import { readPasswordFile } from './secrets.js';
/** Directives of the original that have no meaning here; accepted so old files still load. */
const IGNORED_DIRECTIVES = new Set(['result_count', 'no_lookup']);
export function parseConfigText(text, file, baseDir = dirname(resolve(file))) {
    const settings = {};
    const warnings = [];
    // Editors on some systems start files with a byte-order mark.
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    lines.forEach((raw, i) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const source = { file, line: i + 1 };
        const m = /^([A-Za-z][A-Za-z0-9_-]*)(?:\s+(.*))?$/.exec(line);
        if (!m)
            throw new ConfigError(source, `expected "name value" or a flag name alone; got "${line}"`);
        const name = m[1];
        const value = unquote((m[2] ?? '').trim());
        if (IGNORED_DIRECTIVES.has(name)) {
            warnings.push(`${describeSource(source)}: "${name}" has no effect in this version; ignored`);
            return;
        }
        const spec = findDirective(name);
        if (!spec)
            throw new ConfigError(source, `unknown directive "${name}"; expected one of ${DIRECTIVES.map((d) => d.name).join(', ')}`);
        if (spec.value !== undefined && value === '')
            throw new ConfigError(source, `"${spec.name}" needs a value: ${spec.name} ${spec.value}`);
        spec.apply(settings, value, source, baseDir);
    });
    return { settings, warnings };
}
function unquote(v) {
    return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}
/** Command-line options applied as they are, each checked by its directive's rules: no text is parsed twice. */
export function applyOptionValues(values, baseDir) {
    const settings = {};
    for (const [name, value] of values) {
        const spec = findDirective(name);
        if (!spec)
            throw new ConfigError(undefined, `unknown option --${name.replace(/_/g, '-')}`);
        const source = { option: `--${spec.name.replace(/_/g, '-')}` };
        if (typeof value === 'boolean')
            spec.apply(settings, value ? 'on' : 'off', source, baseDir);
        else
            for (const v of typeof value === 'string' ? [value] : value)
                spec.apply(settings, v, source, baseDir);
    }
    return { settings, warnings: [] };
}
/**
 * Layers apply in order, later ones winning: defaults, config file, command line. A repeatable
 * directive given by a later layer replaces the earlier layer's list. `password_file` is read here so
 * that the winning layer's choice between password and file holds.
 */
export function resolveConfig(layers) {
    const merged = {};
    const warnings = [];
    for (const layer of layers) {
        warnings.push(...layer.warnings);
        const { passwordFile, password, ...rest } = layer.settings;
        Object.assign(merged, rest);
        if (passwordFile !== undefined) {
            const { password: p, warning } = readPasswordFile(passwordFile, { option: 'password_file' });
            merged.password = p;
            if (warning)
                warnings.push(warning);
        }
        else if (password !== undefined) {
            merged.password = password;
        }
    }
    const config = { ...DEFAULT_CONFIG, ...merged };
    if ((config.routeServer === 'table' || config.routeServer === 'mrt') && config.table === undefined) {
        throw new ConfigError(undefined, `route_server ${config.routeServer} needs a route table: add "table FILE" to the config file or give --table FILE`);
    }
    if (config.pdns && config.dnsNames.length === 0) {
        throw new ConfigError(undefined, 'pdns needs the names to steer: add "dns_name www.example.net" to the config file');
    }
    if (config.pdns && config.self === 'NULL') {
        throw new ConfigError(undefined, 'pdns needs an answer for clients no POP is nearer to: set "self" to this POP\'s host or address');
    }
    const popHosts = new Set(config.pops.values());
    for (const check of config.health) {
        // Self's own checks decide its anycast announcements (--exabgp).
        if (!popHosts.has(check.host) && check.host !== config.self)
            throw new ConfigError(undefined, `${check.where}: "health ${check.host}" names no POP: give the host as a "peer" line answers it, or the self answer (${[...popHosts].join(', ') || 'none yet'})`);
    }
    for (const line of config.capacity) {
        if (!popHosts.has(line.host) && line.host !== config.self)
            throw new ConfigError(undefined, `${line.where}: "capacity ${line.host}" names no POP: give the host as a "peer" line answers it, or the self answer (${[...popHosts, config.self].join(', ')})`);
    }
    const units = new Set(config.capacity.map((line) => line.rate.unit));
    if (units.size > 1)
        throw new ConfigError(undefined, `${config.capacity.find((line) => line.rate.unit === 'bits').where}: capacity lines mix requests per second and bits per second: give every POP's capacity in one unit`);
    if (config.lowWatermark > config.highWatermark)
        throw new ConfigError(undefined, `low_watermark (${config.lowWatermark * 100}) must not exceed high_watermark (${config.highWatermark * 100})`);
    if (config.pops.size === 0)
        warnings.push(NO_POP_WARNING);
    return { config, warnings };
}
/** Said when no `peer` line is given: every answer would be self (of no concern to --exabgp, which answers nothing). */
export const NO_POP_WARNING = 'no POP is configured, so every answer is self: add "peer AS=host,..." to the config file or give --peer';
//# sourceMappingURL=parse.js.map