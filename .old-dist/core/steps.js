export function runSteps(steps) {
    for (;;) {
        const step = steps.next();
        if (step.done)
            return step.value;
    }
}
export async function runStepsYielding(steps) {
    for (;;) {
        const step = steps.next();
        if (step.done)
            return step.value;
        await new Promise((resolve) => setImmediate(resolve));
    }
}
//# sourceMappingURL=steps.js.map