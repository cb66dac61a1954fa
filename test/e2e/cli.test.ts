import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { MapProgram, runCli, writeConfig, testbedConfigLines } from '../helpers/cli.js';
import { startFrrTestbed } from '../helpers/frr-testbed.js';
import { mrtDump } from '../helpers/mrt-writer.js';
import { scratchDir } from '../helpers/scratch.js';
import { random as xorshift } from '../helpers/capacity-instances.js';

const EXAMPLE_CONFIG = fileURLToPath(new URL('../../examples/supersparrow.conf', import.meta.url));
const X = 'www.x.example.net';
const Y = 'www.y.example.net';

const programs: MapProgram[] = [];
afterEach(() => {
  for (const p of programs.splice(0)) p.kill();
});

function batch(extra: readonly string[] = []): MapProgram {
  const p = new MapProgram(['--config', EXAMPLE_CONFIG, '--batch', ...extra]);
  programs.push(p);
  return p;
}

describe('batch mode: the RewriteMap prg: contract', () => {
  it('answers the paper example with an empty environment and cwd /', async () => {
    const map = batch();
    expect((await map.ask('192.168.193.15')).answer).toBe(Y);
    expect((await map.ask('192.168.192.10')).answer).toBe(X);
    expect((await map.ask('2001:db8:193::1')).answer).toBe(Y);
  });

  it('runs directly through bin/supersparrow with no PATH', async () => {
    const map = new MapProgram(['--config', EXAMPLE_CONFIG, '--batch'], { direct: true });
    programs.push(map);
    expect((await map.ask('192.168.193.15')).answer).toBe(Y);
  });

  it('gives exactly one line per key whatever the key, and nothing else on stdout', async () => {
    const map = batch();
    const keys: Array<[Buffer, string]> = [
      [Buffer.from(''), 'NULL'],
      [Buffer.from('   '), 'NULL'],
      [Buffer.from('192.168.193.15\r'), Y],
      [Buffer.from('  192.168.193.15  '), Y],
      [Buffer.from('garbage'), 'NULL'],
      [Buffer.from('1.2.3.4, 5.6.7.8'), 'NULL'],
      [Buffer.from('a\rb'), 'NULL'],
      [Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xe9]), 'NULL'],
      [Buffer.from('9'.repeat(8192)), 'NULL'],
      [Buffer.from('x'.repeat(100_000)), 'NULL'],
      [Buffer.from('fe80::1%eth0'), 'NULL'],
      [Buffer.from('192.168.193.15; show running-config'), 'NULL'],
      [Buffer.from('"}{|$1 %{REMOTE_ADDR}'), 'NULL'],
      [Buffer.from('::ffff:192.168.193.15'), Y],
      [Buffer.from('10.1.2.3'), 'www.z.example.net'],
    ];
    for (const [key, expected] of keys) expect((await map.ask(key)).answer).toBe(expected);
    const status = await map.end();
    expect(status.code).toBe(0);
    expect(map.stdout).toBe(keys.map(([, e]) => `${e}\n`).join(''));
    expect(map.stderr).toMatch(/supersparrow\[\d+\]: ignored a key that is not an IP address/);
  });

  it('rate-limits the warnings about bad keys and counts them', async () => {
    const map = batch();
    for (let i = 0; i < 50; i++) map.child.stdin.write(`bad-key-${i}\n`);
    await map.waitForLines(50);
    await map.end();
    expect(map.stderr.match(/ignored a key/g)?.length).toBe(1);
    expect(map.stderr).toMatch(/invalid_keys=50/);
  });

  it('answers self for bad keys when invalid_key self is set', async () => {
    const map = batch(['--invalid-key', 'self']);
    expect((await map.ask('garbage')).answer).toBe(X);
  });

  it('keeps order over a burst of piped keys', async () => {
    const map = batch();
    const keys = Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? '192.168.193.15' : i % 3 === 1 ? 'junk' : '10.1.2.3'));
    map.child.stdin.write(`${keys.join('\n')}\n`);
    const lines = await map.waitForLines(keys.length);
    expect(lines).toEqual(keys.map((k) => (k === 'junk' ? 'NULL' : k === '10.1.2.3' ? 'www.z.example.net' : Y)));
  });

  it.each([['EOF'], ['SIGTERM'], ['SIGHUP']] as const)('exits 0 within a second on %s', async (how) => {
    const map = batch();
    expect((await map.ask('192.168.193.15')).answer).toBe(Y);
    const status = how === 'EOF' ? await map.end() : await map.signal(how);
    expect(status.code).toBe(0);
    expect(status.ms).toBeLessThan(1000);
  });

  it('exits 0 quietly when the reader goes away', async () => {
    const map = batch();
    map.child.stdout.destroy();
    map.child.stdin.write('192.168.193.15\n192.168.193.15\n');
    const status = await map.end(2000);
    expect(status.code).toBe(0);
    expect(map.stderr).not.toMatch(/EPIPE|Error/);
  });

  it('answers an unterminated last line at end of input', async () => {
    const { stdout, code } = await runCli(['--config', EXAMPLE_CONFIG], '192.168.193.15\n10.9.9.9');
    expect(code).toBe(0);
    expect(stdout).toBe(`${Y}\n${X}\n`);
  });
});

