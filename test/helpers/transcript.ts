import { readFileSync } from 'node:fs';

export interface TranscriptReply {
  readonly command: string;
  readonly output: string;
}

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** Splits a recorded vty session (`prompt> command` then its output) into replies, in order. */
export function transcriptReplies(text: string, prompt = 'jasmine> '): TranscriptReply[] {
  const replies: TranscriptReply[] = [];
  let current: { command: string; lines: string[] } | undefined;
  for (const line of text.split('\n')) {
    const at = line.indexOf(prompt);
    if (at >= 0) {
      if (current) replies.push({ command: current.command, output: current.lines.join('\n') });
      current = { command: line.slice(at + prompt.length).trim(), lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  if (current) replies.push({ command: current.command, output: current.lines.join('\n') });
  return replies;
}

export function replyTo(text: string, command: string): string {
  const reply = transcriptReplies(text).find((r) => r.command === command);
  if (!reply) throw new Error(`no reply to "${command}" in transcript`);
  return reply.output;
}
