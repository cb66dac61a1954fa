import { FINEST_SPLIT } from '../../capacity/demand-item.js';
import { prefixAround } from '../../core/prefix.js';
import { errorMessage } from '../../io/error-message.js';
import { printable } from '../../io/printable.js';
import { logSources, type LogSource } from '../../logs/log-input.js';
import { rttFactsOf } from '../../logs/rtt-facts.js';
import { qualityReport } from '../../quality/quality-report.js';
import { RttTally } from '../../quality/rtt-tally.js';
import { lastErrorOf } from '../../route-servers/route-server.js';
import { takeOneLook } from '../../runtime/first-look.js';
import type { CliContext } from '../context.js';
import { EXIT_FALLBACK, EXIT_OK, EXIT_USAGE } from '../process/io.js';
import { answerLogLines } from '../process/log-reading.js';
import { qualityText } from '../views/quality-view.js';
import { type Command, ONE_OFF, usesLogSettings } from './command.js';

/** How long --quality gives a route server that has just been started to answer at all. */
const FIRST_ANSWER_MS = 5000;

/**
 * `--quality [--served-by HOST] LOGS…`: each client's round-trip time (rtt_field) by the prefix that
 * decides its answer and the POP that served it (--served-by, or served_by_field), then per prefix
 * each POP's median and 90th percentile, and the prefixes where another POP is measurably faster than
 * the one answers choose now. Exact, as log mode is: lines that could not be answered make status 1.
 */
export async function qualityMode(ctx: CliContext, inputs: readonly string[], servedBy: readonly string[] = []): Promise<number> {
  const { io, config, log } = ctx;
  const rtt = config.rttField;
  if (rtt === undefined) {
    io.stderr.write(
      'supersparrow: --quality reads each client\'s round-trip time: add "rtt_field tcpinfo_rtt us" (a JSON key, or a field number) to the config file, and $tcpinfo_rtt to nginx\'s log_format\n',
    );
    return EXIT_USAGE;
  }
  if (servedBy.length === 0 && config.servedByField === undefined) {
    io.stderr.write(
      'supersparrow: --quality needs the POP that served each line: give --served-by www.y.example.net for one POP\'s logs, or add "served_by_field pop" for JSON logs that name it\n',
    );
    return EXIT_USAGE;
  }
  const badHost = servedBy.find((host) => !/^[A-Za-z0-9.-]{1,253}$/.test(host));
  if (badHost !== undefined) {
    io.stderr.write(`supersparrow: --served-by takes a POP's host name, as in peer lines; got "${printable(badHost)}"\n`);
    return EXIT_USAGE;
  }
  if (servedBy.length > 1 && servedBy.length !== inputs.length) {
    io.stderr.write(
      `supersparrow: ${servedBy.length} --served-by for ${inputs.length} log files: give one for all of them, or one per file in their order (--served-by www.y.example.net --served-by www.x.example.net y.log x.log)\n`,
    );
    return EXIT_USAGE;
  }
  let sources: LogSource[];
  try {
    sources = logSources(inputs, io.stdin);
  } catch (e) {
    io.stderr.write(`supersparrow: ${errorMessage(e)}\n`);
    return EXIT_USAGE;
  }
  await takeOneLook(ctx.runtime, Math.max(config.timeoutMs, FIRST_ANSWER_MS));
  if (!ctx.routeServer.available) {
    const why = lastErrorOf(ctx.routeServer)?.message;
    io.stderr.write(
      `supersparrow: --quality needs the route server's answer for every line, and ${ctx.routeServer.description} does not answer${why ? ` (${why})` : ''}; nothing measured\n`,
    );
    await ctx.routeServer.close();
    return EXIT_FALLBACK;
  }
  const tally = new RttTally();
  const { failed, inputFaults } = await answerLogLines(ctx, sources, (line, outcome, source) => {
    if (outcome.kind !== 'answer' || !outcome.decision.address) return;
    const { decision } = outcome;
    const facts = rttFactsOf(line, rtt, config.servedByField);
    const server = servedBy.length === 0 ? facts.servedBy : servedBy[servedBy.length === 1 ? 0 : source];
    if (facts.rttMs === undefined) tally.withoutRtt++;
    else if (server === undefined) tally.withoutServer++;
    else {
      const address = decision.address!;
      const prefix = decision.route?.prefix ?? prefixAround(address, FINEST_SPLIT[address.family]);
      tally.add(prefix, decision.answer, server, facts.rttMs);
    }
  });
  const report = qualityReport(tally, { marginMs: config.qualityMarginMs, minSamples: config.qualitySamples });
  io.stdout.write(qualityText(report, config.format, ctx.stdoutPaint));
  if (failed > 0) log.line(`${failed} lines could not be answered: left out of the report, which is incomplete`);
  return failed > 0 || inputFaults > 0 ? EXIT_FALLBACK : EXIT_OK;
}

/** `--quality [--served-by HOST] [LOGS…]`: measured against the answers given now (routes, drains). */
export const command: Command = {
  ...ONE_OFF,
  name: 'quality',
  answersFollow: 'drains',
  forPerson: () => true,
  tables: true,
  events: 'log-once-answered',
  uses: usesLogSettings,
  run: (ctx, { args, action }) => qualityMode(ctx, args, action.servedBy),
};
