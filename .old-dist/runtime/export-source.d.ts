import type { ExportSource } from '../export/render.js';
import type { Runtime } from './runtime.js';
/**
 * The table with the rules that answer it now, frozen: the POPs out at this moment and the plan's
 * lines in force. Every file and push of one write is made from one of these, so that a POP going out
 * half-way through a long render changes none of it (the next write takes it).
 */
export declare function exportSourceNow(runtime: Runtime, nowMs?: number): ExportSource;
