import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/atomic-file.js';
import { errorMessage } from '../../io/error-message.js';
import { prometheusText } from '../../metrics/prometheus.js';
export const METRICS_INTERVAL_MS = 10_000;
/**
 * This process's counters in a file of its own for node_exporter's textfile collector, replaced
 * atomically every interval; removed when the process ends, so a dead process's figures are not
 * reported as current. A failed write is reported and retried at the next interval; it never stops answers.
 */
export class MetricsTextfile {
    families;
    onError;
    file;
    #timer;
    #closed = false;
    constructor(dir, mode, families, onError, intervalMs = METRICS_INTERVAL_MS) {
        this.families = families;
        this.onError = onError;
        // The collector reads only *.prom files: the temporary one beside it starts with a dot and ends .tmp.
        this.file = join(dir, `supersparrow-${mode}-${process.pid}.prom`);
        this.write();
        this.#timer = setInterval(() => this.write(), intervalMs);
        this.#timer.unref();
    }
    write() {
        if (this.#closed)
            return;
        try {
            writeFileAtomic(this.file, prometheusText(this.families(), { pid: String(process.pid) }));
        }
        catch (e) {
            this.onError(new Error(`metrics not written to ${this.file}: ${errorMessage(e)}; check that metrics_dir exists and this user can write it`));
        }
    }
    close() {
        if (this.#closed)
            return;
        this.#closed = true;
        clearInterval(this.#timer);
        try {
            unlinkSync(this.file);
        }
        catch {
            // Never written (the folder was wrong): nothing to remove.
        }
    }
}
/** Counters of this process for node_exporter's textfile collector, written until the run ends. */
export async function processMetrics(context, name, startedMs) {
    const { hostFamilies, processFamilies } = await import('../../metrics/families.js');
    const { runtime, log } = context;
    return new MetricsTextfile(context.config.metricsDir, name, () => [...processFamilies(runtime.resolver.stats, startedMs), ...hostFamilies(runtime.hostState())], (error) => log.warnLimited('metrics', error.message));
}
//# sourceMappingURL=metrics-textfile.js.map