import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { answersFileOf, answersText, classBatches, classPiecesOf, hasPlanFile, mmdbClassDescription, mmdbClassRows, planFileOf, planInClassFile, planText, } from '../export/class-render.js';
import { isClassFormat, isMmdbClassFormat } from '../export/formats.js';
import { checkMmdb, mmdbContent } from '../export/mmdb-check.js';
import { exportRows } from '../export/decided-rows.js';
import { MmdbBuilder } from '../export/mmdb.js';
import { exportPieces, mmdbDescription } from '../export/render.js';
import { openAtomicWriter, writeFileAtomic } from '../io/atomic-file.js';
import { errorMessage } from '../io/error-message.js';
import { replaceHaproxyMap } from './haproxy-runtime.js';
import { runReloadCommand } from './reload-command.js';
/** The longest a render holds the event loop: the drain file's watch, health checks and signals run between. */
const RENDER_SLICE_MS = 15;
/** Each piece handed on as made, letting the watches be heard between slices. */
async function eachSliced(pieces, take) {
    let sliceStarted = performance.now();
    for (const piece of pieces) {
        take(piece);
        if (performance.now() - sliceStarted >= RENDER_SLICE_MS) {
            await nextTurn();
            sliceStarted = performance.now();
        }
    }
}
/** Each batch handed on, kept in `into` and added to `hash`. */
function* recording(batches, into, hash) {
    for (const batch of batches) {
        into.push(batch);
        hash.update(batch);
        yield batch;
    }
}
/** Pieces gathered, letting the watches be heard while a big table is written. */
async function gather(pieces) {
    const out = [];
    await eachSliced(pieces, (piece) => out.push(piece));
    return out;
}
function digestOf(kind, parts) {
    const hash = createHash('sha256').update(kind);
    for (const part of parts)
        hash.update(part);
    return hash.digest('hex');
}
/** An mmdb of `rows`, built a slice at a time; refused, as a failed write is, when it does not read back. */
async function buildMmdb(rows, description, generated) {
    const builder = new MmdbBuilder();
    await eachSliced(rows, (row) => builder.add(row));
    const bytes = builder.finish(description, Math.floor(generated.getTime() / 1000));
    checkMmdb(bytes);
    return bytes;
}
async function renderFlat(format, source) {
    if (format === 'mmdb') {
        const bytes = await buildMmdb(exportRows(source.view.table, source.rules, true), mmdbDescription(source), source.generated);
        return { bytes, digest: digestOf(format, [mmdbContent(bytes)]) };
    }
    const pieces = await gather(exportPieces(format, source));
    const text = pieces;
    return { bytes: Buffer.from(text.join('')), digest: digestOf(format, text.slice(1)), rows: text.slice(1) };
}
/** The plan lines a big file holds, as a key. */
function planKey(plan) {
    return JSON.stringify(plan.map((e) => [e.prefix, e.pop]));
}
/** The rules a class export's big file depends on: the POPs' ASes and answers, self, and the plan it holds. */
function rulesKey(source, format) {
    const { pops, self } = source.rules;
    return JSON.stringify([self, [...pops], planKey(planInClassFile(format, source))]);
}
function readOrEmpty(file) {
    try {
        return readFileSync(file, 'utf8');
    }
    catch {
        return '';
    }
}
function newState() {
    return {
        classes: new Set(),
        pushDue: false,
        planPushDue: false,
        answersPushDue: false,
        commandDue: false,
        writeFailed: false,
        writes: 0,
        writtenAtMs: 0,
        failures: { write: 0, push: 0, command: 0 },
    };
}
/**
 * Keeps export files, HAProxy's maps and the engines' reloads in step with one snapshot of table and
 * POP state at a time. A flat export is rendered whole and replaced when its blocks changed. A class
 * export's big file (blocks → ranking class) is rendered only when the table changed (gdnsd's: or the
 * plan), one walk of the table for every class format; a plan change rewrites the small plan file
 * (HAProxy, nginx), and a POP's state the small answers file (class → answer), so a drain costs work
 * in proportion to the classes, not the prefixes. The big file is written first and the small ones
 * after; HAProxy takes the answers map first (every class it may meet), then the class map and the
 * plan map, so that no lookup meets a class it has no answer for.
 */
