/** Settles after `ms`; an unref'd timer would let the process end first, so this one holds it. */
export declare function sleep(ms: number): Promise<void>;
