/**
 * Pure pieces of the Zebra-family vty dialogue. Text is latin1 (one char per byte), so telnet
 * command bytes survive decoding and can be stripped here, across any chunk boundary.
 */
/**
 * Removes telnet IAC sequences and NULs from a byte stream delivered in arbitrary chunks. A state
 * machine, so each byte is looked at once whatever the chunking, and a subnegotiation's body is
 * dropped as it arrives rather than held until its end.
 */
export declare class TelnetStripper {
    #private;
    push(chunk: string): string;
}
export type LoginStep = {
    readonly kind: 'username';
} | {
    readonly kind: 'password';
} | {
    readonly kind: 'prompt';
    readonly hostname: string;
    readonly mode: '>' | '#';
} | {
    readonly kind: 'refused';
    readonly message: string;
} | {
    readonly kind: 'wait';
};
/** What the route server is asking for, judged on everything received since the last reply. */
export declare function classifyLogin(received: string): LoginStep;
export declare function escapeRegExp(text: string): string;
/** The prompt of one host, pinned so that output lines ending in `> ` cannot end a reply early. */
export declare function pinnedPrompt(hostname: string): RegExp;
/**
 * Splits a complete reply (`echo\r\n output \r\nprompt`) into its output, LF line ends, dropping the
 * echoed command when the router echoes it. Returns undefined while the prompt has not arrived.
 */
export declare function takeReply(received: string, prompt: RegExp, command?: string): string | undefined;
