import type { Prefix } from '../core/prefix.js';
import { type RouteReply } from '../core/route.js';
/** A route from a prefix and a path's text, or why the text is not a path; `context` says where it was. */
export declare function routeReply(prefix: Prefix, asPathText: string, context?: string, otherPathTexts?: readonly string[]): RouteReply;
