import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, DEFAULT_CONFIG, loadConfigFile, parseConfigText, resolveConfig } from '../../src/config/config.js';
import { scratchDir } from '../helpers/scratch.js';

const parse = (text: string) => parseConfigText(text, '/etc/supersparrow.conf', '/etc');

function errorOf(text: string): string {
  try {
    parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('config file', () => {
  it('reads the original sample directives', () => {
    const { settings } = parse([
      '# POP X',
      'route_server zebra',
      'host localhost',
      'port bgpd',
      'password frub',
      'peer 64700=www.x.apache-test.supersparrow,64702=www.y.apache-test.supersparrow',
      'self www.x.apache-test.supersparrow',
      'batch',
      'cache_size 16',
      'cache_timeout 10',
      'timeout 60',
    ].join('\n'));
    expect(settings).toMatchObject({
      routeServer: 'zebra', hosts: ['localhost'], port: 2605, password: 'frub', self: 'www.x.apache-test.supersparrow',
      batch: true, cacheSize: 16, cacheTimeoutMs: 10_000, timeoutMs: 60_000,
    });
    expect([...settings.peers!]).toEqual([[64700, 'www.x.apache-test.supersparrow'], [64702, 'www.y.apache-test.supersparrow']]);
  });

  it('accepts asdot and 4-byte peers, repeated peer lines, dashes and quotes', () => {
    const { settings } = parse('peer 1.10=a.example\npeer 4200000001=b.example\nroute-server "table"\ntable routes.txt\ndebug off');
    expect([...settings.peers!]).toEqual([[65546, 'a.example'], [4200000001, 'b.example']]);
    expect(settings.routeServer).toBe('table');
    expect(settings.table).toBe('/etc/routes.txt');
    expect(settings.debug).toBe(false);
  });

  it('reads CRLF line ends and a byte-order mark', () => {
    expect(parse('\uFEFFhost 192.0.2.1\r\ncache_size 16\r\n').settings).toMatchObject({ hosts: ['192.0.2.1'], cacheSize: 16 });
  });

  it('warns about the original directives that have no effect', () => {
    expect(parse('result_count 3\nno_lookup 0').warnings).toEqual([
      '/etc/supersparrow.conf:1: "result_count" has no effect in this version; ignored',
      '/etc/supersparrow.conf:2: "no_lookup" has no effect in this version; ignored',
    ]);
  });

  it.each([
    ['\n\nport 99999', /^\/etc\/supersparrow\.conf:3: "port" needs a TCP port number .*got "99999"/],
    ['port nosuchservice', /:1: "port" needs a TCP port number/],
    ['peer 64700', /:1: "peer" needs AS=result pairs .*"64700" is not one/],
    ['peer 64700=a,64700=b', /AS 64700 is listed twice/],
    ['peer 70000.1=a', /is not one/],
    ['self two words', /"self" must be one word/],
    ['cache_size -1', /"cache_size" needs a whole number of entries/],
    ['cache_size 1.5', /whole number/],
    ['timeout soon', /"timeout" needs a number of seconds/],
    ['route_server ios', /"route_server" must be one of zebra, frr-json, cisco, gated, bird, table, mrt; got "ios"/],
    ['host a b', /"host" needs host names or addresses/],
    ['host 10.0.0.1:nosuchservice', /"host" needs host names/],
    ['mrt_peer nobody', /"mrt_peer" needs a peer address or AS number/],
    ['batch maybe', /"batch" is a flag/],
    ['colour blue', /unknown directive "colour"; expected one of route_server, host/],
    ['host', /"host" needs a value: host HOST/],
    ['= 3', /expected "name value"/],
    ['invalid_key maybe', /"invalid_key" must be null or self/],
  ])('%j is refused with file, line and fix', (text, message) => {
    expect(errorOf(text)).toMatch(message);
  });
});

describe('layers', () => {
  it('lets later layers win and keeps defaults elsewhere', () => {
    const file = parse('host 192.0.2.1\nhost 192.0.2.2:2606, [2001:db8::1]:bgpd\ncache_size 16');
    const cli = parseConfigText('cache_size 32', 'command line', '/');
    const { config } = resolveConfig([file, cli]);
    expect(config.hosts).toEqual(['192.0.2.1', '192.0.2.2:2606', '[2001:db8::1]:bgpd']);
    expect(resolveConfig([file, parseConfigText('host 198.51.100.1', 'command line', '/')]).config.hosts).toEqual(['198.51.100.1']);
    expect(config.cacheSize).toBe(32);
    expect(config.deadlineMs).toBe(DEFAULT_CONFIG.deadlineMs);
    expect(config.deadlineMs).toBeLessThanOrEqual(500);
  });

  it('needs a table file for route_server table', () => {
    expect(() => resolveConfig([parse('route_server table')])).toThrow(/needs a route table: add "table FILE"/);
  });

  it('reads password_file and warns when others can read it', () => {
    const dir = scratchDir('config');
    const secret = join(dir, 'secret');
    writeFileSync(secret, 'frub\n');
    chmodSync(secret, 0o644);
    const { config, warnings } = resolveConfig([parseConfigText(`password inline\npassword_file ${secret}`, 'x.conf', dir)]);
    expect(config.password).toBe('frub');
    expect(warnings.join('\n')).toMatch(/readable by group or others .*chmod 600/);
    chmodSync(secret, 0o600);
    expect(resolveConfig([parseConfigText(`password_file ${secret}`, 'x.conf', dir)]).warnings).toEqual([]);
  });

  it('warns about a config file holding a password that others can read', () => {
    const dir = scratchDir('config');
    const file = join(dir, 'supersparrow.conf');
    writeFileSync(file, 'password frub\n');
    chmodSync(file, 0o640);
    expect(loadConfigFile(file, true).warnings.join('\n')).toMatch(/holds a password but is readable/);
  });

  it('treats a missing default file as empty and a missing named file as an error', () => {
    expect(loadConfigFile('/nonexistent/supersparrow.conf', false).settings).toEqual({});
    expect(() => loadConfigFile('/nonexistent/supersparrow.conf', true)).toThrow(/cannot read config file \/nonexistent\/supersparrow.conf/);
  });
});