describe('batch mode: promises kept under faults', () => {
  it('goes on answering when its stderr pipe breaks', async () => {
    const map = batch(['--verbose']);
    expect((await map.ask('192.168.193.15')).answer).toBe(Y);
    map.child.stderr.destroy();
    for (let i = 0; i < 50; i++) expect((await map.ask(i % 2 ? 'garbage' : '192.168.192.10')).answer).toBe(i % 2 ? 'NULL' : X);
    expect((await map.end()).code).toBe(0);
  });

  it('answers NULL for a key over 8 KB, whatever it starts with', async () => {
    const map = batch();
    expect((await map.ask(`192.168.193.15${' '.repeat(8200)}x`)).answer).toBe('NULL');
    expect((await map.ask('192.168.193.15')).answer).toBe(Y);
  });

  it('prints no Node warnings, only its own lines, with a slow reader', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => (i % 3 ? '192.168.193.15' : '192.168.192.10')).join('\n');
    const { code, stdout, stderr } = await runCli(['-c', EXAMPLE_CONFIG, '--batch'], `${keys}\n`);
    expect(code).toBe(0);
    expect(stdout.split('\n').length - 1).toBe(20_000);
    expect(stderr.split('\n').filter((l) => l !== '' && !l.startsWith('supersparrow['))).toEqual([]);
  });

  it.each(['table', 'mrt'])('refuses a %s that is not a regular file, at once, with status 2', async (type) => {
    const { code, stderr } = await runCli(
      ['--route-server', type, '--table', '/dev/zero', '--peer', '64702=y.example', '--batch'],
      '192.0.2.1\n',
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/\/dev\/zero.*not a regular file/);
  });

  it('ends with status 2 when the MRT dump it starts with is broken, in batch and one-shot mode', async () => {
    const dir = scratchDir('broken-mrt');
    writeFileSync(join(dir, 'rib.mrt'), Buffer.from('not an mrt dump, just text that goes on for a while'));
    const config = writeConfig(join(dir, 'supersparrow.conf'), [
      'route_server mrt',
      'table rib.mrt',
      'peer 64702=y.example',
      'self x.example',
    ]);
    const piped = await runCli(['-c', config, '--batch'], '192.0.2.1\n');
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(/cannot load the route table: .*rib\.mrt/);
    const once = await runCli(['-c', config, '192.0.2.1']);
    expect(once.code).toBe(2);
    expect(once.stderr).toMatch(/^supersparrow: .*rib\.mrt/);
  });
});

