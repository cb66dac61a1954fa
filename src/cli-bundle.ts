import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { processIo } from './cli/io.js';
import { main, packageVersion } from './cli/main.js';

// Built into dist/supersparrow.cjs, one CommonJS file with its modules inside: it starts in about half
// the time of the ES modules, and every Apache restart starts the map anew. __dirname is dist/.
void main(process.argv.slice(2), processIo(), packageVersion(pathToFileURL(join(__dirname, '../package.json')))).then((status) =>
  process.exit(status),
);
