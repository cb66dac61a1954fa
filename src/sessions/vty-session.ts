import { Telnet, type ConnectOptions } from 'telnet-client';
import { QueuedSession } from './command-session.js';
import { RouteServerError } from '../route-servers/route-server.js';
import { classifyLogin, pinnedPrompt, takeReply, TelnetStripper } from '../parsers/vty-dialogue.js';

export interface VtySessionOptions {
  readonly host: string;
  readonly port: number;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** Limit for connect plus login, and for each command. */
  readonly timeoutMs: number;
  /** Sent once logged in; default `terminal length 0`, so that no pager interrupts a reply. */
  readonly setupCommands?: readonly string[];
  /** Sees the dialogue; the password is never passed to it. */
  readonly onDialogue?: ((direction: 'sent' | 'received', text: string) => void) | undefined;
}

/** A reply larger than this means something is wrong (a pager loop, a wrong command). */
const MAX_REPLY_BYTES = 8 * 1024 * 1024;

interface Waiter {
  readonly test: (received: string) => boolean;
  readonly resolve: () => void;
  readonly reject: (e: RouteServerError) => void;
}

/**
 * One logged-in telnet session to a Zebra-family vty. telnet-client provides the connection and
 * the byte stream; login and reply framing are done here on the whole buffer, because prompts can
 * be split across TCP segments. Commands run one at a time; any timeout or close kills the session,
 * since a late reply would otherwise be read as the answer to the next command.
 */
export class VtySession extends QueuedSession {
  readonly #telnet = new Telnet();
  readonly #stripper = new TelnetStripper();
  readonly #options: VtySessionOptions;
  #received = '';
  #waiter: Waiter | undefined;
  #prompt: RegExp = /\n\S+[>#] $/;
  #hostname = '';

  private constructor(options: VtySessionOptions) {
    super();
    this.#options = options;
  }

  get hostname(): string { return this.#hostname; }
  get greeting(): string { return `prompt ${this.#hostname}`; }
  get where(): string { return `${this.#options.host}:${this.#options.port}`; }

  /** Resolves once logged in with paging off; rejects with a RouteServerError. */
  static async open(options: VtySessionOptions): Promise<VtySession> {
    const session = new VtySession(options);
    const timer = setTimeout(() => session.kill(new RouteServerError('timeout', `route server ${session.where} did not complete login within ${options.timeoutMs} ms (option timeout)`)), options.timeoutMs);
    try {
      await session.#connect();
      await session.#login();
    } catch (e) {
      session.kill(toRouteServerError(e, session.where));
      throw session.failure;
    } finally {
      clearTimeout(timer);
    }
    for (const command of options.setupCommands ?? ['terminal length 0']) await session.run(command);
    return session;
  }

  protected teardown(error: RouteServerError): void {
    void this.#telnet.destroy().catch(() => undefined);
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(error);
  }

  close(): void {
    this.kill(new RouteServerError('unavailable', `session to ${this.where} closed`));
  }

  async #connect(): Promise<void> {
    const params: ConnectOptions = {
      host: this.#options.host,
      port: this.#options.port,
      timeout: this.#options.timeoutMs,
      negotiationMandatory: false,
      encoding: 'latin1',
    };
    // telnet-client answers options only in chunks that start with IAC, and then writes even a lone
    // IAC byte back, which a vty reads as the start of a command and so eats a byte of the password.
    // Zebra-family vtys need no answers: the options are stripped from the stream instead.
    (this.#telnet as unknown as { negotiate: (chunk: Buffer) => Buffer }).negotiate = (chunk) => chunk;
    // No prompt patterns: telnet-client must not try to log in by itself (it matches per chunk).
    await this.#telnet.connect({ ...params, shellPrompt: null, loginPrompt: null, passwordPrompt: null, failedLoginMatch: null });
    this.#telnet.getSocket()?.setTimeout(0);
    this.#telnet.on('close', () => this.kill(new RouteServerError('unavailable', `route server ${this.where} closed the connection${this.#closeReason()}`)));
    this.#telnet.on('error', (e: unknown) => this.kill(toRouteServerError(e, this.where)));
    void this.#readLoop();
  }

  async #readLoop(): Promise<void> {
    for (;;) {
      const chunk = await this.#telnet.nextData();
      if (chunk === null) {
        this.kill(new RouteServerError('unavailable', `route server ${this.where} closed the connection${this.#closeReason()}`));
        return;
      }
      this.#received += this.#stripper.push(chunk);
      if (this.#received.length > MAX_REPLY_BYTES) {
        this.kill(new RouteServerError('protocol', `route server ${this.where} sent more than ${MAX_REPLY_BYTES} bytes without a prompt`));
        return;
      }
      const waiter = this.#waiter;
      if (waiter?.test(this.#received)) {
        this.#waiter = undefined;
        waiter.resolve();
      }
    }
  }

  #closeReason(): string {
    if (/Vty connection is timed out/.test(this.#received)) return ' (its vty exec-timeout closed the idle session)';
    return '';
  }

  #waitFor(test: (received: string) => boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.failure) { reject(this.failure); return; }
      if (test(this.#received)) { resolve(); return; }
      this.#waiter = { test, resolve, reject };
    });
  }

  #send(text: string, shown = text): void {
    this.#options.onDialogue?.('sent', shown);
    this.#telnet.getSocket()?.write(`${text}\n`, 'latin1');
  }

