import { packageVersion } from './cli/main.js';
import { runProcess } from './cli/run-process.js';
await runProcess(packageVersion(new URL('../package.json', import.meta.url)));
//# sourceMappingURL=cli.js.map