import type { OutputFormat } from '../../config/config.js';
import { formatPrefix } from '../../core/prefix.js';
import type { PrefixQuality, QualityReport } from '../../quality/quality-report.js';
import { jsonLine } from './json-text.js';
import type { Paint } from './paint.js';
import { textTable } from './text-table.js';

const ms = (value: number): string => (Number.isNaN(value) ? '-' : value < 10 ? value.toFixed(1) : value.toFixed(0));
const share = (part: number, whole: number): string => `${whole > 0 ? ((part / whole) * 100).toFixed(1) : '0.0'} %`;

/** The line that says it all: how much demand goes to a POP measurably slower than the fastest one. */
export function qualitySummary(report: QualityReport): string {
  return (
    `${share(report.slowRequests, report.requests)} of ${report.requests} requests are sent to a POP ${report.marginMs} ms or more slower ` +
    `(median round trip) than the fastest measured for their prefix, on ${report.minSamples}+ samples at each; ` +
    `${share(report.unjudgedRequests, report.requests)} could not be judged (too few samples at the chosen POP or at any other)`
  );
}

function popCell(p: PrefixQuality['pops'][number]): string {
  return `${p.pop} ${ms(p.medianMs)}/${ms(p.p90Ms)} ms (${p.samples})`;
}

/** Text for a person: the summary, then each prefix measured at two POPs or more, worst first. */
function qualityTable(report: QualityReport, paint: Paint): string {
  const out = [qualitySummary(report), ''];
  // A prefix's judged /24s (or /48s) follow it, indented.
  const rows = report.prefixes
    .filter((p) => p.pops.length > 1 || p.flagged)
    .flatMap((p) => [{ p, inside: false }, ...p.blocks.map((b) => ({ p: b, inside: true }))]);
  if (rows.length === 0) out.push('no prefix was served by two POPs or more: nothing to compare');
  else
    out.push(
      textTable(
        [
          ['PREFIX', 'CHOSEN', 'REQUESTS', 'SLOWER BY', 'POPS (median/p90 ms, samples), fastest first'],
          ...rows.map(({ p, inside }) => [
            `${inside ? '  ' : ''}${formatPrefix(p.prefix)}`,
            p.chosen,
            String(p.requests),
            p.slowerByMs === undefined ? '-' : `${ms(p.slowerByMs)} ms`,
            p.pops.map(popCell).join(', '),
          ]),
        ],
        [false, false, true, true, false],
        paint,
        (_text, row, column) => (column === 3 && rows[row - 1]?.p.flagged ? paint.red : column === 0 ? paint.cyan : undefined),
      ),
    );
  const unread = [
    report.withoutRtt > 0 ? `${report.withoutRtt} lines gave no round-trip time at rtt_field` : '',
    report.withoutServer > 0 ? `${report.withoutServer} lines named no POP that served them` : '',
  ].filter(Boolean);
  if (unread.length > 0) out.push('', `left out: ${unread.join('; ')}`);
  return `${out.join('\n')}\n`;
}

/** The report as text (aligned, coloured on a terminal), TSV (one row per prefix and POP) or one JSON document. */
export function qualityText(report: QualityReport, format: OutputFormat, paint: Paint): string {
  if (format === 'json')
    return jsonLine({
      marginMs: report.marginMs,
      minSamples: report.minSamples,
      requests: report.requests,
      slowRequests: report.slowRequests,
      slowShare: report.requests > 0 ? report.slowRequests / report.requests : 0,
      unjudgedRequests: report.unjudgedRequests,
      withoutRtt: report.withoutRtt,
      withoutServer: report.withoutServer,
      prefixes: report.prefixes.map(jsonPrefix),
    });
  if (format === 'tsv') {
    // `within`: the deciding prefix a /24 (or /48) row is part of; empty on the deciding prefix's own rows.
    const lines = ['prefix\tchosen\trequests\tflagged\tpop\tsamples\tmedian_ms\tp90_ms\twithin'];
    const rows = (p: PrefixQuality, within: string): void => {
      for (const pop of p.pops)
        lines.push(
          [
            formatPrefix(p.prefix),
            p.chosen,
            p.requests,
            p.flagged ? 1 : 0,
            pop.pop,
            pop.samples,
            round(pop.medianMs),
            round(pop.p90Ms),
            within,
          ].join('\t'),
        );
    };
    for (const p of report.prefixes) {
      rows(p, '');
      for (const block of p.blocks) rows(block, formatPrefix(p.prefix));
    }
    return `${lines.join('\n')}\n`;
  }
  return qualityTable(report, paint);
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

function jsonPrefix(p: PrefixQuality): Record<string, unknown> {
  return {
    ...p,
    prefix: formatPrefix(p.prefix),
    pops: p.pops.map((pop) => ({ ...pop, medianMs: round(pop.medianMs), p90Ms: round(pop.p90Ms) })),
    slowerByMs: p.slowerByMs === undefined ? null : round(p.slowerByMs),
    fastest: p.fastest ?? null,
    blocks: p.blocks.map(jsonPrefix),
  };
}
