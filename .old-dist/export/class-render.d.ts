import type { PlanEntry } from '../core/planned-prefixes.js';
import { type RankingClass } from './classes.js';
import { type ClassFormat, type MmdbClassFormat } from './formats.js';
import type { ExportRow } from './decided-rows.js';
import { type ExportSource } from './render.js';
/** The class formats whose engine chains lookups, so that the plan has a small file of its own. */
export type ChainedClassFormat = 'haproxy-classes' | 'nginx-classes';
/** The class formats written as text (the mmdb is binary). */
export type TextClassFormat = Exclude<ClassFormat, MmdbClassFormat>;
export declare function hasPlanFile(format: ClassFormat): format is ChainedClassFormat;
/**
 * The plan's own file beside a class export, looked up first (`pop-class.map` → `pop-class.plan.map`):
 * HAProxy and nginx can chain lookups, so a plan change rewrites it alone. gdnsd has one nets file per
 * map, and pdns one mmdb lookup per name: the plan is in their big file.
 */
export declare function planFileOf(file: string): string;
/** The files a class export keeps beside its big one: the plan's (HAProxy, nginx), then the answers. */
export declare function companionFilesOf(format: ClassFormat, file: string, gdnsdAdminState: string): string[];
/**
 * The small file beside a class export: the answer for each class now. HAProxy's and nginx's sit
 * beside the big file with `.answers` before the extension (`pop-class.map` → `pop-class.answers.map`);
 * gdnsd's is its own admin_state file, where supersparrow keeps a block of its own; PowerDNS's, the
 * geoip zones file beside the mmdb (`pop-class.mmdb` → `pop-class.zones.yaml`); nginx's geoip2 one,
 * a map file beside it (`pop-class.mmdb` → `pop-class.answers.conf`).
 */
export declare function answersFileOf(format: ClassFormat, file: string, gdnsdAdminState: string): string;
/**
 * The blocks of the table with their ranking class, as `BLOCK CLASS` lines in batches: the one walk
 * every class format is made from (a route change walks the table once for them all). With `plan`,
 * its lines cut the blocks (gdnsd's, which has no plan file). Every class written is added to `seen`.
 */
export declare function classBatches(source: ExportSource, plan: readonly PlanEntry[], seen: Set<RankingClass>): Generator<string>;
/** The plan a format's big file holds: none where the plan has a file of its own. */
export declare function planInClassFile(format: ClassFormat, source: ExportSource): readonly PlanEntry[];
/**
 * The mmdb of a class export: every address (self's class too) with its class as `pop` and as
 * `city.names.en` (PowerDNS's `%ci`), as a DNS label. Every class written is added to `seen`.
 */
export declare function mmdbClassFile(source: ExportSource, seen: Set<RankingClass>): Buffer;
/** The rows of mmdbClassFile: every block, self's too, with its class as a DNS label. */
export declare function mmdbClassRows(source: ExportSource, seen: Set<RankingClass>): Iterable<ExportRow>;
export declare function mmdbClassDescription(source: ExportSource): string;
/**
 * The big file of a class export, in pieces: each block of the table with its ranking class (gdnsd:
 * the class's POPs and self, as a datacenter list). It depends on the routes only (gdnsd's on the plan
 * too), never on POP state. `batches` are classBatches' (made with planInClassFile's plan).
 */
export declare function classPiecesOf(format: ClassFormat, source: ExportSource, answersFile: string, batches: Iterable<string>): Generator<string>;
/** classPiecesOf with its own walk: for a one-off export. */
export declare function classPieces(format: TextClassFormat, source: ExportSource, answersFile: string, seen: Set<RankingClass>): Generator<string>;
/**
 * The plan's file of a HAProxy or nginx class export: each planned block with its class, looked up
 * before the big file (nginx: its default, empty, means "not planned"). Every class written is added to `seen`.
 */
export declare function planText(format: ChainedClassFormat, source: ExportSource, seen: Set<RankingClass>): string;
/**
 * The small file of a class export: each class and its answer under the POP state and plan of
 * `source`. gdnsd's is its admin_state file: `existing` is its text now, whose lines outside
 * supersparrow's own block are kept as they are.
 */
export declare function answersText(format: ClassFormat, source: ExportSource, classes: Iterable<RankingClass>, existing?: string): string;
