/** One request from PowerDNS's pipe backend (doc/backends/pipe, as measured on 4.7). */
export type PipeRequest =
  | { readonly kind: 'helo'; readonly abi: number }
  | {
      readonly kind: 'query';
      /** Lower case, without the trailing dot; the root is `.`. */
      readonly qname: string;
      readonly qtype: string;
      readonly zoneId: string;
      /** The resolver's address (field 6). */
      readonly remote: string;
      /** ABI 3 and up: the ECS source `net/bits`, or the remote as /32 or /128 (field 8). */
      readonly realRemote: string | undefined;
    }
  | { readonly kind: 'axfr'; readonly zoneId: string }
  | { readonly kind: 'cmd'; readonly text: string }
  | { readonly kind: 'garbage'; readonly line: string };

export function parsePipeRequest(line: string): PipeRequest {
  const fields = line.replace(/\r$/, '').split('\t');
  switch (fields[0]) {
    case 'HELO': {
      const abi = Number(fields[1]);
      return Number.isInteger(abi) && abi >= 1 && abi <= 5 ? { kind: 'helo', abi } : { kind: 'garbage', line };
    }
    case 'Q': {
      if (fields.length < 6) return { kind: 'garbage', line };
      const qname = fields[1]!.toLowerCase().replace(/\.$/, '') || '.';
      return { kind: 'query', qname, qtype: fields[3]!.toUpperCase(), zoneId: fields[4]!, remote: fields[5]!, realRemote: fields[7] };
    }
    case 'AXFR':
      return { kind: 'axfr', zoneId: fields[1] ?? '' };
    case 'CMD':
      return { kind: 'cmd', text: fields.slice(1).join('\t') };
    default:
      return { kind: 'garbage', line };
  }
}

export interface PipeRecord {
  readonly qname: string;
  readonly qtype: string;
  readonly ttl: number;
  readonly content: string;
  /** ECS scope: 0 for answers the same for every client. */
  readonly scopeBits: number;
}

/** The response block for one request: DATA lines then END, in the ABI's format, as one string. */
export function pipeResponse(abi: number, records: readonly PipeRecord[], zoneId: string): string {
  const id = zoneId === '-1' || zoneId === '' ? '1' : zoneId;
  const lines = records.map((r) =>
    abi >= 3
      ? `DATA\t${r.scopeBits}\t1\t${r.qname}\tIN\t${r.qtype}\t${r.ttl}\t${id}\t${r.content}`
      : `DATA\t${r.qname}\tIN\t${r.qtype}\t${r.ttl}\t${id}\t${r.content}`,
  );
  lines.push('END');
  return lines.join('\n');
}
