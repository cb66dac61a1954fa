/**
 * Why a file others could have written is not to be trusted, as sshd's StrictModes judges: the file
 * and every folder above it must belong to root, this user or a system account (the daemon that
 * writes a dump: frr, bird), and none may be writable by group or others (a folder with the sticky
 * bit, as /tmp, may: there no one else can replace what is ours). Undefined when it is trusted, or
 * not there.
 */
export declare function sharedFileProblem(file: string, uid?: number | undefined): string | undefined;
