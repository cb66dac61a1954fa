import { tableSource } from '../../route-servers/route-server.js';
/** What an export leaves out or adds now, as lines for the log. */
export function exportNotes(source) {
    const { plan } = source.rules;
    const notes = plan.length > 0 ? [`exporting with the plan in force: ${plan.length} planned prefix${plan.length === 1 ? '' : 'es'}`] : [];
    for (const pop of source.out)
        notes.push(`exporting without POP AS${pop.asn} (${pop.answer}): ${pop.why}`);
    return notes;
}
/** A route server that can give its whole table, or why not: the fix for --export and --serve alike. */
export function needsTableSource(ctx, option) {
    if (tableSource(ctx.routeServer))
        return undefined;
    return (`${option} needs route_server mrt or table: a full table cannot be read over the ${ctx.config.routeServer} ` +
        'command line in reasonable time. Have the route server write a dump (FRR: "dump bgp routes-mrt FILE"; BIRD: "mrt dump") and export from it');
}
//# sourceMappingURL=export-notes.js.map