/**
 * Pure pieces of the Zebra-family vty dialogue. Text is latin1 (one char per byte), so telnet
 * command bytes survive decoding and can be stripped here, across any chunk boundary.
 */
const IAC = 0xff;
const SB = 0xfa;
const SE = 0xf0;
const WILL = 0xfb;
const DONT = 0xfe;
var StripState;
(function (StripState) {
    StripState[StripState["Data"] = 0] = "Data";
    StripState[StripState["Command"] = 1] = "Command";
    StripState[StripState["Option"] = 2] = "Option";
    StripState[StripState["Subnegotiation"] = 3] = "Subnegotiation";
    StripState[StripState["SubnegotiationIac"] = 4] = "SubnegotiationIac";
})(StripState || (StripState = {}));
/**
 * Removes telnet IAC sequences and NULs from a byte stream delivered in arbitrary chunks. A state
 * machine, so each byte is looked at once whatever the chunking, and a subnegotiation's body is
 * dropped as it arrives rather than held until its end.
 */
export class TelnetStripper {
    #state = StripState.Data;
    push(chunk) {
        // Almost every chunk is plain text: nothing to strip.
        if (this.#state === StripState.Data && chunk.indexOf('\xff') < 0 && chunk.indexOf('\0') < 0)
            return chunk;
        let out = '';
        let i = 0;
        const n = chunk.length;
        while (i < n) {
            switch (this.#state) {
                case StripState.Data: {
                    let j = i;
                    while (j < n && chunk.charCodeAt(j) !== IAC && chunk.charCodeAt(j) !== 0)
                        j++;
                    if (j > i)
                        out += chunk.slice(i, j);
                    if (j < n && chunk.charCodeAt(j) === IAC)
                        this.#state = StripState.Command;
                    i = j + 1;
                    break;
                }
                case StripState.Command: {
                    const command = chunk.charCodeAt(i++);
                    if (command === IAC) {
                        out += '\xff';
                        this.#state = StripState.Data;
                    }
                    else if (command >= WILL && command <= DONT)
                        this.#state = StripState.Option;
                    else if (command === SB)
                        this.#state = StripState.Subnegotiation;
                    else
                        this.#state = StripState.Data;
                    break;
                }
                case StripState.Option:
                    i++;
                    this.#state = StripState.Data;
                    break;
                case StripState.Subnegotiation: {
                    const at = chunk.indexOf('\xff', i);
                    if (at < 0) {
                        i = n;
                        break;
                    }
                    i = at + 1;
                    this.#state = StripState.SubnegotiationIac;
                    break;
                }
                case StripState.SubnegotiationIac:
                    this.#state = chunk.charCodeAt(i++) === SE ? StripState.Data : StripState.Subnegotiation;
                    break;
            }
        }
        return out;
    }
}
/** Zebra-family vtys end the prompt with a space (`jasmine> `), Cisco IOS does not (`route-views>`). */
const PROMPT_AT_END = /(?:^|\n)([A-Za-z0-9_.-]+)(?:\([a-z0-9-]+\))?([>#]) ?$/;
/** What the route server is asking for, judged on everything received since the last reply. */
export function classifyLogin(received) {
    if (/Vty password is not set/.test(received))
        return { kind: 'refused', message: 'the route server has no vty password set (add "password ..." to its config)' };
    if (/% Bad passwords|% Authentication failed|% Login invalid|Password verification failed/i.test(received))
        return { kind: 'refused', message: 'the route server rejected the password' };
    // Zebra-family vtys ask "Password: ", GateD's GII "Password? ".
    if (/Password[:?] ?$/i.test(received))
        return { kind: 'password' };
    if (/Username: ?$/i.test(received))
        return { kind: 'username' };
    const prompt = PROMPT_AT_END.exec(received);
    if (prompt)
        return { kind: 'prompt', hostname: prompt[1], mode: prompt[2] };
    return { kind: 'wait' };
}
export function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** The prompt of one host, pinned so that output lines ending in `> ` cannot end a reply early. */
export function pinnedPrompt(hostname) {
    return new RegExp(`\\r?\\n${escapeRegExp(hostname)}(?:\\([a-z0-9-]+\\))?[>#] ?$`);
}
/**
 * Splits a complete reply (`echo\r\n output \r\nprompt`) into its output, LF line ends, dropping the
 * echoed command when the router echoes it. Returns undefined while the prompt has not arrived.
 */
export function takeReply(received, prompt, command) {
    // The prompt holds no newline: it can only follow the last one, so only the end is searched.
    const lastNewline = received.lastIndexOf('\n');
    if (lastNewline < 0)
        return undefined;
    const from = lastNewline > 0 && received.charCodeAt(lastNewline - 1) === 13 ? lastNewline - 1 : lastNewline;
    if (!prompt.test(received.slice(from)))
        return undefined;
    const crlf = received.slice(0, from).replaceAll('\r\n', '\n');
    const body = crlf.includes('\r') ? crlf.replace(/\r/g, '\n') : crlf;
    const newline = body.indexOf('\n');
    const first = newline < 0 ? body : body.slice(0, newline);
    if (command !== undefined && first.trim() !== command.trim())
        return body;
    return newline < 0 ? '' : body.slice(newline + 1);
}
//# sourceMappingURL=vty-dialogue.js.map