import { sharedFileProblem } from '../../io/file-trust.js';
const FIX = 'only root, a system account or this user may write it and every folder above it; move it, or set allow_shared_files on';
/** The inputs that steer answers (config, table, plan, drain file) that another user could have written, each with the fix. */
export function sharedInputProblems(config, configFile) {
    const inputs = [
        configFile,
        config.routeServer === 'table' || config.routeServer === 'mrt' ? config.table : undefined,
        config.planFile,
        config.drainFile,
    ];
    return [...new Set(inputs.filter((f) => f !== undefined))].flatMap((file) => {
        const problem = sharedFileProblem(file);
        return problem === undefined ? [] : [`${problem}: ${FIX}`];
    });
}
/** A process running as root takes no such input unless told to. */
export function refusesSharedInputs(config) {
    return process.getuid?.() === 0 && !config.allowSharedFiles;
}
//# sourceMappingURL=shared-inputs.js.map