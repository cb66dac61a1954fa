import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageVersion } from './cli/main.js';
import { runProcess } from './cli/run-process.js';

// Built into dist/supersparrow.cjs, one CommonJS file with its modules inside: it starts in about half
// the time of the ES modules, and every Apache restart starts the map anew. __dirname is dist/.
void runProcess(packageVersion(pathToFileURL(join(__dirname, '../package.json'))));
