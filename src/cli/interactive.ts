import { within } from '../core/within.js';
import { explainDecision } from './explain.js';
import { statusSnapshot, statusTable } from './status-view.js';
import { EXIT_OK } from './io.js';
import type { CliContext } from './context.js';

const HELP = [
  'Type a client address (IPv4 or IPv6) to see the POP it is sent to and why.',
  "  status       the POPs, their state and why, and the route server's sessions",
  '  help, ?      this text',
  '  quit, exit   leave (or Ctrl-D)',
].join('\n');

/**
 * Cursor and function keys arrive as escape sequences: editing attempts, not key text. readline-sync
 * drops the ESC itself, leaving `[A`; no address holds a `[`, so either form is removed.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what it removes
const ESCAPE_SEQUENCE = /\x1b?\[[0-9;?]*[ -/]*[@-~]|\x1bO[@-~]|\x1b/g;

export function cleanInteractiveLine(line: string): string {
  return line.replace(ESCAPE_SEQUENCE, '').trim();
}

/** A prompt for a person at a terminal, with an explanation of every answer. */
export async function interact(ctx: CliContext): Promise<number> {
  const { io, resolver, routeServer, paint, config } = ctx;
  const { default: readlineSync } = await import('readline-sync');
  // Batch mode must end on SIGHUP (Apache's restart); a person at a prompt may ask for a new table with it.
  const reloadable = routeServer as { reload?: () => Promise<unknown> };
  let reloadAsked = false;
  const reload = (): void => {
    reloadAsked = true;
  };
  if (reloadable.reload) io.onSignal('SIGHUP', reload);
  io.stderr.write(`supersparrow ${ctx.version}: type an address, status, help, or quit\n`);
  const startedMs = Date.now();
  try {
    await routeServer.whenLoaded?.();
    for (;;) {
      // question() blocks the event loop: prefix checks under way finish first, so the next address in
      // the same prefix is answered from the cache as it would be in batch mode.
      await within(resolver.settled(), config.timeoutMs);
      const raw = readlineSync.question('address> ', { keepWhitespace: true });
      // Let a signal that came while blocked be handled, then act on it.
      await new Promise((resolve) => setImmediate(resolve));
      if (reloadAsked && reloadable.reload) {
        reloadAsked = false;
        await reloadable.reload().catch(() => undefined);
      }
      const line = cleanInteractiveLine(raw);
      // readline-sync reports end of input (Ctrl-D) only as a NUL in the raw input.
      if (line === 'quit' || line === 'exit' || (line === '' && readlineSync.getRawInput().includes('\0'))) break;
      if (line === '') continue;
      if (line === 'help' || line === '?') {
        io.stderr.write(`${HELP}\n`);
        continue;
      }
      if (line === 'status') {
        io.stderr.write(statusTable(statusSnapshot(ctx, startedMs), paint));
        continue;
      }
      const decision = await resolver.resolve(line);
      io.stdout.write(`${decision.answer}\n`);
      io.stderr.write(`${explainDecision(line, decision, paint)}\n`);
    }
  } finally {
    io.offSignal('SIGHUP', reload);
    await routeServer.close();
  }
  return EXIT_OK;
}
