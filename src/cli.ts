import { processIo } from './cli/io.js';
import { main, packageVersion } from './cli/main.js';

// The one place the program exits: sessions and timers may still be open, answers are written.
process.exit(await main(process.argv.slice(2), processIo(), packageVersion(new URL('../package.json', import.meta.url))));
