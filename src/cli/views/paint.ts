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
export const PLAIN: Paint = Object.defineProperties((text: string) => text, {
  bold: { get: () => PLAIN },
  green: { get: () => PLAIN },
  cyan: { get: () => PLAIN },
  dim: { get: () => PLAIN },
  red: { get: () => PLAIN },
  yellow: { get: () => PLAIN },
}) as Paint;

/** chalk for standard error, loaded only where a person reads it (its import costs start-up time). */
export async function stderrPaint(colour: boolean): Promise<Paint> {
  if (!colour) return PLAIN;
  const { chalkStderr } = await import('chalk');
  return chalkStderr;
}

/** Colour for stdout, when a person reads it there (`--status`, `--check`); chalk turns it off when stdout is not a terminal. */
export async function stdoutPaint(colour: boolean): Promise<Paint> {
  if (!colour) return PLAIN;
  const { default: chalk } = await import('chalk');
  return chalk;
}
