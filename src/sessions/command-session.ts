import type { CommandSession } from '../route-servers/session-route-server.js';
import type { RouteServerError } from '../route-servers/route-server.js';

/**
 * The discipline every router session keeps: commands run one at a time, in order; the first failure
 * kills the session for good (a late reply would be read as the next command's), and tells whoever
 * listens, so that the owner reconnects.
 */
export abstract class QueuedSession implements CommandSession {
  #queue: Promise<unknown> = Promise.resolve();
  #failure: RouteServerError | undefined;
  readonly #deathListeners: Array<(e: RouteServerError) => void> = [];

  abstract readonly greeting: string;

  get alive(): boolean { return this.#failure === undefined; }
  protected get failure(): RouteServerError | undefined { return this.#failure; }

  run(command: string): Promise<string> {
    const result = this.#queue.then(() => this.exec(command));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  onDeath(listener: (e: RouteServerError) => void): void {
    if (this.#failure) listener(this.#failure);
    else this.#deathListeners.push(listener);
  }

  kill(error: RouteServerError): void {
    if (this.#failure) return;
    this.#failure = error;
    this.teardown(error);
    for (const listener of this.#deathListeners.splice(0)) listener(error);
  }

  abstract close(): void;
  /** Runs one command on a live session; called in order, never concurrently. */
  protected abstract exec(command: string): Promise<string>;
  /** Drops the connection and fails whatever waits on it. */
  protected abstract teardown(error: RouteServerError): void;
}
