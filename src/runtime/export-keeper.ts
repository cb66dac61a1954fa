import { ExportPublisher, type ExportStatus, type PublisherLog } from '../engines/export-publisher.js';
import type { ExportSource } from '../export/render.js';
import { errorMessage } from '../io/error-message.js';
import { tableSource } from '../route-servers/route-server.js';
import { Coalescer } from './coalescer.js';
import { exportSourceNow } from './export-source.js';
import type { Runtime } from './runtime.js';
import type { RuntimeEvent } from './runtime-event.js';

/** A change is written once this long has passed without another… */
export const QUIET_MS = 100;
/** …and at the latest this long after the first, however many follow. */
export const MAX_DELAY_MS = 500;
/** A reload command that runs longer is killed with its process group, and counted failed. */
const COMMAND_TIMEOUT_MS = 30_000;
/** A failed write, push or command is tried again after this, doubling up to the last. */
const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];

/** Why a change is written, from the events that can change an answer. */
function reasonOf(event: RuntimeEvent): string | undefined {
  switch (event.kind) {
    case 'route-server':
      return event.event.kind === 'table-loaded' ? 'table reloaded' : undefined;
    case 'pop':
      return `AS${event.change.asn} (${event.change.answer}) ${event.change.why === undefined ? 'back' : `out: ${event.change.why}`}`;
    case 'drain':
      return `drain file ${event.file}`;
    case 'plan':
      return `${event.latency ? 'latency' : 'plan'} file ${event.file}`;
    case 'table-settled':
      return 'table settled';
    case 'config-changed':
      return event.applied.length > 0 ? 'config file' : undefined;
    default:
      return undefined;
  }
}

export interface ExportKeeperOptions {
  readonly runtime: Runtime;
  readonly log: PublisherLog;
  /** What an export leaves out or adds now, as lines for the log (said once each time they change). */
  readonly notes: (source: ExportSource) => readonly string[];
  /** After each write, good or not (metrics are written then). */
  readonly onWritten: () => void;
}

/**
 * Keeps every `export` file current. Any change that can change an answer (the table reloaded, a POP
 * out or back by health, drain or BGP session, the plan, the config) is written within QUIET_MS of the
 * last change and MAX_DELAY_MS of the first; a POP's state reaches the answers tables at once, even
 * while a new table is being rendered. A failed write is tried again, backing off.
 */
export class ExportKeeper {
  readonly #publisher: ExportPublisher;
  readonly #whole: Coalescer;
  readonly #stateLane: Coalescer;
  #failures = 0;
  #retry: NodeJS.Timeout | undefined;
  #lastNotes = '';
  readonly #onEvent = (event: RuntimeEvent): void => {
    const reason = reasonOf(event);
    if (reason === undefined) return;
    this.#whole.poke(reason);
    if (event.kind === 'pop' || event.kind === 'drain') this.#stateLane.poke(reason);
  };

  constructor(private readonly options: ExportKeeperOptions) {
    const { runtime } = options;
    this.#publisher = new ExportPublisher({
      log: options.log,
      get haproxySocket() {
        return runtime.config.haproxySocket;
      },
      get gdnsdAdminState() {
        return runtime.config.gdnsdAdminState;
      },
      commandTimeoutMs: COMMAND_TIMEOUT_MS,
    });
    this.#whole = new Coalescer(QUIET_MS, MAX_DELAY_MS, (reasons) => this.#writeAll(reasons));
    this.#stateLane = new Coalescer(QUIET_MS, MAX_DELAY_MS, (reasons) => this.#writeAnswers(reasons));
  }

  /** How each export stands, for the metrics. */
  status(): ExportStatus[] {
    return this.#publisher.status(this.options.runtime.config.exports);
  }

  /** Follows the runtime's changes, and writes everything once now. */
  start(): void {
    this.options.runtime.on(this.#onEvent);
    if (this.options.runtime.config.exports.length > 0) this.#whole.poke('started');
  }

  /** Reads the table again and writes everything, changed or not (SIGHUP). */
  rereadAll(): void {
    this.#publisher.forget();
    void Promise.resolve(tableSource(this.options.runtime.routeServer)?.reload())
      .catch((e: unknown) => this.options.log.warnLimited('serve', `the table was not read again: ${errorMessage(e)}`))
      .finally(() => this.#whole.poke('SIGHUP'));
  }

  /** Finishes the write under way, and the one due after it. */
  async stop(): Promise<void> {
    this.options.runtime.off(this.#onEvent);
    clearTimeout(this.#retry);
    await Promise.all([this.#stateLane.stop(), this.#whole.stop()]);
    clearTimeout(this.#retry);
  }

  async #writeAll(reasons: readonly string[]): Promise<void> {
    const { runtime, log } = this.options;
    clearTimeout(this.#retry);
    let source: ExportSource;
    try {
      source = exportSourceNow(runtime);
    } catch (e) {
      log.warnLimited('serve', `nothing written: ${errorMessage(e)}`);
      return;
    }
    const notes = this.options.notes(source).join('\n');
    if (notes !== this.#lastNotes && notes !== '') log.line(notes);
    this.#lastNotes = notes;
    const before = JSON.stringify(this.status());
    const allOk = await this.#publisher.publish(source, runtime.config.exports, reasons.join('; '), () => exportSourceNow(runtime));
    // Said, so that a reload that moved no block is seen to have been weighed.
    if (allOk && JSON.stringify(this.status()) === before) log.line(`no file changed: ${reasons.join('; ')}`);
    this.options.onWritten();
    this.#failures = allOk ? 0 : this.#failures + 1;
    if (!allOk) this.#retry = setTimeout(() => this.#whole.poke('retry'), RETRY_MS[Math.min(this.#failures, RETRY_MS.length) - 1]);
  }

  async #writeAnswers(reasons: readonly string[]): Promise<void> {
    let source: ExportSource;
    try {
      source = exportSourceNow(this.options.runtime);
    } catch {
      return;
    }
    if (!(await this.#publisher.publishAnswers(source, this.options.runtime.config.exports, reasons.join('; ')))) this.#whole.poke('retry');
    this.options.onWritten();
  }
}
