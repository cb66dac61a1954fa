import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import type { CliIo, Signal } from '../../src/cli/process/io.js';
import { runModeOf } from '../../src/cli/commands/index.js';
import { colourWanted, main } from '../../src/cli/main.js';
import { buildProgram, givenOptions } from '../../src/cli/program.js';
import { writeConfig } from '../helpers/cli.js';
import { X, Y } from '../helpers/route-cases.js';
import { scratchDir } from '../helpers/scratch.js';

const VERSION = '9.8.7';
const EXAMPLE_CONFIG = fileURLToPath(new URL('../../examples/supersparrow.conf', import.meta.url));

/** The command line run in-process: streams in memory, signals from an emitter. */
class TestIo implements CliIo {
  readonly stdin = new PassThrough();
  readonly stdout = new PassThrough();
  readonly stderr: Writable;
  readonly signals = new EventEmitter();
  out = '';
  err = '';
  readonly env: Record<string, string | undefined> = {};
  readonly cwd = '/';

  constructor(stderr?: Writable) {
    this.stdout.on('data', (d: Buffer) => {
      this.out += d.toString('latin1');
    });
    if (stderr) this.stderr = stderr;
    else {
      const pass = new PassThrough();
      pass.on('data', (d: Buffer) => {
        this.err += d.toString();
      });
      this.stderr = pass;
    }
  }

  onSignal(signal: Signal, listener: () => void): void {
    this.signals.on(signal, listener);
  }
  offSignal(signal: Signal, listener: () => void): void {
    this.signals.off(signal, listener);
  }
}

describe('main(argv, io)', () => {
  it('answers addresses once even when the config asks for batch mode', async () => {
    const dir = scratchDir('main');
    const config = writeConfig(join(dir, 'batch.conf'), [
      'batch',
      `route_server table`,
      `table ${fileURLToPath(new URL('../../examples/paper-network.table', import.meta.url))}`,
      'peer 64702=www.y.example.net',
      `self ${X}`,
    ]);
    const io = new TestIo();
    expect(await main(['-c', config, '192.168.193.15'], io, VERSION)).toBe(0);
    expect(io.out).toBe(`${Y}\n`);
  });

  it('serves batch mode on a pipe until end of input, and stops on SIGTERM', async () => {
    const io = new TestIo();
    const status = main(['-c', EXAMPLE_CONFIG], io, VERSION);
    io.stdin.write('192.168.193.15\nnot an address\n');
    io.stdin.end('192.168.192.10\n');
    expect(await status).toBe(0);
    expect(io.out).toBe(`${Y}\nNULL\n${X}\n`);
    expect(io.err).toMatch(/end of input: lookups=3 /);

    const held = new TestIo();
    const running = main(['-c', EXAMPLE_CONFIG], held, VERSION);
    held.stdin.write('192.168.193.15\n');
    while (held.out === '') await new Promise((r) => setTimeout(r, 5));
    held.signals.emit('SIGTERM');
    expect(await running).toBe(0);
    expect(held.signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('goes on answering when its stderr is broken', async () => {
    const broken = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('EPIPE'));
      },
    });
    broken.on('error', () => undefined);
    const io = new TestIo(broken);
    const status = main(['-c', EXAMPLE_CONFIG, '--verbose'], io, VERSION);
    for (let i = 0; i < 20; i++) io.stdin.write(i % 2 ? 'garbage\n' : '192.168.193.15\n');
    io.stdin.end();
    expect(await status).toBe(0);
    expect(io.out.split('\n').length - 1).toBe(20);
  });

  it('names the option in a bad value, and refuses timers Node cannot set', async () => {
    for (const [argv, message] of [
      [['--port', 'abc'], /^supersparrow: option --port: "port" needs a TCP port number/],
      [['--deadline', '3000000000'], /^supersparrow: option --deadline: "deadline" must be from 1 to 2147483647 milliseconds/],
      [['--timeout', '1e9'], /^supersparrow: option --timeout: "timeout" must be from 0.001 to 2147483 seconds/],
    ] as const) {
      const io = new TestIo();
      expect(await main(['-c', EXAMPLE_CONFIG, ...argv, '192.0.2.1'], io, VERSION)).toBe(2);
      expect(io.err).toMatch(message);
      expect(io.out).toBe('');
    }
  });

  it('prints help and version on stdout with status 0, and usage errors with 2', async () => {
    const help = new TestIo();
    expect(await main(['--help'], help, VERSION)).toBe(0);
    expect(help.out).toMatch(/^Usage: supersparrow \[options\] \[ADDRESS\.\.\.\]/);
    const bad = new TestIo();
    expect(await main(['--bogus'], bad, VERSION)).toBe(2);
    expect(bad.err).toMatch(/unknown option '--bogus'/);
  });
});

describe('the command line', () => {
  it('keeps every value of a repeated option', () => {
    const program = buildProgram('0').exitOverride();
    program.parse(['-H', '192.0.2.1', '-H', '192.0.2.2:2606', '-P', '64700=x.example', '--peer', '64702=y.example', '-b'], {
      from: 'user',
    });
    const { values } = givenOptions(program);
    expect(values.get('host')).toEqual(['192.0.2.1', '192.0.2.2:2606']);
    expect(values.get('peer')).toEqual(['64700=x.example', '64702=y.example']);
    expect(values.get('batch')).toBe(true);
  });

  it('decides the run mode once: addresses mean one-shot', () => {
    const batch = { ...DEFAULT_CONFIG, batch: true };
    expect(runModeOf(['192.0.2.1'], batch, true)).toBe('one-shot');
    expect(runModeOf([], batch, true)).toBe('batch');
    expect(runModeOf([], DEFAULT_CONFIG, false)).toBe('batch');
    expect(runModeOf([], DEFAULT_CONFIG, true)).toBe('interactive');
  });

  it('turns colour off for a non-empty NO_COLOR only', () => {
    expect(colourWanted({}, true)).toBe(true);
    expect(colourWanted({ NO_COLOR: '' }, true)).toBe(true);
    expect(colourWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colourWanted({}, false)).toBe(false);
  });
});
