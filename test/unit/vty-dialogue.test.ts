import { describe, expect, it } from '@jest/globals';
import { classifyLogin, pinnedPrompt, takeReply, TelnetStripper } from '../../src/parsers/vty-dialogue.js';

/** FRR 8.4's first segment, byte for byte (research transcript frr-login). */
const FRR_GREETING =
  '\r\nHello, this is FRRouting (version 8.4.4).\r\nCopyright 1996-2005 Kunihiro Ishiguro, et al.\r\n\r\n\r\nUser Access Verification\r\n\r\n\xff\xfb\x01\xff\xfb\x03\xff\xfe"\xff\xfd\x1fPassword: ';

describe('TelnetStripper', () => {
  it('strips the IAC options at every chunk split', () => {
    const expected = FRR_GREETING.replace(/\xff[\xfb-\xfe]./g, '');
    for (let cut = 0; cut <= FRR_GREETING.length; cut++) {
      const s = new TelnetStripper();
      expect(s.push(FRR_GREETING.slice(0, cut)) + s.push(FRR_GREETING.slice(cut))).toBe(expected);
    }
  });

  it('strips a flood of options split at every byte in linear time', () => {
    const flood = `${'\xff\xfb\x01\xff\xfd\x1f'.repeat(200_000)}jasmine> `;
    const s = new TelnetStripper();
    let out = '';
    for (let at = 0; at < flood.length; at += 4099) out += s.push(flood.slice(at, at + 4099));
    expect(out).toBe('jasmine> ');
  });

  it('holds nothing of an unclosed subnegotiation, however long it runs', () => {
    const s = new TelnetStripper();
    const before = process.memoryUsage().heapUsed;
    const megabyte = 'x'.repeat(1024 * 1024);
    expect(s.push('\xff\xfa\x18')).toBe('');
    for (let i = 0; i < 64; i++) expect(s.push(megabyte)).toBe('');
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
    expect(s.push('\xff\xf0hello')).toBe('hello');
  });

  it('strips subnegotiation, keeps an escaped 0xff and drops NULs', () => {
    const s = new TelnetStripper();
    expect(s.push('a\xff\xfa\x1f\x00\x50\x00\x18\xff\xf0b\xff\xffc --More-- \x00')).toBe('ab\xffc --More-- ');
  });
});

describe('classifyLogin', () => {
  it('sees the password prompt only once it is complete', () => {
    const clean = FRR_GREETING.replace(/\xff[\xfb-\xfe]./g, '');
    const complete = clean.indexOf('Password:') + 'Password:'.length;
    for (let cut = 0; cut < complete; cut++) expect(classifyLogin(clean.slice(0, cut)).kind).toBe('wait');
    expect(classifyLogin(clean).kind).toBe('password');
  });

  it('reads the prompt and hostname after login', () => {
    expect(classifyLogin('\r\njasmine> ')).toEqual({ kind: 'prompt', hostname: 'jasmine', mode: '>' });
    expect(classifyLogin('\r\nrs1.pop-a# ')).toEqual({ kind: 'prompt', hostname: 'rs1.pop-a', mode: '#' });
    expect(classifyLogin('\r\njasmine')).toEqual({ kind: 'wait' });
  });

  it('recognises refusals', () => {
    expect(classifyLogin('\r\n% Bad passwords, too many failures!\r\n').kind).toBe('refused');
    expect(classifyLogin('Vty password is not set.\r\n').kind).toBe('refused');
    expect(classifyLogin('\r\nUsername: ').kind).toBe('username');
  });
});

describe('takeReply', () => {
  const prompt = pinnedPrompt('jasmine');

  it('waits for the prompt, then drops the echo', () => {
    const full = 'show ip bgp 203.0.113.9\r\n% Network not in table\r\njasmine> ';
    // The prompt counts from its '>' on: Cisco IOS sends no space after it.
    for (let cut = 0; cut < full.length - 1; cut++) expect(takeReply(full.slice(0, cut), prompt)).toBeUndefined();
    expect(takeReply(full, prompt)).toBe('% Network not in table');
    expect(takeReply('terminal length 0\r\njasmine> ', prompt)).toBe('');
  });

  it('is not fooled by an output line ending like another prompt', () => {
    expect(takeReply('cmd\r\nrouter> \r\nmore', prompt)).toBeUndefined();
    expect(takeReply('cmd\r\nxjasmine> ', prompt)).toBeUndefined();
  });

  it('escapes a hostname with regex characters', () => {
    expect(takeReply('cmd\r\nout\r\nrs1.pop-a(test)> ', pinnedPrompt('rs1.pop-a(test)'))).toBe('out');
    expect(takeReply('cmd\r\nout\r\nrs1xpop-a(test)> ', pinnedPrompt('rs1.pop-a(test)'))).toBeUndefined();
  });
});
