import { describe, expect, it } from '@jest/globals';
import type { RankingClass } from '../../src/export/classes.js';
import { classLabel, pdnsZonesText } from '../../src/export/pdns-zones.js';

const naming = {
  names: ['www.example.net', 'api.example.net', 'cdn.example.org'],
  addresses: new Map([
    ['www.x.example.net', ['192.0.2.10', '2001:db8::10']],
    ['www.y.example.net', ['192.0.2.20']],
  ]),
  ttl: 30,
  zone: undefined,
};
const cls = (text: string) => text as RankingClass;

describe("PowerDNS's geoip zones file for mmdb-classes", () => {
  it('gives each class the records of its answer: addresses, a CNAME to a host without any, an address answer as it is, nothing for NULL', () => {
    const text = pdnsZonesText(
      '# head',
      [
        { ranking: cls('self'), answer: 'www.x.example.net' },
        { ranking: cls('64702'), answer: 'www.y.example.net:8080' },
        { ranking: cls('64703'), answer: 'www.w.example.net' },
        { ranking: cls('64704'), answer: '[2001:db8::44]:443' },
        { ranking: cls('64705'), answer: 'NULL' },
      ],
      naming,
    );
    expect(text).toBe(
      [
        '# head',
        'domains:',
        "- domain: 'example.net'",
        '  ttl: 30',
        '  records:',
        "    'self.supersparrow-class.example.net':",
        '      - a: 192.0.2.10',
        '      - aaaa: 2001:db8::10',
        "    '64702.supersparrow-class.example.net':",
        '      - a: 192.0.2.20',
        "    '64703.supersparrow-class.example.net':",
        '      - cname: www.w.example.net',
        "    '64704.supersparrow-class.example.net':",
        '      - aaaa: 2001:db8::44',
        "    '64705.supersparrow-class.example.net': []",
        '  services:',
        "    'www.example.net': '%ci.supersparrow-class.example.net'",
        "    'api.example.net': '%ci.supersparrow-class.example.net'",
        "- domain: 'example.org'",
        '  ttl: 30',
        '  records:',
        "    'self.supersparrow-class.example.org':",
        '      - a: 192.0.2.10',
        '      - aaaa: 2001:db8::10',
        "    '64702.supersparrow-class.example.org':",
        '      - a: 192.0.2.20',
        "    '64703.supersparrow-class.example.org':",
        '      - cname: www.w.example.net',
        "    '64704.supersparrow-class.example.org':",
        '      - aaaa: 2001:db8::44',
        "    '64705.supersparrow-class.example.org': []",
        '  services:',
        "    'cdn.example.org': '%ci.supersparrow-class.example.org'",
        '',
      ].join('\n'),
    );
  });

  it('serves a name in dns_zone when it holds it, however deep', () => {
    const text = pdnsZonesText('#', [{ ranking: cls('self'), answer: '192.0.2.1' }], {
      ...naming,
      names: ['a.b.example.net'],
      zone: 'example.net',
    });
    expect(text).toMatch(/^- domain: 'example\.net'$/m);
    expect(text).toMatch(/^ {4}'a\.b\.example\.net': '%ci\.supersparrow-class\.example\.net'$/m);
  });

  it('keeps a class a DNS label: past 63 characters, a digest of it, the same each time', () => {
    expect(classLabel(cls('64702-64701'))).toBe('64702-64701');
    const long = cls(Array.from({ length: 8 }, (_, k) => 4200000000 + k).join('-'));
    expect(long.length).toBeGreaterThan(63);
    expect(classLabel(long)).toMatch(/^c[0-9a-f]{32}$/);
    expect(classLabel(long)).toBe(classLabel(cls(long)));
    expect(classLabel(long)).not.toBe(classLabel(cls(`${long}-1`)));
  });
});
