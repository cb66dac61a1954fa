/** The few styles explanations use; chalk's instance has this shape. */
export interface Paint {
    (text: string): string;
    readonly bold: Paint;
    readonly green: Paint;
    readonly cyan: Paint;
    readonly dim: Paint;
    readonly red: Paint;
    readonly yellow: Paint;
}
/** No colour: every style is the identity. */
export declare const PLAIN: Paint;
/** chalk for standard error, loaded only where a person reads it (its import costs start-up time). */
export declare function stderrPaint(colour: boolean): Promise<Paint>;
/** Colour for stdout, when a person reads it there (`--status`, `--check`); chalk turns it off when stdout is not a terminal. */
export declare function stdoutPaint(colour: boolean): Promise<Paint>;
