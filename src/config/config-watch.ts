import { unwatchFile, watchFile, type Stats } from 'node:fs';
import type { Config } from './config.js';

/** What a running process takes from a changed config file; the rest needs a restart. */
export const RELOADABLE_SETTINGS = [
  'pops',
  'self',
  'invalidKey',
  'drainFile',
  'health',
  'healthIntervalMs',
  'healthTimeoutMs',
  'healthRise',
  'healthFall',
  'healthTlsVerify',
  'healthStateDir',
] as const satisfies readonly (keyof Config)[];

const RELOADABLE = new Set<string>(RELOADABLE_SETTINGS);

const DIRECTIVE_NAMES: Readonly<Partial<Record<keyof Config, string>>> = {
  pops: 'peer',
  hosts: 'host',
  trustedProxies: 'trusted_proxy',
  dnsNames: 'dns_name',
  addresses: 'address',
  mrtPeer: 'mrt_peer',
};

/** A setting as the config file spells it: `drain_file` for drainFile, `peer` for the POPs. */
export function directiveName(key: keyof Config): string {
  return DIRECTIVE_NAMES[key] ?? key.replace(/Ms$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Settings that differ between two configurations: what applies now, and what waits for a restart. */
export function configChanges(before: Config, after: Config): { applied: (keyof Config)[]; needRestart: (keyof Config)[] } {
  const applied: (keyof Config)[] = [];
  const needRestart: (keyof Config)[] = [];
  for (const key of Object.keys(after) as (keyof Config)[]) {
    if (sameValue(before[key], after[key])) continue;
    (RELOADABLE.has(key) ? applied : needRestart).push(key);
  }
  return { applied, needRestart };
}

function sameValue(a: unknown, b: unknown): boolean {
  const plain = (v: unknown): unknown => (v instanceof Map ? [...v] : v);
  return JSON.stringify(plain(a), (_k, v: unknown) => plain(v)) === JSON.stringify(plain(b), (_k, v: unknown) => plain(v));
}

export interface ConfigWatchEvents {
  /** The file changed and reads cleanly. */
  readonly onChange: (next: Config) => void;
  /** The file changed and does not read: the running configuration stays. */
  readonly onError: (error: Error) => void;
}

/**
 * A config file, watched: each change is read again with `load` (the same layers as at start, the
 * command line still winning) and handed on whole, or its error reported and the running one kept.
 */
export class ConfigWatch {
  readonly #watcher = (current: Stats, previous: Stats): void => {
    if (current.mtimeMs === previous.mtimeMs && current.size === previous.size && current.ino === previous.ino) return;
    // A missing file (an editor replacing it) is not a configuration: wait for the new one.
    if (current.nlink === 0 && current.mtimeMs === 0) return;
    let next: Config;
    try {
      next = this.load();
    } catch (e) {
      this.events.onError(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    this.events.onChange(next);
  };

  constructor(
    readonly file: string,
    private readonly load: () => Config,
    private readonly events: ConfigWatchEvents,
    intervalMs = 250,
  ) {
    watchFile(file, { interval: intervalMs, persistent: false }, this.#watcher);
  }

  close(): void {
    unwatchFile(this.file, this.#watcher);
  }
}
