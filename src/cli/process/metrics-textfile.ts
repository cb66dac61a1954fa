import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/atomic-file.js';
import { errorMessage } from '../../io/error-message.js';
import type { MetricFamily } from '../../metrics/prometheus.js';
import { prometheusText } from '../../metrics/prometheus.js';
import type { CliContext } from '../context.js';

export const METRICS_INTERVAL_MS = 10_000;

/**
 * This process's counters in a file of its own for node_exporter's textfile collector, replaced
 * atomically every interval; removed when the process ends, so a dead process's figures are not
 * reported as current. A failed write is reported and retried at the next interval; it never stops answers.
 */
export class MetricsTextfile {
  readonly file: string;
  readonly #timer: NodeJS.Timeout;
  #closed = false;

  constructor(
    dir: string,
    mode: string,
    private readonly families: () => MetricFamily[],
    private readonly onError: (error: Error) => void,
    intervalMs = METRICS_INTERVAL_MS,
  ) {
    // The collector reads only *.prom files: the temporary one beside it starts with a dot and ends .tmp.
    this.file = join(dir, `supersparrow-${mode}-${process.pid}.prom`);
    this.write();
    this.#timer = setInterval(() => this.write(), intervalMs);
    this.#timer.unref();
  }

  write(): void {
    if (this.#closed) return;
    try {
      writeFileAtomic(this.file, prometheusText(this.families(), { pid: String(process.pid) }));
    } catch (e) {
      this.onError(
        new Error(`metrics not written to ${this.file}: ${errorMessage(e)}; check that metrics_dir exists and this user can write it`),
      );
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    try {
      unlinkSync(this.file);
    } catch {
      // Never written (the folder was wrong): nothing to remove.
    }
  }
}

/** Counters of this process for node_exporter's textfile collector, written until the run ends. */
export async function processMetrics(context: CliContext, name: string, startedMs: number): Promise<{ close(): void }> {
  const { hostFamilies, processFamilies } = await import('../../metrics/families.js');
  const { runtime, log } = context;
  return new MetricsTextfile(
    context.config.metricsDir!,
    name,
    () => [...processFamilies(runtime.resolver.stats, startedMs), ...hostFamilies(runtime.hostState())],
    (error) => log.warnLimited('metrics', error.message),
  );
}
