import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, DEFAULT_CONFIG } from '../../src/config/config.js';
import { loadConfigFile } from '../../src/config/files.js';
import { applyOptionValues, parseConfigText, resolveConfig } from '../../src/config/parse.js';
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
    const { settings } = parse(
      [
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
      ].join('\n'),
    );
    expect(settings).toMatchObject({
      routeServer: 'zebra',
      hosts: ['localhost'],
      port: 2605,
      password: 'frub',
      self: 'www.x.apache-test.supersparrow',
      batch: true,
      cacheSize: 16,
      cacheTimeoutMs: 10_000,
      timeoutMs: 60_000,
    });
    expect([...settings.pops!]).toEqual([
      [64700, 'www.x.apache-test.supersparrow'],
      [64702, 'www.y.apache-test.supersparrow'],
    ]);
  });

  it('accepts asdot and 4-byte peers, repeated peer lines, dashes and quotes', () => {
    const { settings } = parse('peer 1.10=a.example\npeer 4200000001=b.example\nroute-server "table"\ntable routes.txt\ndebug off');
    expect([...settings.pops!]).toEqual([
      [65546, 'a.example'],
      [4200000001, 'b.example'],
    ]);
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
    ['self two words', /"self" must be a host name or address/],
    ['cache_size -1', /"cache_size" must be from 0 to 100000000 entries; got "-1"/],
    ['peer 64700=http://www.x.example.net/', /the result for AS 64700 must be a host name or address, optionally with :PORT/],
    ['peer 64700=www.x.example.net;64702=www.y.example.net', /the result for AS 64700 must be a host name or address/],
    ['peer 64700=www.x.example.net:99999', /must be a host name or address/],
    ['peer 0=www.x.example.net', /AS 0 is reserved \(RFC 7607\).*give the POP's own AS number/],
    ['peer 23456=www.x.example.net', /AS 23456 is AS_TRANS/],
    ['peer 64700=a.example\npeer 64700=b.example', /:2: AS 64700 already has an answer \(a.example\) on an earlier "peer"/],
    ['timeout 2147484', /"timeout" must be from 0.001 to 2147483 seconds; got "2147484"/],
    ['deadline 2147483648', /"deadline" must be from 1 to 2147483647 milliseconds/],
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

describe('answers', () => {
  it.each([
    'NULL',
    'www.y.example.net',
    'www.y.example.net.',
    'pop-y:8080',
    '192.0.2.7',
    '192.0.2.7:8443',
    '2001:db8::7',
    '[2001:db8::7]:8080',
  ])('accepts %s as an answer', (answer) => {
    expect(parse(`self ${answer}`).settings.self).toBe(answer);
  });
});

describe('command-line values', () => {
  const apply = (values: Record<string, string | string[] | boolean>) => applyOptionValues(new Map(Object.entries(values)), '/work');

  it('applies each value directly, naming the option in errors', () => {
    expect(() => apply({ port: 'abc' })).toThrow(/^option --port: "port" needs a TCP port number/);
    expect(() => apply({ cache_timeout: 'soon' })).toThrow(/^option --cache-timeout: /);
  });

  it('cannot be made to inject a directive or a router command with a line break', () => {
    expect(() => apply({ self: 'x.example\nroute_server table' })).toThrow(/^option --self: "self" must be a host name/);
    expect(() => apply({ password: 'secret\nshow running-config' })).toThrow(/^option --password: "password" must be one line/);
    expect(() => apply({ username: 'u\rconfigure terminal' })).toThrow(/"username" must be one line/);
  });

  it("keeps every value of a repeated option, and replaces the file's list with them", () => {
    const cli = apply({ host: ['192.0.2.1', '192.0.2.2'], peer: ['64700=x.example', '64702=y.example'], table: 'rib.mrt', batch: true });
    expect(cli.settings).toMatchObject({ hosts: ['192.0.2.1', '192.0.2.2'], table: '/work/rib.mrt', batch: true });
    const { config } = resolveConfig([parse('host 198.51.100.1\npeer 64701=z.example'), cli]);
    expect(config.hosts).toEqual(['192.0.2.1', '192.0.2.2']);
    expect([...config.pops]).toEqual([
      [64700, 'x.example'],
      [64702, 'y.example'],
    ]);
  });

  it('warns when no POP is configured at all', () => {
    expect(resolveConfig([parse('host 192.0.2.1')]).warnings).toEqual([
      'no POP is configured, so every answer is self: add "peer AS=host,..." to the config file or give --peer',
    ]);
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

  it('refuses a second capacity line for one POP, naming both lines', () => {
    expect(() => parse('peer 64702=www.y.example.net\ncapacity www.y.example.net 800/s\ncapacity WWW.Y.example.net 900/s')).toThrow(
      /supersparrow\.conf:3: "capacity" for WWW\.Y\.example\.net is already given \(\/etc\/supersparrow\.conf:2\): one line per POP/,
    );
    expect(parse('capacity www.y.example.net 800/s\ncapacity www.z.example.net 900/s')).toBeDefined();
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
    expect(resolveConfig([parseConfigText(`password_file ${secret}\npeer 64702=y.example`, 'x.conf', dir)]).warnings).toEqual([]);
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
    expect(() => loadConfigFile('/nonexistent/supersparrow.conf', true)).toThrow(
      /cannot read config file \/nonexistent\/supersparrow.conf/,
    );
  });
});
