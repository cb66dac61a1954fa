import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterProbe, initialHealth, nextProbeAt } from './health-state.js';
import { probeUrl } from './http-probe.js';
import { sleep } from '../io/sleep.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { errorMessage } from '../io/error-message.js';
/** Each user's own folder: results are shared between one user's processes only. */
export function defaultHealthStateDir(env = process.env) {
    const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
    return env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'supersparrow') : join(tmpdir(), `supersparrow-${uid}`);
}
/**
 * Readies the shared folder: created 0700 if missing; refused unless it is a real folder owned by
 * this user and writable by no one else, since results read from it steer clients.
 */
export function prepareStateDir(dir) {
    try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
    catch (e) {
        return errorMessage(e);
    }
    return stateDirProblem(dir);
}
function ownUid(fallback) {
    return typeof process.getuid === 'function' ? process.getuid() : fallback;
}
/** Why the folder cannot be trusted now (looked at again before every use: it may be removed and re-made by another user). */
function stateDirProblem(dir) {
    try {
        const stat = lstatSync(dir);
        if (!stat.isDirectory())
            return `${dir} is not a folder`;
        if (stat.uid !== ownUid(stat.uid))
            return `${dir} belongs to another user`;
        if ((stat.mode & 0o022) !== 0)
            return `${dir} is writable by others`;
        return undefined;
    }
    catch (e) {
        return errorMessage(e);
    }
}
/** A shared record is a few hundred bytes: anything larger is not one. */
const MAX_RECORD_BYTES = 4096;
const NOFOLLOW = constants.O_NOFOLLOW;
/** Reads a record file only if it is a regular file of this user's, not a link, written by no one else. */
function readOwnFile(file) {
    const fd = openSync(file, constants.O_RDONLY | NOFOLLOW | constants.O_NONBLOCK);
    try {
        const stat = fstatSync(fd);
        if (!stat.isFile() || stat.uid !== ownUid(stat.uid) || (stat.mode & 0o022) !== 0 || stat.size > MAX_RECORD_BYTES)
            return undefined;
        const buffer = Buffer.alloc(stat.size);
        const got = readSync(fd, buffer, 0, buffer.length, 0);
        return { text: buffer.toString('utf8', 0, got), mtimeMs: stat.mtimeMs };
    }
    finally {
        closeSync(fd);
    }
}
/** How often each process looks at the shared results (a stat): a flip another process saw reaches it this soon. */
const WATCH_MS = 100;
/**
 * Health probes for POPs (`health HOST URL`): GET with a timeout, up after `rise` passes and down after
 * `fall` failures, as haproxy counts them. With a state folder, the processes of one user share each
 * check: whoever finds it due takes a lock file and probes; the others read the result.
 */
