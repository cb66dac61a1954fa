/**
 * The host a POP answer names, for DNS: `www.y.example.net:8080` → `www.y.example.net`, `[2001:db8::7]:443`
 * → `2001:db8::7`, an address as it is; undefined for `NULL`, which names none.
 */
export declare function hostOf(answer: string): string | undefined;
