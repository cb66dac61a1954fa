import type { RouteServerEvent } from '../route-servers/route-server.js';
import type { Logger } from './log.js';

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

/**
 * Route-server events as log lines: each outage once when it starts and once when it ends (with how
 * long it lasted), rate-limited per route server; routine reconnects only when `chatty`.
 */
export function logRouteServerEvent(log: Logger, event: RouteServerEvent, chatty: boolean): void {
  const rs = event.routeServer;
  switch (event.kind) {
    case 'up':
      if (event.downForMs !== undefined)
        log.warnLimited(`up ${rs}`, `route server up: ${rs} answers again (${event.greeting}) after ${duration(event.downForMs)} down`);
      else if (chatty) log.line(`route server up: ${rs}: connected (${event.greeting})`);
      return;
    case 'lost':
      if (chatty) log.warnLimited(`lost ${rs}`, `route server lost: ${event.error.message}; reconnecting`);
      else log.warnLimited(`lost ${rs}`, `route server lost: ${event.error.message}`);
      return;
    case 'down':
      log.warnLimited(`down ${rs}`, `route server down: ${event.error.message}; retrying in ${duration(event.retryInMs)}`);
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
