import { describe, expect, it } from '@jest/globals';
import { formatAsPath } from '../../src/core/as-path.js';
import { formatPrefix } from '../../src/core/prefix.js';
import type { RouteReply } from '../../src/core/route.js';
import { parseBirdRouteCount, parseBirdShowRoute } from '../../src/parsers/bird-show-route.js';
import { parseFrrJsonShowBgp } from '../../src/parsers/frr-json-show-bgp.js';
import { birdReplyComplete } from '../../src/sessions/bird-session.js';
import { fixture, replyTo } from '../helpers/transcript.js';

function summary(reply: RouteReply): string {
  if (reply.kind === 'route') return `${formatPrefix(reply.route.prefix)} ${formatAsPath(reply.route.asPath)}`;
  return reply.kind === 'no-route' ? 'no-route' : `unreadable: ${reply.message}`;
}

/** Replies from BIRD's control socket as recorded (`<<< command` before each reply). */
function birdReplies(text: string): Map<string, string> {
  const replies = new Map<string, string>();
  let command: string | undefined;
  let lines: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('<<< ')) {
      if (command !== undefined) replies.set(command, `${lines.join('\n')}\n`);
      command = line.slice(4);
      lines = [];
    } else if (command !== undefined && line !== '') lines.push(line);
  }
  if (command !== undefined) replies.set(command, `${lines.join('\n')}\n`);
  return replies;
}

describe('parseFrrJsonShowBgp on FRR 8.4 transcripts', () => {
  const transcript = fixture('frr/frr-json.txt');

  it.each([
    ['show ip bgp 192.168.193.15 json', '192.168.193.0/24 64702 64602'],
    ['show ip bgp 198.18.0.1 json', '198.18.0.0/24 Local'],
    ['show ip bgp 100.64.1.1 json', '100.64.0.0/10 64600 {64610,64611}'],
    ['show ip bgp 203.0.113.9 json', 'no-route'],
    ['show ip bgp 192.168.193.15 bestpath json', '192.168.193.0/24 64702 64602'],
    ['show bgp ipv6 2001:db8:193::1 json', '2001:db8:193::/48 64702 64602'],
  ])('%s → %s', (command, expected) => {
    expect(summary(parseFrrJsonShowBgp(replyTo(transcript, command)))).toBe(expected);
  });

  it('takes the path flagged best overall, not the first listed', () => {
    const reply = JSON.parse(replyTo(transcript, 'show ip bgp 192.168.193.15 json')) as { paths: unknown[] };
    reply.paths.reverse();
    expect(summary(parseFrrJsonShowBgp(JSON.stringify(reply)))).toBe('192.168.193.0/24 64702 64602');
  });

  it('reads a reply with 5,000 paths', () => {
    const paths = Array.from({ length: 5000 }, (_, i) => ({
      aspath: { string: `64600 ${65000 + i}`, segments: [{ type: 'as-sequence', list: [64600, 65000 + i] }] },
      ...(i === 4321 ? { bestpath: { overall: true } } : {}),
    }));
    expect(summary(parseFrrJsonShowBgp(JSON.stringify({ prefix: '10.0.0.0/8', paths })))).toBe('10.0.0.0/8 64600 69321');
  });

  it('says what is wrong with an unreadable reply', () => {
    expect(summary(parseFrrJsonShowBgp('{"prefix":"10.0.0.0/8","paths":[{"aspath":{}},{"aspath":{}}]}'))).toMatch(
      /^unreadable: no path .* is marked best/,
    );
    expect(summary(parseFrrJsonShowBgp('{"prefix":'))).toMatch(/^unreadable: not JSON/);
    expect(summary(parseFrrJsonShowBgp('% Unknown command: show ip bgp x json'))).toMatch(/^unreadable: % Unknown command/);
  });
});

describe('parseBirdShowRoute on BIRD 2.0.12 control-socket transcripts', () => {
  const replies = birdReplies(fixture('bird/bird-ctl-raw.txt'));

  it('frames every recorded reply at its final coded line', () => {
    for (const [command, reply] of replies) expect([command, birdReplyComplete(reply, true)]).toEqual([command, true]);
    expect(birdReplyComplete('1007-Table master4:\n 192.168.193.0/24 unicast\n', true)).toBe(false);
  });

  it.each([
    ['show route for 192.168.193.15 all', '192.168.193.0/24 64702 64602'],
    ['show route for 192.168.193.15 primary all', '192.168.193.0/24 64702 64602'],
    ['show route for 100.64.1.1 all', '100.64.0.0/10 64600 {64610,64611}'],
    ['show route for 198.18.0.1 all', '198.18.0.0/24 Local'],
    ['show route for 10.1.2.3 all', '10.1.0.0/16 64702 64701 64605'],
    ['show route for 203.0.113.9 all', 'no-route'],
    ['show route for 2001:db8:193::1 all', '2001:db8:193::/48 64702 64602'],
    ['show route for 2001:db8:ffff::1', 'no-route'],
    ['show route for 192.168.192.1 all', '192.168.192.0/24 64600'],
  ])('%s → %s', (command, expected) => {
    expect(summary(parseBirdShowRoute(replies.get(command)!))).toBe(expected);
  });

  it('reports BIRD errors as unreadable replies', () => {
    expect(summary(parseBirdShowRoute(replies.get('show route for 999.1.1.1')!))).toBe('unreadable: 9001 Invalid IPv4 address 999.1.1.1');
    expect(summary(parseBirdShowRoute(replies.get('configure')!))).toBe('unreadable: 8007 Access denied');
  });

  it('reads the network count of show route in P count', () => {
    expect(parseBirdRouteCount('0014 1 of 1 routes for 1 networks in table master4\n')).toBe(1);
    expect(parseBirdRouteCount('0014 3 of 3 routes for 2 networks in table master4\n')).toBe(2);
    expect(parseBirdRouteCount('9001 syntax error\n')).toBeUndefined();
  });
});
