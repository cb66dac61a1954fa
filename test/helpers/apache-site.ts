import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { get, startApache, type Apache, type ApacheOptions, type HttpResult } from './apache.js';
import { PEERS, writeConfig } from './cli.js';
import { VTY_PASSWORD } from './frr-testbed.js';
import { scratchDir } from './scratch.js';

export const SNIPPET = fileURLToPath(new URL('../../apache/supersparrow.conf', import.meta.url));
export const PER_URL_SNIPPET = fileURLToPath(new URL('../../apache/supersparrow-per-url.conf', import.meta.url));
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
export { X, Y, Z } from './route-cases.js';
import { X } from './route-cases.js';
export const DEADLINE_MS = 200;

const runningAsRoot = process.getuid?.() === 0;

/** Writes a supersparrow config for a zebra route server, readable only by the map's user. */
export function mapConfig(vtyPort: number, extra: readonly string[] = []): string {
  const dir = scratchDir('map');
  chmodSync(dir, 0o755);
  const file = writeConfig(join(dir, 'supersparrow.conf'), [
    'route_server zebra',
    'host 127.0.0.1',
    `port ${vtyPort}`,
    `password ${VTY_PASSWORD}`,
    PEERS,
    `self ${X}`,
    `deadline ${DEADLINE_MS}`,
    'timeout 1',
    ...extra,
  ]);
  if (runningAsRoot) chownSync(file, 33, 33);
  return file;
}

/**
 * Apache with the shipped snippet in front of supersparrow. mod_remoteip trusts X-Forwarded-For
 * from loopback, so a test plays any client; `/key/` on another host name is a test-only rule that
 * feeds the raw X-Key header through the same map, guarded the same way, to push hostile keys at it.
 */
/**
 * Apache runs the map as www-data, which must reach the built CLI and its modules: a checkout under
 * /root or a 0700 home cannot be read, and every answer would silently be self. Fails first, with the fix.
 */
export function requireMapUserCanRead(): void {
  if (!runningAsRoot) return;
  const needed = [CLI, fileURLToPath(new URL('../../node_modules/commander/package.json', import.meta.url))];
  try {
    execFileSync('runuser', ['-u', 'www-data', '--', 'sh', '-c', 'for f in "$@"; do test -r "$f" || exit 1; done', 'check', ...needed]);
  } catch {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    throw new Error(
      `the Apache tests run the map as www-data, which cannot read ${root} (a folder on the way is not world-searchable). ` +
        `Clone the project where www-data can read it (e.g. under /srv or /tmp), or give it access: chmod o+x on each parent folder of ${root}`,
    );
  }
}

export function startSite(config: string, options: Partial<ApacheOptions> = {}): Promise<Apache> {
  requireMapUserCanRead();
  const user = runningAsRoot ? 'www-data:www-data' : `${process.env.USER ?? 'nobody'}:${process.env.USER ?? 'nogroup'}`;
  return startApache({
    snippet: SNIPPET,
    remoteIp: true,
    defines: {
      SUPERSPARROW_SITE: 'www.example.net',
      SUPERSPARROW_SELF: X,
      SUPERSPARROW_NODE: process.execPath,
      SUPERSPARROW_CLI: CLI,
      SUPERSPARROW_CONFIG: config,
      SUPERSPARROW_USER: user,
    },
    extra: `
RewriteCond "\${supersparrow:%{HTTP:X-Key}|${X}}" "^([A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?)$"
RewriteRule "^/key/(.*)$" "http://%1/$1" [R=302,L]
RewriteRule "^/key/(.*)$" "http://${X}/$1" [R=302,L]
RewriteCond "\${supersparrow:$1|${X}}" "^([A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?)$"
RewriteRule "^/pathkey/([^/]*)/(.*)$" "http://%1/$2" [R=302,L]
RewriteRule "^/pathkey/([^/]*)/(.*)$" "http://${X}/$2" [R=302,L]
`,
    ...options,
  });
}

export function client(apache: Apache, address: string, path = '/page'): Promise<HttpResult> {
  return get(apache.port, path, { 'X-Forwarded-For': address });
}

/** A Location is well formed: scheme, a host name, a path. Never "http:///…". */
export const WELL_FORMED_LOCATION = /^http:\/\/[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?\/\S*$/;
