'use strict';
// dist/supersparrow.cjs: what Apache, PowerDNS, systemd and bin/supersparrow start.
// SIGUSR2 asks for the counters; until the program is loaded, it must not end it (its default action).
process.on('SIGUSR2', () => {});
// Every Apache restart starts the map anew: the bundle is compiled from the V8 code cache the build
// writes beside it (a third of a start-up otherwise). A cache from another Node or another bundle is
// rejected by V8 itself, and the bundle is then compiled as usual.
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const Module = require('node:module');
const { Script } = require('node:vm');

const bundle = join(__dirname, 'supersparrow-bundle.cjs');
const cacheFile = `${bundle}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {}
const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
// The build runs one answer with this set: the cache then holds what a start-up compiles.
if (process.env.SUPERSPARROW_WRITE_CODE_CACHE === '1')
  process.once('exit', () => {
    writeFileSync(`${cacheFile}.${process.pid}.tmp`, script.createCachedData());
    renameSync(`${cacheFile}.${process.pid}.tmp`, cacheFile);
  });
const loaded = new Module(bundle, module);
loaded.filename = bundle;
loaded.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext()(loaded.exports, Module.createRequire(bundle), loaded, bundle, __dirname);
