import { parseClientKey } from './address.js';
/**
 * The host a POP answer names, for DNS: `www.y.example.net:8080` → `www.y.example.net`, `[2001:db8::7]:443`
 * → `2001:db8::7`, an address as it is; undefined for `NULL`, which names none.
 */
export function hostOf(answer) {
    if (answer === 'NULL')
        return undefined;
    const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(answer);
    if (bracketed)
        return bracketed[1];
    if (answer.includes(':') && parseClientKey(answer).ok)
        return answer;
    const colon = answer.lastIndexOf(':');
    return colon < 0 ? answer : answer.slice(0, colon);
}
//# sourceMappingURL=answer-host.js.map