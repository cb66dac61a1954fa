import type { PlanEntry } from '../core/planned-prefixes.js';
import type { Plan } from './planner.js';
export declare class PlanFileError extends Error {
    name: string;
}
/**
 * Parses a plan file: `PREFIX POP [UNTIL]` per line (`192.0.2.0/25 www.y.example.net`), UNTIL as in a
 * drain file (ISO 8601 or epoch seconds); `#` starts a comment. A malformed prefix or a POP that is
 * not an answer (`answers`: each peer's, and self) refuses the whole file, naming its line.
 */
export declare function parsePlanFile(text: string, file: string, answers: ReadonlySet<string>): PlanEntry[];
/** A plan as its file: a comment header saying when and from what, then one move per line. */
export declare function formatPlanFile(plan: Pick<Plan, 'moves'>, header: readonly string[], untilMs?: number): string;
