import readlineSync from 'readline-sync';
/**
 * The route server's password from the person at the terminal, unechoed. Synchronous on purpose: it
 * comes before anything else runs, and a person answers it; Enter alone means no password.
 */
export function askPassword(config) {
    const where = config.hosts.length > 0 ? config.hosts.join(', ') : 'the route server';
    return readlineSync.question(`password for ${where} (Enter for none; password_file saves asking): `, {
        hideEchoBack: true,
        mask: '',
    });
}
//# sourceMappingURL=ask.js.map