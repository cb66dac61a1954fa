/**
 * Long computations are generators that yield between steps: run whole where nothing else waits
 * (start-up, tests), or a step at a time with the event loop running between, so that answers go on.
 */
export type Steps<T> = Generator<void, T>;
export declare function runSteps<T>(steps: Steps<T>): T;
export declare function runStepsYielding<T>(steps: Steps<T>): Promise<T>;
