import { describe, expect, it } from '@jest/globals';
import { parseClientAddress } from '../../src/core/address.js';
import { DecidedTableBuilder, RANKED_SELF } from '../../src/core/decided-table.js';
import type { PlanEntry } from '../../src/core/planned-prefixes.js';
import { parsePrefix, prefixContains, type Prefix } from '../../src/core/prefix.js';
import { answersText, answersFileOf, classPieces } from '../../src/export/class-render.js';
import {
  classAnswer,
  classAnswers,
  classRows,
  planClassRows,
  plannedClass,
  SELF_CLASS,
  type RankingClass,
} from '../../src/export/classes.js';
import { exportRows } from '../../src/export/decided-rows.js';
import type { ExportSource } from '../../src/export/render.js';
import { random } from '../helpers/capacity-instances.js';

const POPS = new Map([
  [64701, 'z.example'],
  [64702, 'y.example'],
  [64703, 'w.example'],
]);
const SELF = 'x.example';
const ANSWERS = [SELF, ...POPS.values()];

/** A random table: prefixes inside 10.0.0.0/16, some with POPs on their best path, some with a whole ranking. */
function randomTable(next: () => number) {
  const b = new DecidedTableBuilder();
  const seen = new Set<string>();
  for (let i = 0; i < 14; i++) {
    const length = 16 + Math.floor(next() * 9);
    const network = (((10 << 24) >>> 0) + Math.floor(next() * 65536)) & ~(2 ** (32 - length) - 1);
    const key = `${network}/${length}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const asns = [...POPS.keys()].filter(() => next() < 0.4).sort(() => next() - 0.5);
    if (next() < 0.5) b.add4(network >>> 0, length, Uint32Array.from(asns), asns.length, 0);
    else {
      // A ranking: the best path's POPs, then others and self somewhere among them.
      const ranked = [...asns.slice(0, 1), ...asns.slice(1)];
      const at = Math.floor(next() * (ranked.length + 1));
      const pairs = [...ranked.slice(0, at), RANKED_SELF, ...ranked.slice(at)].flatMap((asn, k) => [asn, k]);
      b.add4(network >>> 0, length, Uint32Array.from(asns.slice(0, 1)), Math.min(1, asns.length), 0, Uint32Array.from(pairs), pairs.length);
    }
  }
  return b.build();
}

function randomPlan(next: () => number): PlanEntry[] {
  return Array.from({ length: Math.floor(next() * 5) }, (_, i) => {
    const length = 16 + Math.floor(next() * 9);
    const network = (((10 << 24) >>> 0) + Math.floor(next() * 65536)) & ~(2 ** (32 - length) - 1);
    return {
      prefix: { family: 4, network: network >>> 0, length } as Prefix,
      pop: ANSWERS[Math.floor(next() * ANSWERS.length)]!,
      untilMs: undefined,
      line: i + 1,
    };
  });
}

const rowsOf = (rows: Iterable<{ cidr: string; answer: string }>) =>
  [...rows].map((r) => ({ prefix: parsePrefix(r.cidr)!, value: r.answer }));

/** An address in 10.0.0.0/8, where the random tables lie. */
function randomAddress(next: () => number) {
  const value = (((10 << 24) >>> 0) + Math.floor(next() * 65536 * 256)) >>> 0;
  return parseClientAddress(`${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`)!;
}

/** A random table, plan and set of POPs out, with the flat export's blocks under them. */
function randomCase(next: () => number) {
  const table = randomTable(next);
  const plan = randomPlan(next);
  const out = new Set(ANSWERS.filter((a) => a !== SELF && next() < 0.3));
  const unavailable = (_asn: number, answer: string) => (out.has(answer) ? 'drained' : undefined);
  return { table, plan, unavailable, flat: rowsOf(exportRows(table, { pops: POPS, self: SELF, unavailable, plan }, true)) };
}

describe('ranking classes: the table and the state apart', () => {
  it('a class and its answer now give every address the answer the flat export gives: 200 random tables, plans and states', () => {
    const next = random(11);
    for (let round = 0; round < 200; round++) {
      const { table, plan, unavailable, flat } = randomCase(next);
      const seen = new Set<RankingClass>();
      // The class table is made without the state: the same whatever is out.
      const classed = rowsOf(classRows(table, POPS, SELF, plan, seen, true));
      const answerOf = new Map(classAnswers(seen, POPS, SELF, unavailable).map((c) => [c.ranking, c.answer]));
      for (let k = 0; k < 200; k++) {
        const address = randomAddress(next);
        const [f] = flat.filter((r) => prefixContains(r.prefix, address));
        const c = classed.filter((r) => prefixContains(r.prefix, address));
        expect(c).toHaveLength(1);
        expect({ address: address.text, answer: answerOf.get(c[0]!.value as RankingClass) }).toEqual({
          address: address.text,
          answer: f!.value,
        });
      }
    }
  });

  it('the plan’s table looked up first, the routes’ class table after it: the flat answer at every address, 200 random tables, plans and states', () => {
    const next = random(12);
    for (let round = 0; round < 200; round++) {
      const { table, plan, unavailable, flat } = randomCase(next);
      const seen = new Set<RankingClass>();
      // The routes' table knows nothing of the plan: a plan change leaves it as it is.
      const routed = rowsOf(classRows(table, POPS, SELF, [], seen, true));
      const planned = rowsOf(planClassRows(table, POPS, SELF, plan, seen));
      const answerOf = new Map(classAnswers(seen, POPS, SELF, unavailable).map((c) => [c.ranking, c.answer]));
      for (let k = 0; k < 200; k++) {
        const address = randomAddress(next);
        const [f] = flat.filter((r) => prefixContains(r.prefix, address));
        const p = planned.filter((r) => prefixContains(r.prefix, address));
        const c = routed.filter((r) => prefixContains(r.prefix, address));
        expect(p.length).toBeLessThanOrEqual(1);
        const ranking = (p[0] ?? c[0])!.value as RankingClass;
        expect({ address: address.text, answer: answerOf.get(ranking) }).toEqual({ address: address.text, answer: f!.value });
      }
      // A few lines, however big the table: one block or a handful per plan line.
      expect(planned.length).toBeLessThanOrEqual(plan.length * 40);
    }
  });

  it('rangesBetween: the ranges of the whole walk that meet a span, clipped to it', () => {
    const next = random(13);
    for (let round = 0; round < 200; round++) {
      const table = randomTable(next);
      const all = [...table.ranges(4)];
      // Mostly inside the table's 10.0.0.0/16, where the prefixes nest.
      const a = (((10 << 24) >>> 0) + Math.floor(next() * 65536 * 1.2)) >>> 0;
      const b = Math.min(2 ** 32 - 1, a + Math.floor(next() * 2 ** (4 + Math.floor(next() * 14))));
      const clipped = all
        .filter((r) => (r.last as number) >= a && (r.first as number) <= b)
        .map((r) => ({ ...r, first: Math.max(r.first as number, a), last: Math.min(r.last as number, b) }));
      expect([...table.rangesBetween(4, a, b)]).toEqual(clipped);
    }
  });

  it('a plan line puts its POP first, falls back along the routes, and names self or nothing plainly', () => {
    expect(plannedClass('w.example', '64702-64701' as RankingClass, POPS, SELF)).toBe('64703-64702-64701');
    expect(plannedClass('z.example', '64702-64701' as RankingClass, POPS, SELF)).toBe('64701-64702');
    expect(plannedClass(SELF, '64702' as RankingClass, POPS, SELF)).toBe(SELF_CLASS);
    expect(plannedClass('nowhere.example', '64702' as RankingClass, POPS, SELF)).toBeUndefined();
    expect(classAnswer('64701-64702' as RankingClass, POPS, SELF, (asn) => (asn === 64701 ? 'down' : undefined))).toBe('y.example');
    expect(classAnswer('64701' as RankingClass, POPS, SELF, () => 'down')).toBe(SELF);
  });

  it('answers files: HAProxy and nginx beside the big one; gdnsd keeps the operator’s own admin_state lines', () => {
    expect(answersFileOf('haproxy-classes', '/etc/haproxy/supersparrow-class.map', '/x')).toBe(
      '/etc/haproxy/supersparrow-class.answers.map',
    );
    expect(answersFileOf('nginx-classes', '/etc/nginx/pop', '/x')).toBe('/etc/nginx/pop.answers');
    expect(answersFileOf('gdnsd-classes', '/etc/gdnsd/geoip/a.nets', '/var/lib/gdnsd/admin_state')).toBe('/var/lib/gdnsd/admin_state');
    const b = new DecidedTableBuilder();
    const p = parsePrefix('192.168.193.0/24')!;
    b.add4(p.network as number, p.length, Uint32Array.from([64702]), 1, 0);
    const source: ExportSource = {
      view: { table: b.build(), pathOf: () => [] },
      rules: { pops: POPS, self: SELF, unavailable: (asn) => (asn === 64702 ? 'drained' : undefined), plan: [] },
      out: [{ asn: 64702, answer: 'y.example', why: 'drained\x1b' }],
      description: 'test',
      generated: new Date(0),
    };
    const seen = new Set<RankingClass>();
    const nets = [...classPieces('gdnsd-classes', source, '/state/admin_state', seen)].join('');
    expect(nets).toMatch(/^"192\.168\.193\.0\/24" => \[ "y\.example", "x\.example" \]$/m);
    const mine = '"*/dc-old" => DOWN\n# supersparrow begin: old\n"geoip/*/z.example" => DOWN\n# supersparrow end\nfoo/bar => UP\n';
    const state = answersText(
      'gdnsd-classes',
      source,
      seen,
      mine.replace(
        '# supersparrow begin: old',
        '# supersparrow begin: POPs out now, kept by supersparrow --serve; lines outside this block are yours and kept',
      ),
    );
    expect(state).toBe(
      '"*/dc-old" => DOWN\nfoo/bar => UP\n# supersparrow begin: POPs out now, kept by supersparrow --serve; lines outside this block are yours and kept\n# AS64702: drained\\x1b\n"geoip/*/y.example" => DOWN\n# supersparrow end\n',
    );
    expect(answersText('haproxy-classes', source, seen).split('\n').slice(2)).toEqual(['self x.example', '64702 x.example', '']);
    expect(answersText('nginx-classes', source, seen).split('\n').slice(2)).toEqual([
      'default x.example;',
      'self x.example;',
      '64702 x.example;',
      '',
    ]);
  });
});
