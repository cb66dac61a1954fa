import type { PlanEntry } from '../core/planned-prefixes.js';
import { formatPrefix, parsePrefix } from '../core/prefix.js';
import { printable } from '../io/printable.js';
import type { Plan } from './planner.js';
import { END_TIME_FORMS, parseEndTime } from '../core/end-time.js';

/** A plan line's comment naming the POP it moves clients away from: read back, so that exploration spares that POP. */
const FROM_COMMENT = /#\s*from\s+(\S+)/;

export class PlanFileError extends Error {
  override name = 'PlanFileError';
}

/**
 * Parses a plan file: `PREFIX POP [UNTIL]` per line (`192.0.2.0/25 www.y.example.net`), UNTIL as in a
 * drain file (ISO 8601 or epoch seconds); `#` starts a comment, and `# from POP` names the POP the
 * line moves clients away from. A malformed prefix or a POP that is not an answer (`answers`: each
 * peer's, and self) refuses the whole file, naming its line.
 */
export function parsePlanFile(text: string, file: string, answers: ReadonlySet<string>): PlanEntry[] {
  const entries: PlanEntry[] = [];
  const known = new Map([...answers].map((a) => [a.toLowerCase(), a]));
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    const from = FROM_COMMENT.exec(raw)?.[1];
    if (line === '') return;
    const where = `${file}:${i + 1}`;
    const [prefixText = '', pop = '', until, extra] = line.split(/\s+/);
    if (pop === '' || extra !== undefined)
      throw new PlanFileError(`${where}: expected "PREFIX POP [UNTIL]", e.g. "192.0.2.0/25 www.y.example.net"; got "${printable(line)}"`);
    const prefix = parsePrefix(prefixText);
    if (!prefix)
      throw new PlanFileError(
        `${where}: "${printable(prefixText)}" is not a prefix with its host bits zero (e.g. 192.0.2.0/25, 2001:db8::/48)`,
      );
    const answer = known.get(pop.toLowerCase());
    if (answer === undefined)
      throw new PlanFileError(
        `${where}: "${printable(pop)}" is not a POP: give a peer line's answer or the self answer (${[...answers].join(', ')})`,
      );
    let untilMs: number | undefined;
    if (until !== undefined) {
      untilMs = parseEndTime(until);
      if (untilMs === undefined) throw new PlanFileError(`${where}: "${printable(until)}" is not a time: give ${END_TIME_FORMS}`);
    }
    const fromAnswer = from === undefined ? undefined : known.get(from.toLowerCase());
    entries.push({ prefix, pop: answer, untilMs, line: i + 1, ...(fromAnswer === undefined ? {} : { from: fromAnswer }) });
  });
  return entries;
}

/** A plan as its file: a comment header saying when and from what, then one move per line. */
export function formatPlanFile(plan: Pick<Plan, 'moves'>, header: readonly string[], untilMs?: number): string {
  const until = untilMs === undefined ? '' : ` ${new Date(untilMs).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
  const lines = header.map((h) => `# ${h.replace(/\n/g, ' ')}`);
  const moves = [...plan.moves].sort((a, b) => compareNetworks(a.prefix, b.prefix));
  for (const move of moves) lines.push(`${formatPrefix(move.prefix)} ${move.to}${until}  # from ${move.from}`);
  return `${lines.join('\n')}\n`;
}

function compareNetworks(a: PlanEntry['prefix'], b: PlanEntry['prefix']): number {
  if (a.family !== b.family) return a.family - b.family;
  return a.network < b.network ? -1 : a.network > b.network ? 1 : a.length - b.length;
}
