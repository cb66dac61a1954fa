import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { get, startApache, type Apache, type ApacheOptions, type HttpResult } from './apache.js';
import { PEERS, writeConfig } from './cli.js';
import { VTY_PASSWORD } from './frr-testbed.js';
import { scratchDir } from './scratch.js';

export const SNIPPET = fileURLToPath(new URL('../../apache/supersparrow.conf', import.meta.url));
export const PER_URL_SNIPPET = fileURLToPath(new URL('../../apache/supersparrow-per-url.conf', import.meta.url));
export const CLI = fileURLToPath(new URL('../../dist/supersparrow.cjs', import.meta.url));
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
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function wwwDataCanRead(paths: readonly string[]): boolean {
  try {
    execFileSync('runuser', ['-u', 'www-data', '--', 'sh', '-c', 'for f in "$@"; do test -r "$f" || exit 1; done', 'check', ...paths]);
    return true;
  } catch {
    return false;
  }
}

/** The package's production dependencies, transitively, as folders under node_modules. */
function productionModules(): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency);
  };
  const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of Object.keys(own.dependencies)) visit(name);
  return [...seen];
}

let mapCliPath: string | undefined;

/**
 * The CLI as the map's user can run it. Apache runs the map as www-data, which cannot reach a checkout
 * under /root or a 0700 home; there the built CLI and its production modules are copied to a
 * world-readable scratch folder, so the tests pass wherever the checkout is.
 */
export function mapCli(): string {
  if (mapCliPath) return mapCliPath;
  if (!runningAsRoot || wwwDataCanRead([CLI])) {
    mapCliPath = CLI;
    return CLI;
  }
  const copy = scratchDir('map-cli');
  chmodSync(copy, 0o755);
  cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
  for (const name of productionModules())
    cpSync(join(ROOT, 'node_modules', name), join(copy, 'node_modules', name), { recursive: true, dereference: true });
  execFileSync('chmod', ['-R', 'a+rX', copy]);
  mapCliPath = join(copy, 'dist/supersparrow.cjs');
  if (!wwwDataCanRead([mapCliPath]))
    throw new Error(`www-data cannot read ${mapCliPath} either: check that ${copy}'s parent folders are world-searchable`);
  return mapCliPath;
}

/** The site with the shipped snippet; the map as `mapUser` (USER:GROUP), or www-data's own when not given. */
export function startSite(config: string, options: Partial<ApacheOptions> = {}, mapUser?: string): Promise<Apache> {
  const user = mapUser ?? (runningAsRoot ? 'www-data:www-data' : `${process.env.USER ?? 'nobody'}:${process.env.USER ?? 'nogroup'}`);
  return startApache({
    snippet: SNIPPET,
    remoteIp: true,
    defines: {
      SUPERSPARROW_SITE: 'www.example.net',
      SUPERSPARROW_SELF: X,
      SUPERSPARROW_NODE: process.execPath,
      SUPERSPARROW_CLI: mapCli(),
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
