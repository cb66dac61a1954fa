import type { RuntimeEvent } from '../../runtime/runtime-event.js';
import type { Logger } from './log.js';
/**
 * The runtime's events as log lines. A state that goes wrong is logged once when it starts (rate-limited
 * per thing) and always once when it ends if its start was; routine reconnects only when `chatty`.
 */
export declare function logRuntimeEvent(log: Logger, event: RuntimeEvent, chatty: boolean): void;
