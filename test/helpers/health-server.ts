import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** A POP's web server as its health check sees it: a real HTTP(S) server on loopback, its status set by the test. */
export interface HealthServer {
  readonly url: string;
  /** GETs of the health path served so far. */
  readonly requests: number;
  /** The status the health path answers with. */
  status: number;
  /** When set, requests get no answer at all. */
  hang: boolean;
  stop(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, made with openssl in `dir`. */
export function selfSignedCertificate(dir: string): { key: Buffer; cert: Buffer } {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'],
      { stdio: 'pipe' },
    );
  } catch (e) {
    throw new Error(`openssl could not make a test certificate (apt-get install -y openssl): ${(e as Error).message}`);
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

export async function startHealthServer(tls?: { key: Buffer; cert: Buffer }): Promise<HealthServer> {
  let requests = 0;
  const held: ServerResponse[] = [];
  const state = { status: 200, hang: false };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.url !== '/health') {
      res.writeHead(404).end();
      return;
    }
    requests++;
    if (state.hang) {
      held.push(res);
      return;
    }
    res.writeHead(state.status, { 'Content-Type': 'text/plain' }).end(`${state.status}\n`);
  };
  const server: Server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/health`,
    get requests() {
      return requests;
    },
    get status() {
      return state.status;
    },
    set status(code: number) {
      state.status = code;
    },
    get hang() {
      return state.hang;
    },
    set hang(on: boolean) {
      state.hang = on;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of held.splice(0)) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
