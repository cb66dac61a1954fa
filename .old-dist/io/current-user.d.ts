/** Who runs this: the user behind sudo, else the process's own, else its uid. */
export declare function currentUser(): string;