describe('one-shot mode and configuration errors', () => {
  it('prints one answer per address and exits 0', async () => {
    const { code, stdout } = await runCli(['-c', EXAMPLE_CONFIG, '192.168.193.15', '203.0.113.9']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${Y}\n${X}\n`);
  });

  it('exits 1 for an address it cannot read', async () => {
    const { code, stdout, stderr } = await runCli(['-c', EXAMPLE_CONFIG, 'not-an-ip']);
    expect(code).toBe(1);
    expect(stdout).toBe('NULL\n');
    expect(stderr).toMatch(/not an IP address/);
  });

  it('lets the command line override the file, with underscores or dashes', async () => {
    expect((await runCli(['-c', EXAMPLE_CONFIG, '--self=other.example', '203.0.113.9'])).stdout).toBe('other.example\n');
    expect((await runCli(['-c', EXAMPLE_CONFIG, '--peer', '64702=p.example', '192.168.193.15'])).stdout).toBe('p.example\n');
    expect((await runCli(['-c', EXAMPLE_CONFIG, '--cache_size', '0', '192.168.193.15'])).stdout).toBe(`${Y}\n`);
  });

  it('names the file, line and fix for a bad config line, and exits 2', async () => {
    const dir = scratchDir('cli');
    const bad = writeConfig(join(dir, 'bad.conf'), ['route_server table', 'table x', 'cache_timeout soon']);
    const { code, stderr, stdout } = await runCli(['-c', bad, '1.2.3.4']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`supersparrow: ${bad}:3: "cache_timeout" needs a number of seconds (from 0 to 31536000); got "soon"\n`);
  });

  it('names a missing config file and a missing route table', async () => {
    expect((await runCli(['-c', '/nonexistent.conf', '1.2.3.4'])).stderr).toMatch(/cannot read config file \/nonexistent.conf/);
    const r = await runCli(['-c', EXAMPLE_CONFIG, '--table', '/nonexistent.table', '1.2.3.4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read route table \/nonexistent.table/);
    const mrt = await runCli(['-c', EXAMPLE_CONFIG, '--route-server', 'mrt', '--table', '/nonexistent.mrt', '1.2.3.4']);
    expect(mrt.code).toBe(2);
    expect(mrt.stderr).toMatch(/^supersparrow: cannot read MRT file \/nonexistent.mrt: .*check the "table" directive/);
  });

  it('rejects unknown options with a hint', async () => {
    const { code, stderr } = await runCli(['--bogus']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown option '--bogus'/);
  });

  it('prints its version and help', async () => {
    const version = await runCli(['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(version.code).toBe(0);
    const help = (await runCli(['--help'])).stdout;
    for (const option of [
      '--config',
      '--route-server',
      '--peer',
      '--self',
      '--batch',
      '--deadline',
      '--password-file',
      '--table',
      '--verbose',
    ]) {
      expect(help).toContain(option);
    }
  });
});

/** The supersparrow process started under `script`, found among its descendants. */
function programUnder(root: number): number {
  const children = (pid: number): number[] =>
    readdirSync('/proc')
      .filter((e) => /^\d+$/.test(e))
      .filter((e) => {
        try {
          const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
        } catch {
          return false;
        }
      })
      .map(Number);
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (argv[0] === process.execPath && argv[1]?.endsWith('bin/supersparrow')) return pid;
    } catch {
      /* gone */
    }
    queue.push(...children(pid));
  }
  throw new Error('supersparrow not found under script');
}

describe('interactive mode, on a real pseudo-terminal (script(1))', () => {
  /** Types each input in turn; a function input acts on the pid of the program under the terminal. */
  function session(
    env: NodeJS.ProcessEnv,
    inputs: Array<string | ((pid: number) => void)>,
    config = EXAMPLE_CONFIG,
  ): Promise<{ out: string; code: number | null }> {
    return new Promise((resolve) => {
      const command = `${process.execPath} ${fileURLToPath(new URL('../../bin/supersparrow', import.meta.url))} -c ${config}`;
      const child = spawn('script', ['-qec', command, '/dev/null'], { env: { TERM: 'xterm-256color', ...env } });
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      let i = 0;
      const next = (): void => {
        if (i >= inputs.length) return;
        const input = inputs[i++]!;
        if (typeof input === 'string') child.stdin.write(input);
        else input(programUnder(child.pid!));
        setTimeout(next, 300);
      };
      setTimeout(next, 500);
      const killer = setTimeout(() => child.kill('SIGKILL'), 8000);
      child.once('close', (code) => {
        clearTimeout(killer);
        resolve({ out, code });
      });
    });
  }

  it('answers with a highlighted explanation and stops at quit', async () => {
    const { out, code } = await session({}, ['192.168.193.15\r', 'quit\r']);
    expect(code).toBe(0);
    expect(out).toContain('address> ');
    expect(out).toContain(Y);
    expect(out).toContain('\x1b[1m\x1b[32m64702\x1b[39m\x1b[22m 64602');
  }, 15_000);

  it('shows the POPs at status, a drained one in yellow with why, as an aligned table', async () => {
    const dir = scratchDir('interactive-status');
    const drain = join(dir, 'drain');
    writeFileSync(drain, 'AS64702 2099-01-01T00:00Z\n');
    const config = writeConfig(join(dir, 'supersparrow.conf'), [
      ...readFileSync(EXAMPLE_CONFIG, 'utf8')
        .split('\n')
        .map((l) => l.replace(/^table /, `table ${fileURLToPath(new URL('../../examples/', import.meta.url))}`)),
      `drain_file ${drain}`,
    ]);
    const { out, code } = await session({}, ['status\r', 'quit\r'], config);
    expect(code).toBe(0);
    const plain = out.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
    expect(plain).toMatch(/POP {16}AS {7}state {4}since {2}why\r?\n/);
    expect(plain).toMatch(/www\.y\.example\.net {2}AS64702 {2}drained {2}- {6}drained until 2099-01-01T00:00:00\.000Z/);
    expect(out).toContain('\x1b[33mdrained\x1b[39m');
    expect(out).toContain('\x1b[32mup     \x1b[39m');
    expect(plain).toContain('route server table');
  }, 15_000);

  it('reloads an MRT dump on SIGHUP', async () => {
    const dir = scratchDir('interactive-mrt');
    writeFileSync(
      join(dir, 'rib.mrt'),
      mrtDump([{ address: '127.0.0.3', asn: 64702 }], [{ prefix: '192.168.193.0/24', entries: [{ peer: 0, path: [64702, 64602] }] }]),
    );
    const config = writeConfig(join(dir, 'supersparrow.conf'), [
      'route_server mrt',
      'table rib.mrt',
      'peer 64702=y.example',
      'self x.example',
    ]);
    const { out, code } = await session(
      { NO_COLOR: '1' },
      ['192.168.193.15\r', (pid) => process.kill(pid, 'SIGHUP'), '192.168.193.16\r', 'quit\r'],
      config,
    );
    expect(code).toBe(0);
    expect(out).toContain('y.example');
    expect(out.match(/route server reloaded: mrt /g)?.length).toBe(2);
  }, 15_000);

  it('answers help and ?, edits the line, and recalls earlier lines with the up arrow', async () => {
    const { out, code } = await session({ NO_COLOR: '1' }, ['help\r', '?\r', '192.168.193.159', '\x7f', '\r', '\x1b[A', '\r', 'quit\r']);
    expect(code).toBe(0);
    expect(out.match(/Type a client address/g)?.length).toBe(2);
    expect(out).not.toMatch(/"help"|"\?"|not an IP address/);
    // Backspace made 192.168.193.15; the up arrow asked it again.
    expect(out.match(/answer +www\.y\.example\.net/g)?.length).toBe(2);
  }, 15_000);

  it('keeps its history in SUPERSPARROW_HISTORY across runs, and completes commands with Tab', async () => {
    const dir = scratchDir('interactive-history');
    const history = join(dir, 'state', 'history');
    await session({ NO_COLOR: '1', SUPERSPARROW_HISTORY: history }, ['10.1.2.3\r', 'quit\r']);
    expect(readFileSync(history, 'utf8')).toBe('10.1.2.3\nquit\n');
    // The next run recalls the address typed in the last one (past quit), and Tab completes "sta" to status.
    const { out, code } = await session({ NO_COLOR: '1', SUPERSPARROW_HISTORY: history }, ['\x1b[A\x1b[A\r', 'sta', '\t', '\r', 'quit\r']);
    expect(code).toBe(0);
    expect(out).toMatch(/answer +www\.z\.example\.net/);
    expect(out).toMatch(/POP +AS +state +since +why/);
  }, 15_000);

  it('goes on watching while it waits: a drain made while nobody types shows at the next status', async () => {
    const dir = scratchDir('interactive-watch');
    const drain = join(dir, 'drain');
    writeFileSync(drain, '');
    const config = writeConfig(join(dir, 'supersparrow.conf'), [
      ...readFileSync(EXAMPLE_CONFIG, 'utf8')
        .split('\n')
        .map((l) => l.replace(/^table /, `table ${fileURLToPath(new URL('../../examples/', import.meta.url))}`)),
      `drain_file ${drain}`,
    ]);
    const { out } = await session(
      { NO_COLOR: '1' },
      ['192.168.193.15\r', () => writeFileSync(drain, 'AS64702\n'), '', '', '', '192.168.193.15\r', 'quit\r'],
      config,
    );
    // The drain file is read by a timer: it was applied while the prompt waited, and logged there.
    expect(out).toMatch(/drain file .*: 1 drain in force/);
    expect(out.match(/answer +www\.x\.example\.net/g)?.length).toBe(1);
  }, 15_000);

  it('widens a prefix answer while the prompt waits, so the next address in it is a cache hit', async () => {
    const testbed = await startFrrTestbed();
    try {
      const dir = scratchDir('interactive-zebra');
      const config = writeConfig(join(dir, 'supersparrow.conf'), [...testbedConfigLines(testbed.vtyPort)]);
      const { out, code } = await session({ NO_COLOR: '1' }, ['192.168.193.15\r', '192.168.193.99\r', 'quit\r'], config);
      expect(code).toBe(0);
      expect(out).toMatch(/cache\s+miss[\s\S]*cache\s+hit \(192\.168\.193\.0\/24\)/);
      // No password configured: the person at the terminal is asked, and what is typed is not shown.
      const bare = writeConfig(
        join(dir, 'no-password.conf'),
        testbedConfigLines(testbed.vtyPort).filter((l) => !l.startsWith('password')),
      );
      const asked = await session({ NO_COLOR: '1' }, ['frub\r', '192.168.193.15\r', 'quit\r'], bare);
      expect(asked.code).toBe(0);
      expect(asked.out).toContain('password for 127.0.0.1 (Enter for none; password_file saves asking): ');
      expect(asked.out).not.toContain('frub');
      expect(asked.out).toMatch(/answer +www\.y\.example\.net/);
    } finally {
      await testbed.stop();
    }
  }, 60_000);

  it('an empty NO_COLOR keeps the colour', async () => {
    const { out } = await session({ NO_COLOR: '' }, ['192.168.193.15\r', 'quit\r']);
    expect(out).toContain('\x1b[1m\x1b[32m64702');
  }, 15_000);

  it('stops at end of input, and NO_COLOR removes the colour', async () => {
    const { out, code } = await session({ NO_COLOR: '1' }, ['10.1.2.3\r', '\x04']);
    expect(code).toBe(0);
    expect(out).toContain('www.z.example.net');
    // Line editing moves the cursor with escape codes; colour would be SGR codes.
    expect(out).not.toMatch(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`));
  }, 15_000);
});

