import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExportLine } from '../config/config.js';
import type { DecidedTable } from '../core/decided-table.js';
import type { PlanEntry } from '../core/planned-prefixes.js';
import {
  answersFileOf,
  answersText,
  type ChainedClassFormat,
  classBatches,
  classPiecesOf,
  hasPlanFile,
  mmdbClassDescription,
  mmdbClassRows,
  planFileOf,
  planInClassFile,
  planText,
} from '../export/class-render.js';
import type { RankingClass } from '../export/classes.js';
import { isClassFormat, isMmdbClassFormat, type ClassFormat, type FlatFormat } from '../export/formats.js';
import { checkMmdb, mmdbContent } from '../export/mmdb-check.js';
import { exportRows, type ExportRow } from '../export/decided-rows.js';
import { MmdbBuilder } from '../export/mmdb.js';
import { exportPieces, mmdbDescription, type ExportSource } from '../export/render.js';
import { openAtomicWriter, writeFileAtomic } from '../io/atomic-file.js';
import { errorMessage } from '../io/error-message.js';
import { replaceHaproxyMap } from './haproxy-runtime.js';
import { runReloadCommand } from './reload-command.js';

/** Where the publisher says what it did and what failed (the journal, for --serve). */
export interface PublisherLog {
  line(text: string): void;
  warnLimited(kind: string, text: string): void;
}

export interface PublisherOptions {
  readonly log: PublisherLog;
  /** HAProxy's runtime API: haproxy-map and haproxy-classes exports are replaced live through it. */
  readonly haproxySocket?: string;
  /** gdnsd's admin_state file, for gdnsd-classes. */
  readonly gdnsdAdminState: string;
  /** An export's command that runs longer is killed with its process group, and counted failed. */
  readonly commandTimeoutMs: number;
}

/** How one export stands, for the metrics. */
export interface ExportStatus {
  readonly file: string;
  readonly format: string;
  readonly writes: number;
  readonly failures: { readonly write: number; readonly push: number; readonly command: number };
  readonly writtenAtMs: number;
  /** A file, HAProxy's copy or the command is behind the state it should show. */
  readonly behind: boolean;
}

/** What a class export's big file was made from: the same again makes the same file. */
interface MadeFrom {
  readonly table: DecidedTable;
  readonly rulesKey: string;
}

/** Where one export stands: what is in its files, and what still has to be done with them. */
interface ExportState {
  /** The digest of the rows last written (the header's time left out); undefined: write it. */
  written?: string;
  /** Class forms: what the big file was made from, the classes it holds, the answers file's digest. */
  madeFrom?: MadeFrom;
  classes: Set<RankingClass>;
  answersWritten?: string;
  /** HAProxy and nginx: the digest of the plan's file last written; undefined: write it. */
  planWritten?: string;
  planPushDue: boolean;
  /** The answers last written: what HAProxy is given again after a failed push. */
  answersText?: string;
  pushDue: boolean;
  answersPushDue: boolean;
  commandDue: boolean;
  writeFailed: boolean;
  writes: number;
  writtenAtMs: number;
  failures: { write: number; push: number; command: number };
}

/** Rendered text and the digest of what in it depends on the table (not the time in the header). */
interface Rendered {
  readonly bytes: Buffer;
  readonly digest: string;
  readonly rows?: readonly string[];
}

/** The longest a render holds the event loop: the drain file's watch, health checks and signals run between. */
const RENDER_SLICE_MS = 15;

/** Each piece handed on as made, letting the watches be heard between slices. */
async function eachSliced<T>(pieces: Iterable<T>, take: (piece: T) => void): Promise<void> {
  let sliceStarted = performance.now();
  for (const piece of pieces) {
    take(piece);
    if (performance.now() - sliceStarted >= RENDER_SLICE_MS) {
      await nextTurn();
      sliceStarted = performance.now();
    }
  }
}

/**
 * A walk of one snapshot's table: its batches, the classes in them, and their digest, which stands for
 * every format made from them (each a fixed rewrite of the batches).
 */
interface Walk {
  readonly batches: readonly string[];
  readonly seen: ReadonlySet<RankingClass>;
  readonly digest: string;
}

/** The class formats' walks of one snapshot's table, by the plan their big file holds. */
type Walks = Map<string, Walk>;

