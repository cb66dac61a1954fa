import type { Paint } from './paint.js';
import type { Decision } from '../../resolver/resolver.js';
import type { PopRanking } from '../../core/pop-ranking.js';
/** `www.x.example.net (AS64601) 1 hop, self 2 hops`: the ranking nearest first. */
export declare function formatRanking(ranking: PopRanking): string;
/** The `--verbose` account of one decision, for humans; colour only where `paint` has it. */
export declare function explainDecision(key: string, decision: Decision, paint: Paint): string;
export declare function explainRow(label: string, value: string, paint: Paint): string;