export class HealthChecks {
    options;
    onEvent;
    clock;
    #checks;
    #timer;
    #shared;
    #dir;
    #closed = false;
    constructor(specs, options, onEvent, clock = Date.now) {
        this.options = options;
        this.onEvent = onEvent;
        this.clock = clock;
        let dir = options.stateDir;
        if (dir !== undefined) {
            const problem = prepareStateDir(dir);
            if (problem) {
                onEvent({ kind: 'warning', message: `health results cannot be shared (${problem}); this process probes on its own` });
                dir = undefined;
            }
        }
        this.#shared = dir !== undefined;
        this.#dir = dir;
        const now = clock();
        this.#checks = specs.map((spec) => ({
            spec,
            url: new URL(spec.url),
            file: dir === undefined ? undefined : join(dir, `health-${checkKey(spec.url, options)}.json`),
            record: initialHealth(now),
            fileMtimeMs: 0,
            probing: false,
            next: undefined,
        }));
        this.#timer = setInterval(() => this.tick(), Math.min(WATCH_MS, options.fastIntervalMs));
        this.#timer.unref();
        this.tick();
    }
    /** Why the POP with this answer fails its health check now, or undefined. */
    unavailable = (_asn, answer) => {
        for (const c of this.#checks) {
            if (c.spec.host === answer && !c.record.up)
                return `health check ${c.spec.url} failing (${c.record.detail})`;
        }
        return undefined;
    };
    records() {
        return this.#checks.map((c) => ({ host: c.spec.host, url: c.spec.url, record: c.record }));
    }
    /**
     * Settles once every check's state is decided: probed (here or by another process) with no run
     * under way that could still flip it, so a one-off look counts `fall` failures as a long-running one does.
     */
    async probed(limitMs) {
        const until = this.clock() + limitMs;
        while (this.#checks.some((c) => c.record.probedAtMs === 0 || c.record.run > 0) && this.clock() < until) {
            await sleep(20);
            this.tick();
        }
    }
    tick() {
        const now = this.clock();
        for (const check of this.#checks) {
            if (check.probing)
                continue;
            this.#adoptShared(check);
            if (now < nextProbeAt(check.record, this.options))
                continue;
            if (!this.#lock(check))
                continue;
            // Between the look and the lock another process may have probed and let go.
            this.#adoptShared(check);
            if (now < nextProbeAt(check.record, this.options)) {
                this.#unlock(check);
                continue;
            }
            check.probing = true;
            void probeUrl(check.url, this.options)
                .catch((e) => ({ passed: false, detail: errorMessage(e) }))
                .then((result) => this.#record(check, result))
                .finally(() => {
                check.probing = false;
                this.#unlock(check);
                this.#scheduleNext(check);
            });
        }
    }
    close() {
        this.#closed = true;
        clearInterval(this.#timer);
        for (const c of this.#checks)
            clearTimeout(c.next);
    }
    /** The next probe on time, not at the next look: a turning check's quick probes decide how soon it flips. */
    #scheduleNext(check) {
        if (this.#closed)
            return;
        clearTimeout(check.next);
        check.next = setTimeout(() => this.tick(), Math.max(0, nextProbeAt(check.record, this.options) - this.clock()));
        check.next.unref();
    }
    #record(check, result) {
        // Another process may have probed meanwhile: its result is the newer base.
        this.#adoptShared(check);
        this.#set(check, afterProbe(check.record, result.passed, result.detail, this.clock(), this.options));
        if (!check.file || !this.#folderTrusted())
            return;
        try {
            writeFileAtomic(check.file, JSON.stringify(check.record), 0o600);
            check.fileMtimeMs = lstatSync(check.file).mtimeMs;
        }
        catch (e) {
            this.onEvent({ kind: 'warning', message: `cannot share the health of ${check.spec.url} in ${check.file}: ${errorMessage(e)}` });
        }
    }
    /** Whether the shared folder is still this user's alone; if not, every check goes back to probing alone, loudly. */
    #folderTrusted() {
        if (this.#dir === undefined)
            return false;
        const problem = stateDirProblem(this.#dir);
        if (problem === undefined)
            return true;
        this.onEvent({
            kind: 'warning',
            message: `health results are no longer shared: ${problem} (removed and made again by someone else?); this process now probes on its own and reads nothing from it`,
        });
        this.#dir = undefined;
        this.#shared = false;
        for (const c of this.#checks)
            c.file = undefined;
        return false;
    }
    #set(check, record) {
        const flipped = record.up !== check.record.up;
        check.record = record;
        if (flipped)
            this.onEvent({ kind: 'health', host: check.spec.host, url: check.spec.url, record });
    }
    #adoptShared(check) {
        if (!check.file || !this.#folderTrusted())
            return;
        try {
            if (lstatSync(check.file).mtimeMs === check.fileMtimeMs)
                return;
            const own = readOwnFile(check.file);
            if (!own) {
                this.onEvent({ kind: 'warning', message: `ignored ${check.file}: not a regular file of this user's, or written by others` });
                return;
            }
            const shared = parseRecord(own.text);
            check.fileMtimeMs = own.mtimeMs;
            if (shared && shared.probedAtMs >= check.record.probedAtMs)
                this.#set(check, shared);
        }
        catch {
            // Not written yet, or replaced while read: the next look finds it.
        }
    }
    /** Only one process probes a URL at a time; a lock left by a process that died is broken after a while. */
    #lock(check) {
        if (!check.file || !this.#shared || !this.#folderTrusted())
            return true;
        const lock = `${check.file}.lock`;
        for (let attempt = 0; attempt < 2; attempt++) {
            try {
                closeSync(openSync(lock, 'wx', 0o600));
                return true;
            }
            catch (e) {
                if (e.code !== 'EEXIST')
                    return true;
                try {
                    if (this.clock() - statSync(lock).mtimeMs < this.options.timeoutMs + 2000)
                        return false;
                    unlinkSync(lock);
                }
                catch {
                    return false;
                }
            }
        }
        return false;
    }
    #unlock(check) {
        if (!check.file || !this.#shared)
            return;
        try {
            unlinkSync(`${check.file}.lock`);
        }
        catch {
            // Broken as stale by another process: nothing to undo.
        }
    }
}
/** One file per URL and way of judging it: processes judging alike share it. */
function checkKey(url, o) {
    return createHash('sha256')
        .update(`${url}\n${o.rise}/${o.fall}/${o.intervalMs}/${o.timeoutMs}/${o.verifyTls}`)
        .digest('hex')
        .slice(0, 24);
}
function parseRecord(text) {
    const r = JSON.parse(text);
    return typeof r.up === 'boolean' &&
        typeof r.run === 'number' &&
        typeof r.sinceMs === 'number' &&
        typeof r.probedAtMs === 'number' &&
        typeof r.detail === 'string'
        ? { up: r.up, run: r.run, sinceMs: r.sinceMs, probedAtMs: r.probedAtMs, detail: r.detail.slice(0, 200) }
        : undefined;
}
//# sourceMappingURL=health-checks.js.map