import type { Config } from '../config/config.js';
import { ConfigWatch, configChanges } from '../config/config-watch.js';
import type { HostState } from '../metrics/families.js';
import { PopWatch, type PopWatchEvent } from '../pops/pop-watch.js';
import { resolverOptions } from '../resolver/from-config.js';
import { Resolver } from '../resolver/resolver.js';
import { createRouteServer } from '../route-servers/from-config.js';
import { tableSource, type RouteServer, type RouteServerEvent } from '../route-servers/route-server.js';
import type { DialogueListener } from '../sessions/command-session.js';
import type { RuntimeEvent, RuntimeListener } from './runtime-event.js';
import { WatchedListFile } from '../io/watched-list-file.js';
import { PlannedPrefixes, type PlanEntry } from '../core/planned-prefixes.js';
import { parsePlanFile } from '../capacity/plan-file.js';
import { errorMessage } from '../io/error-message.js';

export interface RuntimeOptions {
  readonly version: string;
  /** Watch live state (BGP sessions, health probes): batch, DNS, the prompt, status, export, a check. */
  readonly live: boolean;
  /** With `live`, whether the route server's sessions are watched (default yes). */
  readonly watchSessions?: boolean;
  /**
   * What takes a POP out of answers: every check (new clients: batch, DNS, the prompt), or the drain
   * file alone (one-shot and log answers, the same however sessions flap). Default every check.
   */
  readonly answersFollow?: 'every-check' | 'drains';
  /** Whether answers take latency_file's overrides (default yes; --quality measures the answers without them). */
  readonly latencyOverrides?: boolean;
  /** The config file to watch, read again with `load` (the command line still winning) when it changes. */
  readonly configFile?: { readonly path: string; readonly load: () => Config };
  /** Settings this process acts on: a change to any other is not reported. */
  readonly inUse?: (setting: keyof Config) => boolean;
  /** Sees the route server dialogue when `debug` is on. */
  readonly onDialogue?: DialogueListener;
  /** Hears every event from the first: a table loaded while starting is one. */
  readonly onEvent: RuntimeListener;
}

/**
 * One running process's moving parts: the route server, what takes POPs out, the resolver and its
 * cache, and the config file. Each change is applied here once (answers it makes stale forgotten) and
 * told on one event stream; the modes read `config` for the settings in force now.
 */
export class Runtime {
  #config: Config;
  #outage = false;
  #configWatch: ConfigWatch | undefined;
  #planFile: WatchedListFile<PlanEntry> | undefined;
  #latencyFile: WatchedListFile<PlanEntry> | undefined;
  /** The capacity plan alone: what --plan and the plan loop start from. */
  #plan = new PlannedPrefixes([]);
  #closed = false;
  readonly #listeners: RuntimeListener[];
  readonly routeServer: RouteServer;
  readonly pops: PopWatch;
  readonly resolver: Resolver;