/** Each batch handed on, kept in `into` and added to `hash`. */
function* recording(batches: Iterable<string>, into: string[], hash: Hash): Generator<string> {
  for (const batch of batches) {
    into.push(batch);
    hash.update(batch);
    yield batch;
  }
}

/** Pieces gathered, letting the watches be heard while a big table is written. */
async function gather(pieces: Iterable<string | Buffer>): Promise<(string | Buffer)[]> {
  const out: (string | Buffer)[] = [];
  await eachSliced(pieces, (piece) => out.push(piece));
  return out;
}

function digestOf(kind: string, parts: Iterable<string | Buffer>): string {
  const hash = createHash('sha256').update(kind);
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/** An mmdb of `rows`, built a slice at a time; refused, as a failed write is, when it does not read back. */
async function buildMmdb(rows: Iterable<ExportRow>, description: string, generated: Date): Promise<Buffer> {
  const builder = new MmdbBuilder();
  await eachSliced(rows, (row) => builder.add(row));
  const bytes = builder.finish(description, Math.floor(generated.getTime() / 1000));
  checkMmdb(bytes);
  return bytes;
}

async function renderFlat(format: FlatFormat, source: ExportSource): Promise<Rendered> {
  if (format === 'mmdb') {
    const bytes = await buildMmdb(exportRows(source.view.table, source.rules, true), mmdbDescription(source), source.generated);
    return { bytes, digest: digestOf(format, [mmdbContent(bytes)]) };
  }
  const pieces = await gather(exportPieces(format, source));
  const text = pieces as string[];
  return { bytes: Buffer.from(text.join('')), digest: digestOf(format, text.slice(1)), rows: text.slice(1) };
}

/** The plan lines a big file holds, as a key. */
function planKey(plan: readonly PlanEntry[]): string {
  return JSON.stringify(plan.map((e) => [e.prefix, e.pop]));
}

/** The rules a class export's big file depends on: the POPs' ASes and answers, self, and the plan it holds. */
function rulesKey(source: ExportSource, format: ClassFormat): string {
  const { pops, self } = source.rules;
  return JSON.stringify([self, [...pops], planKey(planInClassFile(format, source))]);
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function newState(): ExportState {
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
  readonly #states = new Map<string, ExportState>();
  #answersQueue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PublisherOptions) {}

  #stateOf(file: string): ExportState {
    let state = this.#states.get(file);
    if (!state) {
      state = newState();
      this.#states.set(file, state);
    }
    return state;
  }

  /** Every file is written anew at the next publish (SIGHUP). */
  forget(): void {
    for (const state of this.#states.values()) {
      state.written = undefined;
      state.madeFrom = undefined;
      state.answersWritten = undefined;
      state.planWritten = undefined;
    }
  }

  status(lines: readonly ExportLine[]): ExportStatus[] {
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
  async publish(
    source: ExportSource,
    lines: readonly ExportLine[],
    why: string,
    latest: () => ExportSource = () => source,
  ): Promise<boolean> {
    let allOk = true;
    // The class formats of one write share their walk of the table: made once, dropped after.
    const walks: Walks = new Map();
    for (const line of lines) {
      try {
        const ok = isClassFormat(line.format)
          ? await this.#publishClasses(line, line.format, source, latest, why, walks)
          : await this.#publishFlat(line, line.format, source, why);
        if (!ok) allOk = false;
      } catch (e) {
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
  async publishAnswers(source: ExportSource, lines: readonly ExportLine[], why: string): Promise<boolean> {
    let allOk = true;
    for (const line of lines) {
      if (!isClassFormat(line.format) || this.#stateOf(line.file).madeFrom === undefined) continue;
      const format = line.format;
      try {
        if (!(await this.#answersLane(() => this.#answersStep(line, format, source, why)))) allOk = false;
      } catch (e) {
        allOk = false;
        this.options.log.warnLimited(
          `write ${line.file}`,
          `the answers of ${line.file} not written, the previous ones left in force: ${errorMessage(e)}`,
        );
      }
    }
    return allOk;
  }

  /** Answers steps run one at a time, whichever write they come from: no two pushes of one map at once. */
  #answersLane<T>(step: () => Promise<T>): Promise<T> {
    const run = this.#answersQueue.then(step, step);
    this.#answersQueue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Writes `bytes` when its digest differs from what is there; counts a failure. */
  #replace(state: ExportState, file: string, bytes: Buffer): void {
    try {
      writeFileAtomic(file, bytes);
      state.writeFailed = false;
    } catch (e) {
      state.writeFailed = true;
      state.failures.write++;
      throw e;
    }
  }

  async #publishFlat(line: ExportLine, format: FlatFormat, source: ExportSource, why: string): Promise<boolean> {
    const state = this.#stateOf(line.file);
    const started = performance.now();
    let rendered: Rendered;
    try {
      rendered = await renderFlat(format, source);
    } catch (e) {
      state.writeFailed = true;
      state.failures.write++;
      throw e;
    }
    if (rendered.digest !== state.written) {
      this.#replace(state, line.file, rendered.bytes);
      this.#wrote(state, line, rendered.bytes.length, started, why);
      state.written = rendered.digest;
      state.pushDue = format === 'haproxy-map' && this.options.haproxySocket !== undefined;
    } else state.writeFailed = false;
    const pushed = await this.#pushMap(state, line.file, rendered.rows);
    return (await this.#runCommand(line, state)) && pushed;
  }

  async #publishClasses(
    line: ExportLine,
    format: ClassFormat,
    source: ExportSource,
    latest: () => ExportSource,
    why: string,
    walks: Walks,
  ): Promise<boolean> {
    const state = this.#stateOf(line.file);
    const key = rulesKey(source, format);
    let rows: readonly string[] | undefined;
    const stale = state.madeFrom?.table !== source.view.table || state.madeFrom.rulesKey !== key;
    if (stale && isMmdbClassFormat(format)) await this.#writeMmdbClasses(line, state, source, key, why);
    else if (stale) {
      const started = performance.now();
      const seen = new Set<RankingClass>();
      const answersFile = answersFileOf(format, line.file, this.options.gdnsdAdminState);
      const live = format === 'haproxy-classes' && this.options.haproxySocket !== undefined;
      // Streamed into the file beside it as rendered; the walk is kept for the other class formats of this write.
      const out = openAtomicWriter(line.file);
      const walkHash = createHash('sha256');
      let bytes = 0;
      const plan = planInClassFile(format, source);
      const walkKey = planKey(plan);
      const walk = walks.get(walkKey);
      const recorded: string[] = [];
      const batches = walk ? walk.batches : recording(classBatches(source, plan, seen), recorded, walkHash);
      if (walk) for (const ranking of walk.seen) seen.add(ranking);
      try {
        await eachSliced(classPiecesOf(format, source, answersFile, batches), (piece) => {
          out.write(piece);
          bytes += Buffer.byteLength(piece);
        });
      } catch (e) {
        out.abort();
        state.writeFailed = true;
        state.failures.write++;
        throw e;
      }
      const walked = walk ?? { batches: recorded, seen, digest: walkHash.digest('hex') };
      walks.set(walkKey, walked);
      // The rules too: gdnsd's lists name the POPs' hosts, which the classes do not.
      const digest = digestOf(format, [walked.digest, key]);
      if (digest === state.written) out.abort();
      else {
        try {
          out.commit();
          state.writeFailed = false;
        } catch (e) {
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
      for (const ranking of seen) state.classes.add(ranking);
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
  async #writeMmdbClasses(line: ExportLine, state: ExportState, source: ExportSource, key: string, why: string): Promise<void> {
    const started = performance.now();
    const seen = new Set<RankingClass>();
    let bytes: Buffer;
    try {
      bytes = await buildMmdb(mmdbClassRows(source, seen), mmdbClassDescription(source), source.generated);
    } catch (e) {
      state.writeFailed = true;
      state.failures.write++;
      throw e;
    }
    const digest = digestOf(line.format, [mmdbContent(bytes)]);
    if (digest !== state.written) {
      this.#replace(state, line.file, bytes);
      this.#wrote(state, line, bytes.length, started, why);
      state.written = digest;
    } else state.writeFailed = false;
    state.madeFrom = { table: source.view.table, rulesKey: key };
    for (const ranking of seen) state.classes.add(ranking);
  }

  /** The plan's file of a HAProxy or nginx class export brought to `source` (a few lines, whatever the table's size); its name. */
  #planStep(line: ExportLine, format: ChainedClassFormat, source: ExportSource, why: string): string {
    const state = this.#stateOf(line.file);
    const planFile = planFileOf(line.file);
    const seen = new Set<RankingClass>();
    const text = planText(format, source, seen);
    for (const ranking of seen) state.classes.add(ranking);
    const digest = digestOf(format, [text.slice(text.indexOf('\n') + 1)]);
    if (digest !== state.planWritten) {
      const started = performance.now();
      this.#replace(state, planFile, Buffer.from(text));
      this.options.log.line(
        `wrote ${planFile} (${format} plan, ${source.rules.plan.length} lines) in ${Math.round(performance.now() - started)} ms: ${why}`,
      );
      state.planWritten = digest;
      state.planPushDue = format === 'haproxy-classes' && this.options.haproxySocket !== undefined;
      state.commandDue = line.command !== undefined;
      state.writtenAtMs = Date.now();
    }
    return planFile;
  }

  /** HAProxy's copy of the plan's map, when due: whole, it is small. */
  async #pushPlanMap(state: ExportState, planFile: string): Promise<boolean> {
    const socket = this.options.haproxySocket;
    if (socket === undefined || !state.planPushDue) return true;
    if (await this.#push(state, socket, planFile, [readOrEmpty(planFile)])) state.planPushDue = false;
    return !state.planPushDue;
  }

  /** The answers file of a class export brought to `source`'s POP state, pushed to HAProxy, then (unless told not to) the command. */
  async #answersStep(line: ExportLine, format: ClassFormat, source: ExportSource, why: string, command = true): Promise<boolean> {
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
        this.options.log.line(
          `wrote ${answersFile} (${format} answers, ${state.classes.size} classes) in ${Math.round(performance.now() - started)} ms: ${why}`,
        );
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
      if (await this.#push(state, socket, answersFile, [state.answersText ?? text])) state.answersPushDue = false;
      else ok = false;
    }
    return command ? (await this.#runCommand(line, state)) && ok : ok;
  }

  #wrote(state: ExportState, line: ExportLine, bytes: number, startedMs: number, why: string): void {
    state.writes++;
    state.writtenAtMs = Date.now();
    state.commandDue = line.command !== undefined;
    this.options.log.line(`wrote ${line.file} (${line.format}, ${bytes} bytes) in ${Math.round(performance.now() - startedMs)} ms: ${why}`);
  }

  /** HAProxy's copy of a map file, when due: the rows just rendered, or (a retry) the file in force. */
  async #pushMap(state: ExportState, file: string, rows: readonly string[] | undefined): Promise<boolean> {
    const socket = this.options.haproxySocket;
    if (socket === undefined || !state.pushDue) return true;
    // A push that failed is tried again from the file in force: the rows rendered then are gone.
    if (await this.#push(state, socket, file, rows ?? [readOrEmpty(file)])) state.pushDue = false;
    return !state.pushDue;
  }

  /** The line's command, when a file it reads changed; false when it failed (tried again later). */
  async #runCommand(line: ExportLine, state: ExportState): Promise<boolean> {
    if (!state.commandDue || line.command === undefined) return true;
    const outcome = await runReloadCommand(line.command, this.options.commandTimeoutMs);
    if (outcome.ok) {
      state.commandDue = false;
      this.options.log.line(`ran "${line.command}"${outcome.output ? `: ${outcome.output}` : ''}`);
      return true;
    }
    state.failures.command++;
    this.options.log.warnLimited(
      `command ${line.file}`,
      `"${line.command}" failed (${outcome.how})${outcome.output ? `: ${outcome.output}` : ''}`,
    );
    return false;
  }

  async #push(state: ExportState, socket: string, map: string, rows: Iterable<string>): Promise<boolean> {
    const started = performance.now();
    try {
      const replaced = await replaceHaproxyMap(socket, map, rows);
      this.options.log.line(
        `HAProxy: map ${map} replaced live (version ${replaced.version}) in ${Math.round(performance.now() - started)} ms`,
      );
      return true;
    } catch (e) {
      state.failures.push++;
      this.options.log.warnLimited(`haproxy ${map}`, `HAProxy's map ${map} not replaced live (its file is): ${errorMessage(e)}`);
      return false;
    }
  }
}
