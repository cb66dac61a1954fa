import { directiveName } from '../../config/config-watch.js';
import type { RouteServerEvent } from '../../route-servers/route-server.js';
import type { RuntimeEvent } from '../../runtime/runtime-event.js';
import type { Logger } from './log.js';
import { duration } from '../views/duration.js';

function forgottenText(n: number): string {
  return `${n} cached answer${n === 1 ? '' : 's'} forgotten`;
}

/**
 * The runtime's events as log lines. A state that goes wrong is logged once when it starts (rate-limited
 * per thing) and always once when it ends if its start was; routine reconnects only when `chatty`.
 */
export function logRuntimeEvent(log: Logger, event: RuntimeEvent, chatty: boolean): void {
  switch (event.kind) {
    case 'route-server':
      logRouteServerEvent(log, event.event, chatty);
      return;
    case 'pop': {
      const { change } = event;
      const pop = `POP AS${change.asn} (${change.answer})`;
      const key = `pop ${change.asn}`;
      if (change.why !== undefined)
        log.problem(key, `${pop} down: ${change.why}; it takes no new clients; ${forgottenText(event.forgotten)}`);
      else log.recovered(key, `${pop} up again after ${duration(change.lastedMs)}; ${forgottenText(event.forgotten)}`, true);
      return;
    }
    case 'table-settled':
      log.line(
        `route server table whole again ${duration(event.settledMs)} after ${event.why}: answers cached again; ${forgottenText(event.forgotten)}`,
      );
      return;
    case 'routes-changed':
      if (chatty) log.line(`routes changed at the route server: ${forgottenText(event.forgotten)}`);
      return;
    case 'drain':
      log.line(`drain file ${event.file}: ${event.inForce} drain${event.inForce === 1 ? '' : 's'} in force`);
      return;
    case 'plan':
      if (event.latency) log.line(`latency file ${event.file}: ${event.inForce} override${event.inForce === 1 ? '' : 's'} in force`);
      else log.line(`plan file ${event.file}: ${event.inForce} prefix${event.inForce === 1 ? '' : 'es'} planned`);
      return;
    case 'health': {
      const key = `health ${event.url}`;
      const text = `health check ${event.url} for ${event.host} ${event.record.up ? 'passing' : 'failing'}: ${event.record.detail}`;
      if (event.record.up) log.recovered(key, text, true);
      else log.problem(key, text);
      return;
    }
    case 'warning':
      log.warnLimited(event.topic, event.message);
      return;
    case 'config-changed':
      if (event.applied.length > 0)
        log.line(`config reloaded: ${event.applied.map(directiveName).join(', ')} applied to new answers; cached answers forgotten`);
      if (event.needRestart.length > 0)
        log.line(
          `config changed ${event.needRestart.map(directiveName).join(', ')}: these take a restart; still running with the old values`,
        );
      return;
    case 'config-rejected':
      log.line(`config not reloaded: ${event.error.message}; the running configuration stays`);
      return;
  }
}

function logRouteServerEvent(log: Logger, event: RouteServerEvent, chatty: boolean): void {
  const rs = event.routeServer;
  const key = `route server ${rs}`;
  switch (event.kind) {
    case 'up':
      if (event.downForMs !== undefined)
        log.recovered(key, `route server up: ${rs} answers again (${event.greeting}) after ${duration(event.downForMs)} down`, chatty);
      else if (chatty) log.line(`route server up: ${rs}: connected (${event.greeting})`);
      return;
    case 'lost':
      log.problem(key, `route server lost: ${event.error.message}${chatty ? '; reconnecting' : ''}`);
      return;
    case 'down':
      log.problem(key, `route server down: ${event.error.message}; retrying in ${duration(event.retryInMs)}`);
      return;
    case 'table-loaded':
      log.line(`route server reloaded: ${rs}: ${event.prefixes} prefixes from ${event.peers} peers in ${event.loadMs.toFixed(0)} ms`);
      return;
    case 'table-rejected':
      log.warnLimited(
        `rejected ${rs}`,
        `route server reload-failed: ${event.error.message}${event.keptPrevious ? '; still answering from the previous table' : ''}`,
      );
      return;
  }
}
