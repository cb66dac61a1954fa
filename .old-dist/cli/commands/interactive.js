import { join } from 'node:path';
import { HISTORY_LINES, HistoryFile } from '../process/history-file.js';
import { createInterface } from 'node:readline';
import { within } from '../../core/within.js';
import { startRouteServer, tableSource } from '../../route-servers/route-server.js';
import { explainDecision } from '../views/explain.js';
import { EXIT_OK } from '../process/io.js';
import { statusSnapshot, statusTable } from '../views/status-view.js';
import { ONE_OFF } from './command.js';
import { errorMessage } from '../../io/error-message.js';
const HELP = [
    'Type a client address (IPv4 or IPv6) to see the POP it is sent to and why.',
    "  status       the POPs, their state and why, and the route server's sessions",
    '  help, ?      this text',
    '  quit, exit   leave (or Ctrl-D)',
    'Up and down arrows recall earlier lines, Tab completes commands and addresses typed before.',
].join('\n');
const COMMANDS = ['status', 'help', 'quit', 'exit'];
/**
 * Cursor and function keys that reach a line (a terminal readline does not know) are editing attempts,
 * not key text; no address holds an ESC or a `[`, so such sequences are removed.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what it removes
const ESCAPE_SEQUENCE = /\x1b?\[[0-9;?]*[ -/]*[@-~]|\x1bO[@-~]|\x1b/g;
export function cleanInteractiveLine(line) {
    return line.replace(ESCAPE_SEQUENCE, '').trim();
}
/**
 * Where the prompt keeps its history, as shells do: SUPERSPARROW_HISTORY (empty: none), else
 * $XDG_STATE_HOME/supersparrow/history, else ~/.local/state/supersparrow/history.
 */
export function historyFile(env) {
    if (env.SUPERSPARROW_HISTORY !== undefined)
        return env.SUPERSPARROW_HISTORY === '' ? undefined : env.SUPERSPARROW_HISTORY;
    const state = env.XDG_STATE_HOME || (env.HOME ? join(env.HOME, '.local', 'state') : undefined);
    return state ? join(state, 'supersparrow', 'history') : undefined;
}
/** Completion of the prompt's words: its commands, and addresses typed before. */
export function completions(line, history) {
    const word = line.trim();
    const candidates = [...new Set([...COMMANDS, ...history])].filter((c) => c.startsWith(word));
    return [candidates, word];
}
/**
 * A prompt for a person at a terminal, with an explanation of every answer. It waits without blocking:
 * health checks, session polls and reloads go on while nothing is typed.
 */
export async function interact(ctx) {
    const { io, resolver, routeServer, paint, config } = ctx;
    const file = historyFile(io.env);
    const kept = file === undefined ? undefined : HistoryFile.open(file, COMMANDS);
    if (kept?.refused)
        ctx.log.line(`history not read or saved: ${kept.refused}`);
    let saving = kept !== undefined && kept.refused === undefined;
    // Most recent first, as readline keeps them.
    const history = [...(kept?.lines ?? [])].reverse();
    const rl = createInterface({
        input: io.stdin,
        output: io.stderr,
        terminal: io.stdin.isTTY === true,
        history,
        historySize: HISTORY_LINES,
        removeHistoryDuplicates: true,
        completer: (line) => completions(line, rl.history ?? history),
    });
    rl.setPrompt('address> ');
    // Ctrl-C clears the line being typed, as a shell does; on an empty line it leaves.
    rl.on('SIGINT', () => {
        if (rl.line === '')
            rl.close();
        else {
            io.stderr.write('^C\n');
            rl.line = '';
            rl.prompt();
        }
    });
    // Batch mode must end on SIGHUP (Apache's restart); a person at a prompt may ask for a new table with it.
    const reloadable = tableSource(routeServer);
    let reloading;
    const reload = () => {
        reloading = reloadable?.reload().catch(() => undefined);
    };
    if (reloadable)
        io.onSignal('SIGHUP', reload);
    const save = (line) => {
        if (!saving || !kept)
            return;
        try {
            kept.add(line);
        }
        catch (e) {
            saving = false;
            ctx.log.line(`history not saved to ${file}: ${errorMessage(e)}`);
        }
    };
    io.stderr.write(`supersparrow ${ctx.version}: type an address, status, help, or quit\n`);
    const startedMs = Date.now();
    try {
        await startRouteServer(routeServer);
        rl.prompt();
        for await (const raw of rl) {
            const line = cleanInteractiveLine(raw);
            if (line !== '')
                save(line);
            if (line === 'quit' || line === 'exit')
                break;
            if (line === 'help' || line === '?')
                io.stderr.write(`${HELP}\n`);
            else if (line === 'status')
                io.stderr.write(statusTable(statusSnapshot(ctx, startedMs), paint));
            else if (line !== '') {
                // A new table asked for with SIGHUP answers the next address, as the person expects.
                if (reloading)
                    await reloading;
                reloading = undefined;
                const decision = await resolver.resolve(line);
                io.stdout.write(`${decision.answer}\n`);
                io.stderr.write(`${explainDecision(line, decision, paint)}\n`);
                // The prefix checks this answer started finish first, so the next address in the same prefix
                // is answered from the cache as it would be in batch mode.
                await within(resolver.settled(), config.timeoutMs);
            }
            rl.prompt();
        }
    }
    finally {
        rl.close();
        io.offSignal('SIGHUP', reload);
        await routeServer.close();
    }
    return EXIT_OK;
}
/** A prompt on a terminal. */
export const command = {
    ...ONE_OFF,
    name: 'interactive',
    serving: true,
    forPerson: () => true,
    asksPassword: true,
    run: (ctx) => interact(ctx),
};
//# sourceMappingURL=interactive.js.map