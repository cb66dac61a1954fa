/** A TCP port given as a number or a service name, resolved without DNS. */
export declare function resolvePort(text: string, servicesPath?: string): number | undefined;
