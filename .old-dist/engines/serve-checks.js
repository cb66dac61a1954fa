import { accessSync, constants, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { haproxyCommand } from './haproxy-runtime.js';
import { commandProblem } from './reload-command.js';
import { atomicWriteProblem } from '../io/atomic-file.js';
import { errorMessage } from '../io/error-message.js';
import { answersFileOf, companionFilesOf } from '../export/class-render.js';
import { isClassFormat } from '../export/formats.js';
/** Whether a file can be replaced where it is: a file of ours written and renamed beside it, then removed. */
function replaceableProblem(file) {
    const problem = atomicWriteProblem(join(dirname(file), `.${basename(file)}.supersparrow-check-${process.pid}`));
    return problem === undefined
        ? undefined
        : `cannot write beside ${file}: ${problem}; --serve writes each file beside it and renames it, so the folder must be writable by this user`;
}
/** What --serve would do with each export line, tried now: the folder writable, HAProxy's map there to replace. */
export async function serveChecks(config, exportable) {
    const rows = demandLogChecks(config);
    if (config.exports.length === 0)
        return rows;
    if (!exportable)
        rows.push({
            ok: false,
            what: 'serve (--serve)',
            detail: `export lines need route_server mrt or table, not ${config.routeServer}: have the route server write a dump`,
        });
    let maps;
    let socketProblem;
    const socket = config.haproxySocket;
    const live = (format) => format === 'haproxy-map' || format === 'haproxy-classes';
    if (socket !== undefined && config.exports.some((e) => live(e.format))) {
        try {
            maps = await haproxyCommand(socket, 'show map', 2000);
        }
        catch (e) {
            socketProblem = errorMessage(e);
        }
    }
    for (const line of config.exports) {
        const answers = isClassFormat(line.format) ? answersFileOf(line.format, line.file, config.gdnsdAdminState) : undefined;
        const all = [line.file, ...(isClassFormat(line.format) ? companionFilesOf(line.format, line.file, config.gdnsdAdminState) : [])];
        const problem = all.map(replaceableProblem).find((p) => p !== undefined);
        const then = line.command === undefined ? '' : `, then "${line.command}"`;
        const files = all.length === 1 ? line.file : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
        rows.push({ ok: problem === undefined, what: `export ${line.format}`, detail: problem ?? `${files} can be replaced${then}` });
        if (line.format === 'mmdb-classes' && config.dnsNames.length === 0)
            rows.push({
                ok: false,
                what: 'export mmdb-classes',
                detail: `PowerDNS's zones file would steer no name: add "dns_name NAME" (and "address HOST ADDRESS..." for each POP host) to the config`,
            });
        const unrunnable = line.command === undefined ? undefined : await commandProblem(line.command);
        if (unrunnable !== undefined)
            rows.push({ ok: false, what: 'export command', detail: `${unrunnable}: it would fail after every write of ${line.file}` });
        if (!live(line.format) || socket === undefined)
            continue;
        if (socketProblem !== undefined) {
            rows.push({ ok: false, what: 'HAProxy map', detail: socketProblem });
            continue;
        }
        for (const map of all) {
            if (!maps.includes(`(${map})`))
                rows.push({
                    ok: false,
                    what: 'HAProxy map',
                    detail: `HAProxy at ${socket} has no map ${map}: its ${map === answers ? 'map_str' : 'map_ip'}(...) must name this file, as written here`,
                });
            else
                rows.push({ ok: true, what: 'HAProxy map', detail: `${map} is replaced live through ${socket}` });
        }
    }
    return rows;
}
/** What the closed loop of --serve needs: each demand_log readable, a capacity and a plan file to write, beside it. */
function demandLogChecks(config) {
    if (config.demandLogs.length === 0)
        return [];
    const rows = [];
    for (const file of config.demandLogs) {
        try {
            accessSync(file, constants.R_OK);
            const size = statSync(file).size;
            rows.push({ ok: true, what: 'demand_log', detail: `${file}: readable (${size} bytes), followed from its end` });
        }
        catch (e) {
            rows.push({
                ok: false,
                what: 'demand_log',
                detail: `${file}: ${errorMessage(e)}; --serve waits for it, but plans nothing until it is there and readable by this user`,
            });
        }
    }
    if (config.capacity.length === 0)
        rows.push({ ok: false, what: 'demand_log', detail: 'no capacity line: add "capacity www.y.example.net 800/s" for each POP' });
    if (config.planFile === undefined)
        rows.push({ ok: false, what: 'demand_log', detail: 'no plan_file to write each plan to: add "plan_file /var/lib/supersparrow/plan"' });
    else {
        const problem = replaceableProblem(config.planFile);
        rows.push({
            ok: problem === undefined,
            what: 'plan loop',
            detail: problem ??
                `a plan every ${config.planIntervalSeconds} s (${config.planMode}) from the last ${config.demandWindowSeconds} s, written to ${config.planFile}`,
        });
    }
    return rows;
}
//# sourceMappingURL=serve-checks.js.map