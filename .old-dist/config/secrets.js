import { readFileSync, statSync } from 'node:fs';
import { ConfigError } from './config.js';
import { errorMessage } from '../io/error-message.js';
export function exposedSecretWarning(path) {
    try {
        const mode = statSync(path).mode;
        if ((mode & 0o077) !== 0)
            return `${path} holds a password but is readable by group or others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${path}`;
    }
    catch {
        /* unreadable: reported elsewhere */
    }
    return undefined;
}
export function readPasswordFile(path, source) {
    let text;
    try {
        text = readFileSync(path, 'utf8');
    }
    catch (e) {
        throw new ConfigError(source, `cannot read password file ${path}: ${errorMessage(e)}`);
    }
    return { password: text.split(/\r?\n/)[0] ?? '', warning: exposedSecretWarning(path) };
}
//# sourceMappingURL=secrets.js.map