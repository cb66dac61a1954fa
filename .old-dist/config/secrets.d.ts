import { type SettingSource } from './config.js';
export declare function exposedSecretWarning(path: string): string | undefined;
export declare function readPasswordFile(path: string, source: SettingSource): {
    password: string;
    warning: string | undefined;
};
