import { main } from './cli/main.js';
import { processIo } from './cli/io.js';

// The one place the program exits: sessions and timers may still be open, answers are written.
process.exit(await main(process.argv.slice(2), processIo()));