  async #login(): Promise<void> {
    let sentUsername = false;
    let sentPassword = false;
    for (;;) {
      await this.#waitFor((r) => classifyLogin(r).kind !== 'wait');
      const step = classifyLogin(this.#received);
      this.#options.onDialogue?.('received', this.#received);
      this.#received = '';
      switch (step.kind) {
        case 'refused':
          throw new RouteServerError('login', `route server ${this.where}: ${step.message}; check the "password" setting`);
        case 'username':
          if (sentUsername || this.#options.username === undefined) throw new RouteServerError('login', `route server ${this.where} asks for a username, and none is configured`);
          sentUsername = true;
          this.#send(this.#options.username);
          break;
        case 'password':
          if (sentPassword) throw new RouteServerError('login', `route server ${this.where} rejected the password; check the "password" setting`);
          if (this.#options.password === undefined) throw new RouteServerError('login', `route server ${this.where} asks for a password; set one with --password-file, SUPERSPARROW_PASSWORD or "password" in the config file`);
          sentPassword = true;
          this.#send(this.#options.password, '********');
          break;
        case 'prompt':
          this.#hostname = step.hostname;
          this.#prompt = pinnedPrompt(step.hostname);
          return;
      }
    }
  }

  /** One command's output, without the echo and prompt, with LF line ends. */
  protected async exec(command: string): Promise<string> {
    if (this.failure) throw this.failure;
    if (/[\r\n]/.test(command)) throw new RouteServerError('protocol', 'a command must be one line');
    const prompt = this.#prompt;
    this.#received = '';
    let reply: string | undefined;
    const timer = setTimeout(() => this.kill(new RouteServerError('timeout', `route server ${this.where} did not answer "${command}" within ${this.#options.timeoutMs} ms (option timeout)`)), this.#options.timeoutMs);
    try {
      this.#send(command);
      await this.#waitFor((r) => (reply = takeReply(r, prompt, command)) !== undefined);
    } finally {
      clearTimeout(timer);
    }
    this.#options.onDialogue?.('received', this.#received);
    this.#received = '';
    return reply ?? '';
  }
}

function toRouteServerError(e: unknown, where: string): RouteServerError {
  if (e instanceof RouteServerError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/Cannot connect/.test(message)) return new RouteServerError('timeout', `cannot connect to route server ${where} within the timeout`);
  return new RouteServerError('unavailable', `route server ${where}: ${message}`);
}
