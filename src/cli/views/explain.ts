import type { Paint } from './paint.js';
import { formatSegment } from '../../core/as-path.js';
import { formatPrefix } from '../../core/prefix.js';
import type { Decision } from '../../resolver/resolver.js';
import { placeOnPath } from '../../core/pop-selection.js';
import type { PopRanking } from '../../core/pop-ranking.js';

const REASON_TEXT: Readonly<Record<Decision['reason'], string>> = {
  peer: 'a POP AS is on the best path',
  'no-peer': 'no POP AS on the best path: self',
  'no-route': 'the route server has no route: self',
  'invalid-key': 'not an IP address',
  unavailable: 'route server unavailable: self',
  timeout: 'route server too slow: self',
  error: 'unreadable route server reply: self',
  plan: 'the capacity plan in force sends this prefix to another POP',
  latency: 'a latency override (latency_file): another POP measured faster for this prefix',
  explore: 'explored: one of the few clients (explore) answered from the next POP of the ranking, so that --quality measures it',
};

/** `www.x.example.net (AS64601) 1 hop, self 2 hops`: the ranking nearest first. */
export function formatRanking(ranking: PopRanking): string {
  return ranking
    .map((entry) => `${entry.answer}${entry.asn === undefined ? '' : ` (AS${entry.asn})`} ${entry.hops} hop${entry.hops === 1 ? '' : 's'}`)
    .join(', ');
}

/** The `--verbose` account of one decision, for humans; colour only where `paint` has it. */
export function explainDecision(key: string, decision: Decision, paint: Paint): string {
  const rows: Array<[string, string]> = [];
  rows.push(['address', decision.address ? decision.address.text : `${JSON.stringify(key)} (${decision.keyRejection ?? 'invalid'})`]);
  rows.push(['route server', decision.routeServer]);
  if (decision.route) {
    rows.push(['prefix', formatPrefix(decision.route.prefix)]);
    rows.push(['AS path', highlightPath(decision, paint)]);
  } else if (decision.reason === 'no-route') {
    rows.push(['prefix', 'none (no route)']);
  }
  if (decision.match) rows.push(['matched peer', `AS${decision.match.asn} = ${decision.match.answer}`]);
  if (decision.ranking && decision.ranking.length > 1) rows.push(['ranking', formatRanking(decision.ranking)]);
  if (decision.plan) rows.push(['plan', `${formatPrefix(decision.plan.prefix)} → ${decision.plan.pop} (plan line ${decision.plan.line})`]);
  for (const s of decision.skipped ?? []) rows.push(['skipped', `AS${s.asn} = ${s.answer}: ${s.why}`]);
  rows.push(['decision', REASON_TEXT[decision.reason]]);
  if (decision.error) rows.push(['error', decision.error]);
  rows.push(['cache', decision.cache === 'hit' && decision.cachedPrefix ? `hit (${formatPrefix(decision.cachedPrefix)})` : decision.cache]);
  rows.push(['time', `${decision.elapsedMs.toFixed(3)} ms`]);
  rows.push(['answer', paint.bold(decision.answer)]);
  return rows.map(([label, value]) => explainRow(label, value, paint)).join('\n');
}

export function explainRow(label: string, value: string, paint: Paint): string {
  return `  ${paint.cyan(label.padEnd(13))}${value}`;
}

function highlightPath(decision: Decision, paint: Paint): string {
  const path = decision.route?.asPath ?? [];
  if (path.length === 0) return 'Local (empty: an own or iBGP route)';
  const decided = decision.match;
  // A match decided from a table's POP list carries no place on the path: found by its AS.
  const place = decided && decided.segmentIndex < 0 ? placeOnPath(path, decided.asn) : decided;
  const match = place && decided ? { ...decided, ...place } : undefined;
  return path
    .map((segment, s) =>
      match && s === match.segmentIndex
        ? formatSegment(segment, (asn, i) => (i === match.asnIndex ? paint.bold.green(`${asn}`) : `${asn}`))
        : formatSegment(segment),
    )
    .join(' ');
}
