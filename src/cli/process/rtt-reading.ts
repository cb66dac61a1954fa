import { readFileSync } from 'node:fs';
import { type DemandCounter, DemandJsonError } from '../../capacity/demand.js';
import type { Config } from '../../config/config.js';
import type { RttField } from '../../core/rtt-field.js';
import { CLIENT_BLOCK_LENGTH, prefixAround } from '../../core/prefix.js';
import { errorMessage } from '../../io/error-message.js';
import { printable } from '../../io/printable.js';
import type { LineOutcome } from '../../logs/log-run.js';
import { rttMsOf, servedByOf } from '../../logs/rtt-facts.js';
import { type RttTally, RttTallyJsonError } from '../../quality/rtt-tally.js';

/**
 * Why the POP that served each line cannot be known: no --served-by and no served_by_field, a
 * --served-by that is no host name, or as many --served-by as neither one nor the log files.
 */
export function servedByProblem(option: string, servedBy: readonly string[], logFiles: number, config: Config): string | undefined {
  if (servedBy.length === 0 && config.servedByField === undefined)
    return `${option} needs the POP that served each line: give --served-by www.y.example.net for one POP's logs, or add "served_by_field pop" for JSON logs that name it`;
  const badHost = servedBy.find((host) => !/^[A-Za-z0-9.-]{1,253}$/.test(host));
  if (badHost !== undefined) return `--served-by takes a POP's host name, as in peer lines; got "${printable(badHost)}"`;
  if (servedBy.length > 1 && servedBy.length !== logFiles)
    return `${servedBy.length} --served-by for ${logFiles} log files: give one for all of them, or one per file in their order (--served-by www.y.example.net --served-by www.x.example.net y.log x.log)`;
  return undefined;
}

/** Adds an answered line's round trip to `tally`: by its deciding prefix, the POP chosen now, and the POP that served it. */
export function rttTallier(
  tally: RttTally,
  rtt: RttField,
  servedBy: readonly string[],
  config: Config,
): (line: string, outcome: LineOutcome, source: number) => void {
  const key = config.servedByField;
  return (line, outcome, source) => {
    if (outcome.kind !== 'answer') return;
    const { decision } = outcome;
    const address = decision.address;
    if (!address) return;
    const rttMs = rttMsOf(line, rtt);
    const server =
      servedBy.length > 0 ? servedBy[servedBy.length === 1 ? 0 : source] : key === undefined ? undefined : servedByOf(line, key);
    if (rttMs === undefined) tally.withoutRtt++;
    else if (server === undefined) tally.withoutServer++;
    else {
      const prefix = decision.route?.prefix ?? prefixAround(address, CLIENT_BLOCK_LENGTH[address.family]);
      tally.add(prefix, decision.answer, server, rttMs, address);
    }
  };
}

/** Merges summary files' `quality` (and, for `demand`, their demand) into the tallies; an error names the file and the fix. */
export function mergeSummaries(files: readonly string[], tally: RttTally, demand: DemandCounter | undefined): string | undefined {
  for (const file of files) {
    try {
      const summary = JSON.parse(readFileSync(file, 'utf8')) as { quality?: unknown; demand?: unknown };
      if (summary.quality === undefined)
        return `${file} holds no round trips: make it with rtt_field in the config and --summary --format json --served-by HOST (this POP)`;
      tally.merge(summary.quality, file);
      if (demand && summary.demand !== undefined) demand.merge(summary.demand, file);
    } catch (e) {
      return e instanceof RttTallyJsonError || e instanceof DemandJsonError ? e.message : `cannot read summary ${file}: ${errorMessage(e)}`;
    }
  }
  return undefined;
}
