import { readFileSync, statSync } from 'node:fs';
import { ConfigError } from './config.js';
import { parseConfigText } from './parse.js';
import { exposedSecretWarning } from './secrets.js';
import { errorMessage } from '../io/error-message.js';
/** Reads a config file; a missing default file is an empty layer, a missing named one an error. */
export function loadConfigFile(path, required) {
    let text;
    try {
        if (!statSync(path).isFile())
            throw new Error('not a regular file');
        text = readFileSync(path, 'utf8');
    }
    catch (e) {
        const code = e.code;
        if (!required && code === 'ENOENT')
            return { settings: {}, warnings: [] };
        const fix = code === 'EACCES'
            ? `this user (uid ${process.getuid?.() ?? '?'}) may not read it: give the user read access (e.g. a group it is in, mode 0640), or run as one who may`
            : code === 'ENOENT'
                ? 'give an existing file with --config FILE'
                : 'give a regular file with --config FILE';
        throw new ConfigError(undefined, `cannot read config file ${path}: ${errorMessage(e)}; ${fix}`);
    }
    const layer = parseConfigText(text, path);
    const warnings = [...layer.warnings];
    if (layer.settings.password !== undefined) {
        const w = exposedSecretWarning(path);
        if (w)
            warnings.push(w);
    }
    return { settings: layer.settings, warnings };
}
//# sourceMappingURL=files.js.map