/**
 * Runs the command line in this process and exits only once every answer written has reached the
 * reader: stdout on a pipe is written asynchronously, and exiting earlier would drop what is queued.
 */
export declare function runProcess(version: string): Promise<never>;