export class ExportPublisher {
    options;
    #states = new Map();
    #answersQueue = Promise.resolve();
    constructor(options) {
        this.options = options;
    }
    #stateOf(file) {
        let state = this.#states.get(file);
        if (!state) {
            state = newState();
            this.#states.set(file, state);
        }
        return state;
    }
    /** Every file is written anew at the next publish (SIGHUP). */
    forget() {
        for (const state of this.#states.values()) {
            state.written = undefined;
            state.madeFrom = undefined;
            state.answersWritten = undefined;
            state.planWritten = undefined;
        }
    }
    status(lines) {
        return lines.map((line) => {
            const s = this.#stateOf(line.file);
            return {
                file: line.file,
                format: line.format,
                writes: s.writes,
                failures: s.failures,
                writtenAtMs: s.writtenAtMs,
                behind: s.written === undefined || s.writeFailed || s.pushDue || s.planPushDue || s.answersPushDue || s.commandDue,
            };
        });
    }
    /**
     * Brings every line's files, pushes and commands up to `source`; false when something is left
     * behind (to be tried again). A class export's answers come from `latest()`, the freshest POP state:
     * they depend on the classes alone, so a POP that changed during a long render is in them already.
     */
    async publish(source, lines, why, latest = () => source) {
        let allOk = true;
        // The class formats of one write share their walk of the table: made once, dropped after.
        const walks = new Map();
        for (const line of lines) {
            try {
                const ok = isClassFormat(line.format)
                    ? await this.#publishClasses(line, line.format, source, latest, why, walks)
                    : await this.#publishFlat(line, line.format, source, why);
                if (!ok)
                    allOk = false;
            }
            catch (e) {
                allOk = false;
                this.options.log.warnLimited(`write ${line.file}`, `${line.file} not written, the previous one left in force: ${errorMessage(e)}`);
            }
        }
        return allOk;
    }
    /**
     * A POP's state alone changed: each class export whose class table is in place gets its answers
     * (file, HAProxy's map, command) from `source` now, without waiting for a render under way.
     */
    async publishAnswers(source, lines, why) {
        let allOk = true;
        for (const line of lines) {
            if (!isClassFormat(line.format) || this.#stateOf(line.file).madeFrom === undefined)
                continue;
            const format = line.format;
            try {
                if (!(await this.#answersLane(() => this.#answersStep(line, format, source, why))))
                    allOk = false;
            }
            catch (e) {
                allOk = false;
                this.options.log.warnLimited(`write ${line.file}`, `the answers of ${line.file} not written, the previous ones left in force: ${errorMessage(e)}`);
            }
        }
        return allOk;
    }
    /** Answers steps run one at a time, whichever write they come from: no two pushes of one map at once. */
    #answersLane(step) {
        const run = this.#answersQueue.then(step, step);
        this.#answersQueue = run.then(() => undefined, () => undefined);
        return run;
    }
    /** Writes `bytes` when its digest differs from what is there; counts a failure. */
    #replace(state, file, bytes) {
        try {
            writeFileAtomic(file, bytes);
            state.writeFailed = false;
        }
        catch (e) {
            state.writeFailed = true;
            state.failures.write++;
            throw e;
        }
    }
    async #publishFlat(line, format, source, why) {
        const state = this.#stateOf(line.file);
        const started = performance.now();
        let rendered;
        try {
            rendered = await renderFlat(format, source);
        }
        catch (e) {
            state.writeFailed = true;
            state.failures.write++;
            throw e;
        }
        if (rendered.digest !== state.written) {
            this.#replace(state, line.file, rendered.bytes);
            this.#wrote(state, line, rendered.bytes.length, started, why);
            state.written = rendered.digest;
            state.pushDue = format === 'haproxy-map' && this.options.haproxySocket !== undefined;
        }
        else
            state.writeFailed = false;
        const pushed = await this.#pushMap(state, line.file, rendered.rows);
        return (await this.#runCommand(line, state)) && pushed;
    }
    async #publishClasses(line, format, source, latest, why, walks) {
        const state = this.#stateOf(line.file);
        const key = rulesKey(source, format);
        let rows;
        const stale = state.madeFrom?.table !== source.view.table || state.madeFrom.rulesKey !== key;
        if (stale && isMmdbClassFormat(format))
            await this.#writeMmdbClasses(line, state, source, key, why);
        else if (stale) {
            const started = performance.now();
            const seen = new Set();
            const answersFile = answersFileOf(format, line.file, this.options.gdnsdAdminState);
            const live = format === 'haproxy-classes' && this.options.haproxySocket !== undefined;
            // Streamed into the file beside it as rendered; the walk is kept for the other class formats of this write.
            const out = openAtomicWriter(line.file);
            const walkHash = createHash('sha256');
            let bytes = 0;
            const plan = planInClassFile(format, source);
            const walkKey = planKey(plan);
            const walk = walks.get(walkKey);
            const recorded = [];
            const batches = walk ? walk.batches : recording(classBatches(source, plan, seen), recorded, walkHash);
            if (walk)
                for (const ranking of walk.seen)
                    seen.add(ranking);
            try {
                await eachSliced(classPiecesOf(format, source, answersFile, batches), (piece) => {
                    out.write(piece);
                    bytes += Buffer.byteLength(piece);
                });
            }
            catch (e) {
                out.abort();
                state.writeFailed = true;
                state.failures.write++;
                throw e;
            }
            const walked = walk ?? { batches: recorded, seen, digest: walkHash.digest('hex') };
            walks.set(walkKey, walked);
            // The rules too: gdnsd's lists name the POPs' hosts, which the classes do not.
            const digest = digestOf(format, [walked.digest, key]);
            if (digest === state.written)
                out.abort();
            else {
                try {
                    out.commit();
                    state.writeFailed = false;
                }
                catch (e) {
                    state.writeFailed = true;
                    state.failures.write++;
                    throw e;
                }
                this.#wrote(state, line, bytes, started, why);
                state.written = digest;
                state.pushDue = live;
                // HAProxy's rows are the walk's batches as they are.
                rows = live ? walked.batches : undefined;
            }
            state.madeFrom = { table: source.view.table, rulesKey: key };
            // Classes once written stay answered: a lookup may still meet one from the map before.
            for (const ranking of seen)
                state.classes.add(ranking);
        }
        const planFile = hasPlanFile(format) ? this.#planStep(line, format, source, why) : undefined;
        // The answers follow the class tables, and only once they are in place; HAProxy takes them first.
        const answered = await this.#answersLane(() => this.#answersStep(line, format, latest(), why, false));
        const pushed = state.answersPushDue ? false : await this.#pushMap(state, line.file, rows);
        const planPushed = state.answersPushDue || planFile === undefined ? !state.planPushDue : await this.#pushPlanMap(state, planFile);
        const ran = await this.#answersLane(() => this.#runCommand(line, state));
        return answered && pushed && planPushed && ran;
    }
    /** The mmdb of a class export, when its classes changed: read back whole before it replaces the one in force. */
    async #writeMmdbClasses(line, state, source, key, why) {
        const started = performance.now();
        const seen = new Set();
        let bytes;
        try {
            bytes = await buildMmdb(mmdbClassRows(source, seen), mmdbClassDescription(source), source.generated);
        }
        catch (e) {
            state.writeFailed = true;
            state.failures.write++;
            throw e;
        }
        const digest = digestOf(line.format, [mmdbContent(bytes)]);
        if (digest !== state.written) {
            this.#replace(state, line.file, bytes);
            this.#wrote(state, line, bytes.length, started, why);
            state.written = digest;
        }
        else
            state.writeFailed = false;
        state.madeFrom = { table: source.view.table, rulesKey: key };
        for (const ranking of seen)
            state.classes.add(ranking);
    }
    /** The plan's file of a HAProxy or nginx class export brought to `source` (a few lines, whatever the table's size); its name. */
    #planStep(line, format, source, why) {
        const state = this.#stateOf(line.file);
        const planFile = planFileOf(line.file);
        const seen = new Set();
        const text = planText(format, source, seen);
        for (const ranking of seen)
            state.classes.add(ranking);
        const digest = digestOf(format, [text.slice(text.indexOf('\n') + 1)]);
        if (digest !== state.planWritten) {
            const started = performance.now();
            this.#replace(state, planFile, Buffer.from(text));
            this.options.log.line(`wrote ${planFile} (${format} plan, ${source.rules.plan.length} lines) in ${Math.round(performance.now() - started)} ms: ${why}`);
            state.planWritten = digest;
            state.planPushDue = format === 'haproxy-classes' && this.options.haproxySocket !== undefined;
            state.commandDue = line.command !== undefined;
            state.writtenAtMs = Date.now();
        }
        return planFile;
    }
    /** HAProxy's copy of the plan's map, when due: whole, it is small. */
    async #pushPlanMap(state, planFile) {
        const socket = this.options.haproxySocket;
        if (socket === undefined || !state.planPushDue)
            return true;
        if (await this.#push(state, socket, planFile, [readOrEmpty(planFile)]))
            state.planPushDue = false;
        return !state.planPushDue;
    }
    /** The answers file of a class export brought to `source`'s POP state, pushed to HAProxy, then (unless told not to) the command. */
    async #answersStep(line, format, source, why, command = true) {
        const state = this.#stateOf(line.file);
        const answersFile = answersFileOf(format, line.file, this.options.gdnsdAdminState);
        const live = format === 'haproxy-classes' && this.options.haproxySocket !== undefined;
        const started = performance.now();
        const existing = format === 'gdnsd-classes' ? readOrEmpty(answersFile) : '';
        const text = answersText(format, source, state.classes, existing);
        const digest = digestOf(format, [format === 'gdnsd-classes' ? text : text.slice(text.indexOf('\n') + 1)]);
        if (digest !== state.answersWritten) {
            if (format !== 'gdnsd-classes' || text !== existing) {
                this.#replace(state, answersFile, Buffer.from(text));
                this.options.log.line(`wrote ${answersFile} (${format} answers, ${state.classes.size} classes) in ${Math.round(performance.now() - started)} ms: ${why}`);
            }
            state.answersWritten = digest;
            state.answersText = text;
            state.answersPushDue = live;
            state.commandDue = line.command !== undefined;
            state.writtenAtMs = Date.now();
        }
        let ok = true;
        const socket = this.options.haproxySocket;
        if (socket !== undefined && state.answersPushDue) {
            if (await this.#push(state, socket, answersFile, [state.answersText ?? text]))
                state.answersPushDue = false;
            else
                ok = false;
        }
        return command ? (await this.#runCommand(line, state)) && ok : ok;
    }
    #wrote(state, line, bytes, startedMs, why) {
        state.writes++;
        state.writtenAtMs = Date.now();
        state.commandDue = line.command !== undefined;
        this.options.log.line(`wrote ${line.file} (${line.format}, ${bytes} bytes) in ${Math.round(performance.now() - startedMs)} ms: ${why}`);
    }
    /** HAProxy's copy of a map file, when due: the rows just rendered, or (a retry) the file in force. */
    async #pushMap(state, file, rows) {
        const socket = this.options.haproxySocket;
        if (socket === undefined || !state.pushDue)
            return true;
        // A push that failed is tried again from the file in force: the rows rendered then are gone.
        if (await this.#push(state, socket, file, rows ?? [readOrEmpty(file)]))
            state.pushDue = false;
        return !state.pushDue;
    }
    /** The line's command, when a file it reads changed; false when it failed (tried again later). */
    async #runCommand(line, state) {
        if (!state.commandDue || line.command === undefined)
            return true;
        const outcome = await runReloadCommand(line.command, this.options.commandTimeoutMs);
        if (outcome.ok) {
            state.commandDue = false;
            this.options.log.line(`ran "${line.command}"${outcome.output ? `: ${outcome.output}` : ''}`);
            return true;
        }
        state.failures.command++;
        this.options.log.warnLimited(`command ${line.file}`, `"${line.command}" failed (${outcome.how})${outcome.output ? `: ${outcome.output}` : ''}`);
        return false;
    }
    async #push(state, socket, map, rows) {
        const started = performance.now();
        try {
            const replaced = await replaceHaproxyMap(socket, map, rows);
            this.options.log.line(`HAProxy: map ${map} replaced live (version ${replaced.version}) in ${Math.round(performance.now() - started)} ms`);
            return true;
        }
        catch (e) {
            state.failures.push++;
            this.options.log.warnLimited(`haproxy ${map}`, `HAProxy's map ${map} not replaced live (its file is): ${errorMessage(e)}`);
            return false;
        }
    }
}
//# sourceMappingURL=export-publisher.js.map