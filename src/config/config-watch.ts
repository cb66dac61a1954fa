import { statSync, type Stats } from 'node:fs';
import { SettledFileWatch, versionOf } from '../io/file-watch.js';
import type { Config } from './config.js';
import { DIRECTIVES } from './directives.js';
import { errorMessage } from '../io/error-message.js';

/** What a running process takes from a changed config file (each directive says); the rest needs a restart. */
export const RELOADABLE_SETTINGS: ReadonlySet<string> = new Set(DIRECTIVES.filter((d) => d.reloadable).map((d) => d.key));

const DIRECTIVE_NAMES = new Map<string, string>(DIRECTIVES.map((d) => [d.key, d.name]));

/** A setting as the config file spells it: `drain_file` for drainFile, `peer` for the POPs. */
export function directiveName(key: keyof Config): string {
  return DIRECTIVE_NAMES.get(key) ?? key.replace(/Ms$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Settings that differ between two configurations: what applies now, and what waits for a restart. */
export function configChanges(before: Config, after: Config): { applied: (keyof Config)[]; needRestart: (keyof Config)[] } {
  const applied: (keyof Config)[] = [];
  const needRestart: (keyof Config)[] = [];
  for (const key of Object.keys(after) as (keyof Config)[]) {
    if (sameValue(before[key], after[key])) continue;
    (RELOADABLE_SETTINGS.has(key) ? applied : needRestart).push(key);
  }
  return { applied, needRestart };
}

/** Settings as comparable text: Maps as their entries, BigInts (IPv6 networks) as decimal. */
function comparable(value: unknown): string {
  const plain = (v: unknown): unknown => (v instanceof Map ? [...v] : typeof v === 'bigint' ? `${v}n` : v);
  return JSON.stringify(plain(value), (_k, v: unknown) => plain(v)) ?? 'undefined';
}

function sameValue(a: unknown, b: unknown): boolean {
  return comparable(a) === comparable(b);
}

export interface ConfigWatchEvents {
  /** The file changed and reads cleanly. */
  readonly onChange: (next: Config) => void;
  /** The file changed and does not read: the running configuration stays. */
  readonly onError: (error: Error) => void;
}

/**
 * A config file, watched: each change is read again with `load` (the same layers as at start, the
 * command line still winning) once the file has stopped changing, and handed on whole, or its error
 * reported and the running one kept. A handler that throws is reported the same way: a reload never
 * stops a running map.
 */
export class ConfigWatch {
  readonly #watch: SettledFileWatch;

  constructor(
    readonly file: string,
    load: () => Config,
    events: ConfigWatchEvents,
    intervalMs = 250,
  ) {
    let initial: string | undefined;
    try {
      initial = versionOf(statSync(file));
    } catch {
      initial = undefined;
    }
    this.#watch = new SettledFileWatch(
      file,
      {
        // A missing file (an editor replacing it) is not a configuration: wait for the new one.
        onRemoved: () => undefined,
        onSettled: (seen) => {
          let next: Config;
          try {
            next = load();
          } catch (e) {
            events.onError(e instanceof Error ? e : new Error(errorMessage(e)));
            return;
          }
          // Rewritten while it was read: what was read may be half of it. Read it again once it settles.
          if (!sameVersion(file, seen)) return this.#watch.again();
          events.onChange(next);
        },
        onError: (e) => events.onError(new Error(`${file}: the change could not be applied: ${e.message}`)),
      },
      intervalMs,
      initial,
    );
  }

  close(): void {
    this.#watch.close();
  }
}

function sameVersion(file: string, seen: Stats): boolean {
  try {
    return versionOf(statSync(file)) === versionOf(seen);
  } catch {
    return false;
  }
}
