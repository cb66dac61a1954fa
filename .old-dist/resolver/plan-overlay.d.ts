import type { ClientAddress } from '../core/address.js';
import type { PlanEntry, PlannedPrefixes } from '../core/planned-prefixes.js';
import { type Prefix } from '../core/prefix.js';
/** What the plan acts on in an answer: its POP and reason, the plan line it follows, and where other answers lie. */
export interface Overlaid {
    readonly answer: string;
    readonly reason: 'peer' | 'no-peer' | 'no-route' | 'plan';
    readonly plan?: PlanEntry;
    /** Set once the plan in force is folded in: nothing is left to apply. */
    readonly planned?: true;
    /** The answer as the routes gave it, before the plan was folded in. */
    readonly base?: this;
    readonly holes?: readonly Prefix[];
}
/** Whether a POP a plan line names can take clients now. */
export type CanServe = (answer: string) => boolean;
/**
 * One rule for the plan in force, on both of an answer's paths. Cached: `foldPlan` gives the entries
 * to cache for a prefix with the plan folded in (a line covering the prefix decides its answer, each
 * line inside it gets an entry of its own and is a hole in the prefix's; lines inside one of its
 * more-specific routes wait for that route's own answer). Not cached: `planOnAnswer` applies the line
 * covering the address and cuts the answer's reach at the plan's boundaries. Pure.
 */
export declare function foldPlan<T extends Overlaid>(prefix: Prefix, outcome: T, plan: PlannedPrefixes | undefined, canServe: CanServe, nowMs: () => number): Array<[Prefix, T]>;
/** An answer not cached with the plan folded in, as the plan line covering `address` (if any) makes it. */
export declare function planOnAnswer(address: ClientAddress, outcome: Overlaid, validFor: Prefix, plan: PlannedPrefixes | undefined, canServe: CanServe, nowMs: () => number): {
    answer: string;
    reason: Overlaid['reason'];
    plan: PlanEntry | undefined;
    validFor: Prefix;
};
