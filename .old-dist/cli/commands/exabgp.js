import { announcementsFor, commandsBetween, neighborStateOf } from '../../anycast/announcer.js';
import { selfState } from '../../anycast/self-state.js';
import { errorMessage } from '../../io/error-message.js';
import { LineSplitter } from '../../io/line-splitter.js';
import { EXIT_USAGE } from '../process/io.js';
import { untilStopped } from '../process/until-stopped.js';
import { ONE_OFF } from './command.js';
/** Events after which this POP's own state may have changed (a drain's end time comes as a drain event). */
const STATE_EVENTS = new Set(['health', 'drain', 'config-changed', 'pop']);
/**
 * `--exabgp`: an ExaBGP API process (`process … { run supersparrow --exabgp; encoder json; }`). It
 * announces this POP's `anycast` prefixes while it can take clients and withdraws them when its
 * health checks fail or it is drained (with `anycast_med`, a drain re-announces with the drained MED
 * instead), sending only changes; it announces again when ExaBGP says a session came up, and withdraws
 * everything at end of input, SIGTERM or SIGHUP. ExaBGP's messages are read as they come, never
 * waited for.
 */
export async function serveExabgp(ctx) {
    const { io, log, runtime } = ctx;
    if (ctx.config.anycast.length === 0) {
        io.stderr.write('supersparrow: --exabgp announces anycast prefixes: add "anycast 192.0.2.0/24" lines to the config file\n');
        return EXIT_USAGE;
    }
    let announced = [];
    let lastState;
    let stopped = false;
    const send = (commands) => {
        if (commands.length > 0)
            io.stdout.write(`${commands.join('\n')}\n`);
    };
    const update = () => {
        if (stopped)
            return;
        try {
            const { state, why } = selfState(ctx.config.self, ctx.config.pops, ctx.pops);
            const next = announcementsFor(state, ctx.config.anycast, ctx.config.anycastMed);
            const commands = commandsBetween(announced, next);
            announced = next;
            send(commands);
            if (state !== lastState || commands.length > 0)
                log.line(`anycast ${state}${why ? ` (${why})` : ''}${commands.length > 0 ? `: ${commands.join('; ')}` : ''}`);
            lastState = state;
        }
        catch (e) {
            log.warnLimited('anycast', `anycast state not updated: ${errorMessage(e)}`);
        }
    };
    // Health checks decide before anything is announced, as a fresh --status does.
    await ctx.pops.firstLook();
    update();
    const onEvent = (event) => {
        if (STATE_EVENTS.has(event.kind))
            update();
    };
    runtime.on(onEvent);
    const run = untilStopped(io, {
        stopOn: ['SIGTERM', 'SIGHUP', 'SIGINT'],
        finish: async (why) => {
            const withdrawals = commandsBetween(announced, []);
            announced = [];
            stopped = true;
            runtime.off(onEvent);
            log.line(`${why}: anycast withdrawn${withdrawals.length > 0 ? `: ${withdrawals.join('; ')}` : ''}`);
            // Every withdrawal is out before the process ends, however slow the reader.
            if (withdrawals.length > 0 && !io.stdout.write(`${withdrawals.join('\n')}\n`))
                await new Promise((resolve) => io.stdout.once('drain', resolve));
        },
    });
    // ExaBGP's update messages can be long; one past a megabyte is of no interest here.
    const lines = new LineSplitter(1 << 20, 'drop');
    const heard = (line) => {
        const neighbor = neighborStateOf(line);
        if (!neighbor)
            return;
        log.line(`ExaBGP: neighbor ${neighbor.peer} ${neighbor.state}`);
        // A session (re)established: whatever it had was lost with the old one.
        if (neighbor.state === 'up' && !stopped)
            send(commandsBetween([], announced));
    };
    io.stdin.on('data', (chunk) => {
        for (const line of lines.push(chunk)) {
            // No message, however shaped, ends the process or costs the one after it.
            try {
                heard(line);
            }
            catch (e) {
                log.warnLimited('exabgp input', `a message from ExaBGP not understood: ${errorMessage(e)}`);
            }
        }
    });
    io.stdin.once('end', () => {
        const last = lines.end();
        if (last !== undefined)
            heard(last);
        run.stop('end of input');
    });
    io.stdin.once('error', () => run.stop('input closed'));
    return await run.done;
}
/** `--exabgp`: this POP's own checks and drains alone; it asks the route server nothing. */
export const command = {
    ...ONE_OFF,
    name: 'exabgp',
    serving: true,
    watchSessions: false,
    withoutPops: () => true,
    run: (ctx) => serveExabgp(ctx),
};
//# sourceMappingURL=exabgp.js.map