import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { errorMessage } from '../io/error-message.js';
import { printable } from '../io/printable.js';
/** What is kept of a command's output: the tail, for the log. Beyond it, output is read and dropped. */
const KEPT_OUTPUT = 2000;
/** Of which the log shows the last this many characters, escaped. */
const KEPT_PRINTED = 500;
/** After SIGTERM to the group at the limit, this long before SIGKILL. */
const KILL_GRACE_MS = 2000;
/**
 * Once the shell has exited, its output is read this much longer: a daemon it started (`nginx -s
 * reload` does not, `sleep 40 &` does) may hold the pipes open, and is never waited for.
 */
const OUTPUT_AFTER_EXIT_MS = 100;
/** Signals the whole process group the command leads; quiet when it is gone already. */
function signalGroup(pid, signal) {
    if (pid === undefined)
        return;
    try {
        process.kill(-pid, signal);
    }
    catch {
        // The group is gone: nothing to signal.
    }
}
/** Runs an operator's command (`sh -c`) that has an engine read a file again: see runInGroup. */
export function runReloadCommand(command, timeoutMs) {
    return runInGroup(['-c', command], timeoutMs);
}
/**
 * Runs `/bin/sh` with `args`, leading a process group of its own: at `timeoutMs` the group gets
 * SIGTERM, then SIGKILL after a grace. Settles when the shell exits, whatever its children still do;
 * never rejects; output kept bounded.
 */
function runInGroup(args, timeoutMs) {
    return new Promise((resolve) => {
        let output = '';
        const keep = (chunk) => {
            output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT);
        };
        let child;
        try {
            child = spawn('/bin/sh', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        }
        catch (e) {
            resolve({ ok: false, how: `could not start: ${errorMessage(e)}`, output: '' });
            return;
        }
        child.stdout?.on('data', keep);
        child.stderr?.on('data', keep);
        let killedAt;
        let grace;
        const timer = setTimeout(() => {
            killedAt = 'limit';
            signalGroup(child.pid, 'SIGTERM');
            grace = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
            grace.unref();
        }, timeoutMs);
        let settled = false;
        const settle = (outcome) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            child.stdout?.destroy();
            child.stderr?.destroy();
            resolve(outcome);
        };
        child.once('error', (e) => settle({ ok: false, how: `could not start: ${e.message}`, output: '' }));
        child.once('exit', (code, signal) => {
            if (killedAt) {
                // The shell is gone; what it left in its group goes too, now rather than after the grace.
                clearTimeout(grace);
                signalGroup(child.pid, 'SIGKILL');
            }
            const how = killedAt ? `killed after ${timeoutMs / 1000} s` : signal ? `killed by ${signal}` : `exit ${code}`;
            const ok = !killedAt && code === 0;
            setTimeout(() => settle({ ok, how, output: printable(output.trim().slice(-KEPT_PRINTED), KEPT_PRINTED) }), OUTPUT_AFTER_EXIT_MS);
        });
    });
}
/**
 * What is wrong with a command before it is ever run: its syntax (`sh -n`), and its first word found
 * as a file or on PATH. Undefined when it looks runnable.
 */
export async function commandProblem(command, path = process.env.PATH ?? '') {
    const syntax = await runInGroup(['-n', '-c', command], 5000);
    if (!syntax.ok)
        return `"${command}" is not valid sh: ${syntax.output || syntax.how}`;
    const first = firstWord(command);
    if (first === undefined || SHELL_WORDS.has(first))
        return undefined;
    if (first.includes('/'))
        return executable(first) ? undefined : `"${first}" is not an executable file`;
    if (path.split(delimiter).some((dir) => dir !== '' && executable(join(dir, first))))
        return undefined;
    return `"${first}" is not on PATH (${path}): give its full path, or add its folder to PATH in the unit`;
}
/** Words sh runs itself, or that start a compound command: no file to look for. */
const SHELL_WORDS = new Set([
    '!',
    '{',
    '(',
    'if',
    'for',
    'while',
    'until',
    'case',
    'exec',
    'cd',
    'test',
    '[',
    'echo',
    'true',
    'false',
    ':',
    'kill',
    'printf',
    'set',
    'export',
    'command',
    'eval',
    '.',
]);
/** The command's first word, after any `NAME=value` assignments; undefined when it is not a plain word. */
function firstWord(command) {
    for (const word of command.trim().split(/\s+/)) {
        if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word))
            continue;
        return /^[A-Za-z0-9_./+-]+$/.test(word) ? word : undefined;
    }
    return undefined;
}
function executable(file) {
    try {
        accessSync(file, constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=reload-command.js.map