describe('batch mode under random input', () => {
  it('answers 3000 random keys, one line each, in order, only with known answers', async () => {
    // xorshift32: exact in integers, unlike a product past 2^53.
    const next = xorshift(7);
    const random = (n: number): number => Math.floor(next() * n);
    const valid = ['192.168.193.15', '10.1.2.3', '2001:db8:193::1', '203.0.113.9'];
    const keys: Buffer[] = [];
    for (let i = 0; i < 3000; i++) {
      if (i % 3 === 0) {
        keys.push(Buffer.from(valid[random(valid.length)]!));
        continue;
      }
      const bytes = Buffer.alloc(random(64));
      // Any byte but the newline that ends a key.
      for (let j = 0; j < bytes.length; j++) {
        let b = random(256);
        if (b === 10) b = 11;
        bytes[j] = b;
      }
      keys.push(bytes);
    }
    const map = batch();
    map.child.stdin.write(Buffer.concat(keys.flatMap((k) => [k, Buffer.from('\n')])));
    const lines = await map.waitForLines(keys.length, 10_000);
    const expected = new Map([
      ['192.168.193.15', Y],
      ['10.1.2.3', 'www.z.example.net'],
      ['2001:db8:193::1', Y],
      ['203.0.113.9', X],
    ]);
    lines.forEach((line, i) => {
      const key = keys[i]!.toString('latin1');
      expect(line).toBe(expected.get(key) ?? (/^[\s\0]*[0-9a-fA-F:.]+[\s\0]*$/.test(key) ? line : 'NULL'));
      expect(['NULL', X, Y, 'www.z.example.net']).toContain(line);
    });
    expect((await map.end()).code).toBe(0);
    expect(map.stdout.split('\n').length - 1).toBe(keys.length);
  });
});

