import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';

/**
 * FAKE: a HAProxy runtime socket for faults a real HAProxy does not show on demand: a connection
 * closed before any answer, a silent one, one that answers megabytes or garbage. `reply` gives what
 * to do with each command; its real answers ("New version created: 1\n\n", "\n") are HAProxy 2.6's,
 * as measured on Debian 12.
 */
export type FaultReply = string | 'close' | 'silent' | { readonly bytes: number };

export class FaultHaproxy {
  readonly socket: string;
  readonly commands: string[] = [];
  readonly #server: Server;
  readonly #open = new Set<Socket>();

  constructor(dir: string, reply: (command: string) => FaultReply) {
    this.socket = join(dir, 'fault-haproxy.sock');
    this.#server = createServer({ allowHalfOpen: true }, (connection) => {
      this.#open.add(connection);
      connection.on('close', () => this.#open.delete(connection));
      connection.on('error', () => undefined);
      let text = '';
      connection.on('data', (chunk) => {
        text += chunk.toString('latin1');
        // A payload ends with an empty line; a plain command with its line end.
        const whole = text.includes('<<') ? text.endsWith('\n\n') : text.endsWith('\n');
        if (!whole) return;
        this.commands.push(text);
        const answer = reply(text);
        if (answer === 'close') connection.end();
        else if (answer === 'silent') return;
        else if (typeof answer === 'string') connection.end(answer, 'latin1');
        else {
          const block = Buffer.alloc(64 * 1024, 'x');
          let sent = 0;
          const more = (): void => {
            while (sent < answer.bytes) {
              sent += block.length;
              if (!connection.write(block)) return void connection.once('drain', more);
            }
            connection.end();
          };
          more();
        }
      });
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.#server.listen(this.socket, resolve));
  }

  close(): Promise<void> {
    for (const c of this.#open) c.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
