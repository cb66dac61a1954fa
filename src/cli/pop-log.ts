import type { Config } from '../config/config.js';
import { configChanges, directiveName } from '../config/config-watch.js';
import { resolverOptions } from '../resolver/from-config.js';
import type { Resolver } from '../resolver/resolver.js';
import type { PopWatch, PopWatchEvents } from '../pops/pop-watch.js';
import type { Logger } from './log.js';
import { duration } from './route-server-log.js';

/**
 * POP changes as log lines, each once each way and rate-limited per POP, and the cached answers they
 * make stale forgotten at once.
 */
export function popWatchLog(log: Logger, resolver: () => Resolver | undefined): PopWatchEvents {
  return {
    onPopChange: (change) => {
      const forgotten = resolver()?.forgetAnswersInvolving(change.asn, change.why === undefined ? change.lastedMs : undefined) ?? 0;
      const pop = `AS${change.asn} (${change.answer})`;
      const cached = `${forgotten} cached answer${forgotten === 1 ? '' : 's'} forgotten`;
      if (change.why !== undefined)
        log.warnLimited(`pop down ${change.asn}`, `POP ${pop} down: ${change.why}; it takes no new clients; ${cached}`);
      else log.warnLimited(`pop up ${change.asn}`, `POP ${pop} up again after ${duration(change.lastedMs)}; ${cached}`);
    },
    onTableSettled: (ms, why) => {
      // Answers learned just before the doubt was seen (a poll is a second apart) may rest on a partial table.
      const forgotten = resolver()?.forgetLearnedWithin(ms + 1000) ?? 0;
      log.line(`route server table whole again ${duration(ms)} after ${why}: answers cached again; ${forgotten} cached answers forgotten`);
    },
    onDrainChange: (file, inForce) => log.line(`drain file ${file}: ${inForce} drain${inForce === 1 ? '' : 's'} in force`),
    onHealthChange: (host, url, record) =>
      log.warnLimited(`health ${url}`, `health check ${url} for ${host} ${record.up ? 'passing' : 'failing'}: ${record.detail}`),
    onWarning: (kind, message) => log.warnLimited(kind, message),
  };
}

/** A config file that changed and reads cleanly: what can change now does; the rest is named. */
export function applyNewConfig(running: { config: Config }, next: Config, resolver: Resolver, pops: PopWatch, log: Logger): void {
  const { applied, needRestart } = configChanges(running.config, next);
  // Settings that wait for a restart keep their running values, so a later reload compares against those.
  const kept = Object.fromEntries(needRestart.map((k) => [k, running.config[k]]));
  running.config = { ...next, ...kept };
  if (applied.length > 0) {
    const options = resolverOptions(running.config);
    pops.reconfigure(running.config);
    // A table decided at load keeps the POPs on each path: new POP ASes mean deciding it again.
    if (applied.includes('pops')) void Promise.resolve(resolver.routeServer.setPops?.(new Set(options.pops.keys()))).catch(() => undefined);
    resolver.reconfigure({
      pops: options.pops,
      self: options.self,
      invalidKeyAnswer: options.invalidKeyAnswer,
      popUnavailable: pops.unavailable,
    });
    log.line(`config reloaded: ${applied.map(directiveName).join(', ')} applied to new answers; cached answers forgotten`);
  }
  if (needRestart.length > 0)
    log.line(`config changed ${needRestart.map(directiveName).join(', ')}: these take a restart; still running with the old values`);
}
