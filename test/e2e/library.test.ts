import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the package as a library', () => {
  it('is importable by its name, with types, and answers through its public API', () => {
    const script = `
      import { createResolver, resolveConfig, parseConfigText, parseZebraShowBgp, matchPop, parseAsPathText, TableRouteServer, VtyRouteServer } from 'supersparrow';
      const { config } = resolveConfig([parseConfigText('route_server table\\ntable examples/paper-network.table\\npeer 64702=pop-y\\nself pop-x', 'inline', process.cwd())]);
      const resolver = await createResolver(config);
      const d = await resolver.resolve('192.168.193.15');
      const m = matchPop(parseAsPathText('64600 64702'), new Map([[64702, 'y']]));
      console.log([d.answer, d.reason, m.answer, typeof parseZebraShowBgp, typeof TableRouteServer, typeof VtyRouteServer].join(' '));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toBe('pop-y peer y function function function');
    expect(existsSync(`${ROOT}/dist/index.d.ts`)).toBe(true);
  });

  it('plans capacity through its public API, as docs/library.md shows', () => {
    const script = `
      import { planCapacity, parsePrefix, formatPrefix, formatPlanFile, parsePlanFile, PlannedPrefixes } from 'supersparrow';
      const plan = planCapacity({
        prefixes: [{ prefix: parsePrefix('192.0.2.0/24'), demand: 120, leaves: [],
          ranking: [{ answer: 'pop-y', asn: 64702, hops: 1 }, { answer: 'pop-x', asn: undefined, hops: 2 }] }],
        capacity: new Map([['pop-y', 100], ['pop-x', 1000]]),
      });
      const entries = parsePlanFile(formatPlanFile(plan, ['test']), 'plan', new Set(['pop-x', 'pop-y']));
      console.log(plan.moves.map((m) => formatPrefix(m.prefix) + ' ' + m.from + ' ' + m.to + ' ' + m.demand).join(), new PlannedPrefixes(entries).size);
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toBe('192.0.2.0/24 pop-y pop-x 120 1');
  });

  it('measures quality through its public API, as docs/library.md names it', () => {
    const script = `
      import { RttTally, qualityReport, latencyOverrides, formatLatencyFile, parsePrefix, parseClientKey } from 'supersparrow';
      const tally = new RttTally();
      const p = parsePrefix('192.0.2.0/24');
      const client = parseClientKey('192.0.2.7').address;
      for (let i = 0; i < 60; i++) { tally.add(p, 'pop-y', 'pop-y', 80, client); tally.add(p, 'pop-y', 'pop-x', 20, client); }
      const report = qualityReport(tally, { marginMs: 20, minSamples: 50 });
      const overrides = latencyOverrides(report, [], () => true);
      console.log(report.slowRequests, formatLatencyFile(overrides.lines, []).split(' ').slice(0, 2).join(' '));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toBe('120 192.0.2.0/24 pop-x');
  });
});
