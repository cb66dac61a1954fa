/** `--as USER:GROUP` that cannot be taken: the message says why and what to do. */
export class RunAsError extends Error {
  override name = 'RunAsError';
}

/**
 * Becomes USER:GROUP (names or numbers) for the rest of the run, with no supplementary groups, as
 * Apache runs a `RewriteMap prg:` given `user:group`: what this process can then read, the map can.
 */
export function becomeUser(spec: string): void {
  const m = /^([^:\s]+):([^:\s]+)$/.exec(spec);
  if (!m) throw new RunAsError(`--as needs USER:GROUP, e.g. --as www-data:www-data; got "${spec}"`);
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    throw new RunAsError('--as changes user, which only root can: run the check as root (sudo supersparrow --check --as USER:GROUP)');
  const id = (text: string): string | number => (/^\d+$/.test(text) ? Number(text) : text);
  try {
    process.setgroups!([]);
    process.setgid!(id(m[2]!));
    process.setuid!(id(m[1]!));
  } catch (e) {
    throw new RunAsError(`--as ${spec}: ${(e as Error).message}; give a user and group that exist on this host`);
  }
}
