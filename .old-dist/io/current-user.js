import { userInfo } from 'node:os';
/** Who runs this: the user behind sudo, else the process's own, else its uid. */
export function currentUser() {
    if (process.env.SUDO_USER)
        return process.env.SUDO_USER;
    try {
        return userInfo().username;
    }
    catch {
        return String(process.getuid?.() ?? '');
    }
}
//# sourceMappingURL=current-user.js.map