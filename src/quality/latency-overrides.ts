import { formatPrefix, type Prefix } from '../core/prefix.js';
import type { PopRtt, PrefixQuality, QualityReport } from './quality-report.js';

/** One line of latency_file: the prefix, the POP it is sent to, and the figures that justify it. */
export interface LatencyOverride {
  readonly prefix: Prefix;
  readonly pop: string;
  readonly note: string;
}

export interface OverrideChange {
  readonly prefix: Prefix;
  readonly pop: string;
  readonly why: string;
}

export interface LatencyOverrides {
  /** What latency_file holds next: the overrides kept, then those added. */
  readonly lines: readonly LatencyOverride[];
  readonly added: readonly OverrideChange[];
  readonly kept: readonly OverrideChange[];
  /** Overrides in force taken back: their POP measured slower than the one they replaced, or BGP chooses it now. */
  readonly withdrawn: readonly OverrideChange[];
  /** Flagged prefixes not overridden: the faster POP has no room for their demand. */
  readonly refused: readonly OverrideChange[];
}

/** Whether `pop` can take `prefix`'s demand on top of what it has (within its high watermark), and takes it if so. */
export type Room = (pop: string, prefix: Prefix) => boolean;

const figures = (p: PopRtt | undefined): string =>
  p === undefined ? 'not measured' : `${p.medianMs.toFixed(1)} ms median on ${p.samples} samples`;

/**
 * The overrides the report justifies, from those in force: each one whose POP measured slower than
 * the POP it replaced (on enough samples at both), or that BGP now chooses itself, is withdrawn; the
 * others stay (too few samples to judge is no reason to flap). Each newly flagged prefix is sent to
 * the POP measured fastest, when `room` says that POP can take its demand. Pure.
 */
export function latencyOverrides(
  report: QualityReport,
  inForce: ReadonlyArray<{ prefix: Prefix; pop: string }>,
  room: Room,
): LatencyOverrides {
  const byPrefix = new Map(report.prefixes.flatMap((p) => [p, ...p.blocks]).map((p) => [formatPrefix(p.prefix), p]));
  const lines: LatencyOverride[] = [];
  const added: OverrideChange[] = [];
  const kept: OverrideChange[] = [];
  const withdrawn: OverrideChange[] = [];
  const refused: OverrideChange[] = [];
  const overridden = new Set<string>();
  for (const line of inForce) {
    const key = formatPrefix(line.prefix);
    overridden.add(key);
    const quality = byPrefix.get(key);
    const at = quality?.pops.find((p) => p.pop === line.pop);
    const replaced = quality?.pops.find((p) => p.pop === quality.chosen);
    if (quality?.chosen === line.pop) {
      withdrawn.push({ prefix: line.prefix, pop: line.pop, why: 'the answers choose this POP without it now' });
      continue;
    }
    const judged = at && replaced && at.samples >= report.minSamples && replaced.samples >= report.minSamples;
    if (judged && at.medianMs > replaced.medianMs) {
      withdrawn.push({
        prefix: line.prefix,
        pop: line.pop,
        why: `measured slower than ${replaced.pop}, the POP it replaced: ${figures(at)} against ${figures(replaced)}`,
      });
      continue;
    }
    const why = judged
      ? `${figures(at)} against ${figures(replaced)} at ${replaced.pop}`
      : `not judged yet: ${figures(at)}; ${quality ? `${figures(replaced)} at ${quality.chosen}` : 'no samples'}`;
    kept.push({ prefix: line.prefix, pop: line.pop, why });
    lines.push({ prefix: line.prefix, pop: line.pop, note: why });
  }
  // A flagged prefix moves whole; inside one that is not, each flagged /24 (or /48) moves alone.
  const candidates = report.prefixes.flatMap((p) =>
    p.flagged || overridden.has(formatPrefix(p.prefix)) ? [p] : p.blocks.filter((b) => b.flagged),
  );
  for (const quality of candidates) {
    const key = formatPrefix(quality.prefix);
    if (!quality.flagged || quality.fastest === undefined || overridden.has(key)) continue;
    const why = reason(quality);
    if (!room(quality.fastest, quality.prefix)) {
      refused.push({
        prefix: quality.prefix,
        pop: quality.fastest,
        why: `${quality.fastest} has no room for its demand within its high watermark`,
      });
      continue;
    }
    added.push({ prefix: quality.prefix, pop: quality.fastest, why });
    lines.push({ prefix: quality.prefix, pop: quality.fastest, note: why });
  }
  return { lines, added, kept, withdrawn, refused };
}

function reason(quality: PrefixQuality): string {
  const fastest = quality.pops.find((p) => p.pop === quality.fastest);
  const chosen = quality.pops.find((p) => p.pop === quality.chosen);
  return `${figures(fastest)} against ${figures(chosen)} at ${quality.chosen}: ${quality.slowerByMs!.toFixed(1)} ms faster`;
}

/** latency_file's text: a header, then `PREFIX POP  # why` per line. */
export function formatLatencyFile(overrides: readonly LatencyOverride[], header: readonly string[]): string {
  const lines = header.map((h) => `# ${h.replace(/\n/g, ' ')}`);
  for (const o of overrides) lines.push(`${formatPrefix(o.prefix)} ${o.pop}  # ${o.note.replace(/\n/g, ' ')}`);
  return `${lines.join('\n')}\n`;
}
