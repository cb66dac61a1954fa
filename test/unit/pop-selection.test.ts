import { describe, expect, it } from '@jest/globals';
import { parseAsPathText } from '../../src/core/as-path.js';
import { matchPop } from '../../src/core/pop-selection.js';

const peers = new Map([
  [64700, 'www.x'],
  [64701, 'www.z'],
  [64702, 'www.y'],
]);
const pick = (path: string): string | undefined => matchPop(parseAsPathText(path), peers)?.answer;

describe('matchPop', () => {
  it('picks the POP on the path (the paper example)', () => expect(pick('64702 64602')).toBe('www.y'));
  it('finds a POP AS in mid-path', () => expect(pick('64600 64702 64604')).toBe('www.y'));
  it('with two POP ASes, the one nearest the origin wins', () => expect(pick('64702 64701 64605')).toBe('www.z'));
  it('has no match for a path without POPs', () => expect(pick('64600 64601 64603')).toBeUndefined());
  it('has no match for a local route', () => expect(pick('Local')).toBeUndefined());
  it('ignores members of a multi-AS set', () => expect(pick('64600 {64702,64611}')).toBeUndefined());
  it('counts a one-member set', () => expect(pick('64600 {64702}')).toBe('www.y'));
  it('prefers a sequence AS to the right of a set', () => expect(pick('{64700,64611} 64600 64701')).toBe('www.z'));
  it('walks confederation sequences', () => expect(pick('64600 (64702 65001)')).toBe('www.y'));
  it('reports where the match is', () => {
    expect(matchPop(parseAsPathText('64600 64702 64604'), peers)).toEqual({ asn: 64702, answer: 'www.y', segmentIndex: 0, asnIndex: 1 });
  });
  it('matches nothing with no peers', () => expect(matchPop(parseAsPathText('64702'), new Map())).toBeUndefined());
});