describe('drain_file: a drained POP gets no new clients', () => {
  it('applies a drain within a second, an end time when it comes, and a removal', async () => {
    const dir = scratchDir('drain');
    const drain = join(dir, 'drain');
    writeFileSync(drain, '# nothing drained\n');
    const map = batch(['--drain-file', drain]);
    const answer = async (key: string): Promise<string> => (await map.ask(key)).answer;
    expect(await answer('192.168.193.15')).toBe(Y);
    expect(await answer('10.1.2.3')).toBe('www.z.example.net');
    const until = new Date(Date.now() + 2500).toISOString();
    writeFileSync(drain, `www.y.example.net\n64701 ${until}\n`);
    const within = async (key: string, expected: string, ms: number): Promise<number> => {
      const started = Date.now();
      while ((await answer(key)) !== expected) {
        if (Date.now() - started > ms) throw new Error(`${key} still not ${expected} after ${ms} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return Date.now() - started;
    };
    expect(await within('192.168.193.15', X, 1000)).toBeLessThanOrEqual(1000);
    // 10.1.2.3's path is 64702 64701 64605: with both drained, self.
    expect(await answer('10.1.2.3')).toBe(X);
    // 64701's drain ends by itself; Y's stays.
    await within('10.1.2.3', 'www.z.example.net', 4000);
    expect(await answer('192.168.193.15')).toBe(X);
    writeFileSync(drain, '');
    await within('192.168.193.15', Y, 1000);
    expect(map.stderr).toMatch(/drain file .*drain: 2 drains in force\n/);
    expect(map.stderr).toMatch(
      /POP AS64702 \(www\.y\.example\.net\) down: drained; it takes no new clients; \d+ cached answers? forgotten/,
    );
    expect(map.stderr).toMatch(/POP AS64701 \(www\.z\.example\.net\) up again after [\d.]+ m?s; \d+ cached answers? forgotten/);
  }, 15_000);
});