  static async start(config: Config, options: RuntimeOptions): Promise<Runtime> {
    let runtime: Runtime | undefined;
    const early: RouteServerEvent[] = [];
    const routeServer = await createRouteServer(config, {
      onDialogue: options.onDialogue,
      onEvent: (event) => (runtime ? runtime.#routeServerEvent(event) : early.push(event)),
    });
    runtime = new Runtime(config, routeServer, options);
    for (const event of early) runtime.#routeServerEvent(event);
    return runtime;
  }

  private constructor(
    config: Config,
    routeServer: RouteServer,
    private readonly options: RuntimeOptions,
  ) {
    this.#config = config;
    this.#listeners = [options.onEvent];
    this.routeServer = routeServer;
    this.pops = new PopWatch(
      config,
      routeServer,
      { live: options.live, sessions: options.watchSessions, version: options.version },
      (event) => this.#popWatchEvent(event),
    );
    this.resolver = new Resolver(routeServer, {
      ...resolverOptions(config),
      popUnavailable: this.#popUnavailable(),
      explore: this.#explore(),
      holdCache: () => this.pops.settling !== undefined,
    });
    this.#setPlanFile(config.planFile);
    this.#setLatencyFile(config.latencyFile);
    const watched = options.configFile;
    if (watched && config.reload) {
      this.#configWatch = new ConfigWatch(watched.path, watched.load, {
        onChange: (next) => this.#applyConfig(next),
        onError: (error) => this.#emit({ kind: 'config-rejected', error }),
      });
    }
  }

  #popWatchEvent(event: PopWatchEvent): void {
    switch (event.kind) {
      case 'pop': {
        const { change } = event;
        // A POP back up: answers learned while it was out sent its clients elsewhere.
        const forgotten =
          this.#resolverYet?.forgetAnswersInvolving(change.asn, change.why === undefined ? change.lastedMs : undefined) ?? 0;
        this.#emit({ kind: 'pop', change, forgotten });
        return;
      }
      case 'table-settled': {
        // Answers learned just before the doubt was seen (a poll is a second apart) may rest on a partial table.
        const forgotten = this.#resolverYet?.forgetLearnedWithin(event.settledMs + 1000) ?? 0;
        this.#emit({ ...event, forgotten });
        return;
      }
      case 'routes-changed': {
        // Any cached answer may rest on a route that changed: the route server answers again, at once.
        const forgotten = this.#resolverYet?.forgetLearnedWithin(Number.POSITIVE_INFINITY) ?? 0;
        this.#emit({ kind: 'routes-changed', forgotten });
        return;
      }
      default:
        this.#emit(event);
        return;
    }
  }

  /** A drain file read while starting may take a POP out before the resolver exists: nothing is cached yet. */
  get #resolverYet(): Resolver | undefined {
    return this.resolver as Resolver | undefined;
  }

  /** The configuration in force now: what a reload applied, with the settings that wait for a restart as they started. */
  get config(): Config {
    return this.#config;
  }

  /** The POPs, the route server and its sessions, the health checks, as they are now. */
  hostState(): HostState {
    return {
      routeServer: { description: this.routeServer.description, available: this.routeServer.available },
      pops: this.pops.states(),
      sessions: this.pops.bgpSessions,
      health: this.pops.health(),
    };
  }

  on(listener: RuntimeListener): void {
    this.#listeners.push(listener);
  }

  off(listener: RuntimeListener): void {
    const i = this.#listeners.indexOf(listener);
    if (i >= 0) this.#listeners.splice(i, 1);
  }

  /** Stops the watches; the route server is closed by the mode, once its last answer is out. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#configWatch?.close();
    this.#planFile?.close();
    this.#latencyFile?.close();
    this.pops.close();
  }

  /** The capacity plan in force now (plan_file). */
  get plan(): PlannedPrefixes {
    return this.#plan;
  }

  /** What answers follow besides the routes: the capacity plan, and the latency overrides it leaves alone. */
  get answering(): PlannedPrefixes {
    return this.resolver.options.plan ?? new PlannedPrefixes([]);
  }

  /** Watches a plan file (or none): its lines answer inside their prefixes; a refused file keeps the previous plan. */
  /** What takes a POP out of answers: every check, or (a log or plan run, the same however sessions flap) drains alone. */
  #popUnavailable(): PopWatch['unavailable'] {
    return this.options.answersFollow === 'drains' ? this.pops.drained : this.pops.unavailable;
  }

  /** Live answers explore; a log run, a plan and --quality read the answers as they are chosen. */
  #explore(): number {
    return this.options.answersFollow === 'drains' ? 0 : this.#config.exploreShare;
  }

  #setPlanFile(file: string | undefined): void {
    this.#planFile?.close();
    this.#planFile = this.#watchLines(file, 'plan file', false);
    this.#answerWithPlans(undefined);
  }

  /** Latency overrides (latency_file), unless this run measures the answers without them (--quality). */
  #setLatencyFile(file: string | undefined): void {
    this.#latencyFile?.close();
    this.#latencyFile = this.options.latencyOverrides === false ? undefined : this.#watchLines(file, 'latency file', true);
    this.#answerWithPlans(undefined);
  }

  /** A file of `PREFIX POP` lines, watched: each change answered with at once, and told. */
  #watchLines(file: string | undefined, what: string, latency: boolean): WatchedListFile<PlanEntry> | undefined {
    if (file === undefined) return undefined;
    const watched: WatchedListFile<PlanEntry> = new WatchedListFile(
      file,
      what,
      (text) => {
        const entries = parsePlanFile(text, file, new Set([...this.#config.pops.values(), this.#config.self]));
        return latency ? entries.map((e) => ({ ...e, latency: true as const })) : entries;
      },
      {
        onChange: () => this.#answerWithPlans({ file, inForce: watched.inForce().length, ...(latency ? { latency: true as const } : {}) }),
        onError: (error) => this.#emit({ kind: 'warning', topic: `${what} ${file}`, message: error.message }),
      },
    );
    return watched;
  }

  /** The plan's lines, and below them each latency override no plan line covers (capacity first). */
  #answerWithPlans(changed: { file: string; inForce: number; latency?: true } | undefined): void {
    const planned = this.#planFile?.inForce() ?? [];
    this.#plan = new PlannedPrefixes(planned);
    const now = Date.now();
    const overrides = (this.#latencyFile?.inForce() ?? []).filter((o) => this.#plan.covering(o.prefix, now) === undefined);
    const all = [...planned, ...overrides];
    this.resolver.setPlan(all.length > 0 || this.#planFile || this.#latencyFile ? new PlannedPrefixes(all) : undefined);
    if (changed) this.#emit({ kind: 'plan', ...changed });
  }

  #emit(event: RuntimeEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's fault (a broken log) must not stop the change it was told of.
      }
    }
  }

  #routeServerEvent(event: RouteServerEvent): void {
    // A new table may change any answer: the cache must not outlive it.
    if (event.kind === 'table-loaded') this.resolver.clearCache();
    // A route server that reconnected after an outage may have restarted: its tables may still be coming.
    if (event.kind === 'lost' || event.kind === 'down') this.#outage = true;
    if (event.kind === 'up' && this.#outage) {
      this.#outage = false;
      this.pops.routeServerConnected();
    }
    this.#emit({ kind: 'route-server', event });
  }

  #applyConfig(next: Config): void {
    const changes = configChanges(this.#config, next);
    // Settings that wait for a restart keep their running values, so a later reload compares against those.
    const kept = Object.fromEntries(changes.needRestart.map((k) => [k, this.#config[k]]));
    this.#config = { ...next, ...kept };
    const { applied } = changes;
    if (applied.length > 0) {
      const options = resolverOptions(this.#config);
      this.pops.reconfigure(this.#config);
      // A table decided at load keeps the POPs on each path: new POP ASes mean deciding it again.
      if (applied.includes('pops'))
        void Promise.resolve(tableSource(this.routeServer)?.setPops(new Set(options.pops.keys()))).catch((e: unknown) =>
          this.#emit({
            kind: 'warning',
            topic: 'set-pops',
            message: `the table was not decided again for the new POPs: ${errorMessage(e)}`,
          }),
        );
      this.resolver.reconfigure({
        pops: options.pops,
        self: options.self,
        invalidKeyAnswer: options.invalidKeyAnswer,
        popUnavailable: this.#popUnavailable(),
        explore: this.#explore(),
      });
    }
    if (applied.includes('planFile') || applied.includes('pops') || applied.includes('self')) this.#setPlanFile(this.#config.planFile);
    if (applied.includes('latencyFile') || applied.includes('pops') || applied.includes('self'))
      this.#setLatencyFile(this.#config.latencyFile);
    const inUse = this.options.inUse ?? (() => true);
    const needRestart = changes.needRestart.filter(inUse);
    if (applied.length > 0 || needRestart.length > 0) this.#emit({ kind: 'config-changed', applied, needRestart });
  }
}
