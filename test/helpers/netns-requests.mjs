// Run inside a client network namespace: reads JSON jobs on stdin, [{ from, to, port, count }], makes
// each job's `count` HTTP requests from address `from` to `to`, each on a new connection, at most
// CONCURRENT at once and each bounded by TIMEOUT_MS, then prints { ok, failed, errors } as JSON.
import { get } from 'node:http';

const CONCURRENT = 48;
const TIMEOUT_MS = 5000;

function request({ from, to, port }) {
  return new Promise((resolve, reject) => {
    const req = get({ host: to, port, path: '/', localAddress: from, agent: false, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${to} in ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
  });
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  input += chunk;
});
process.stdin.on('end', async () => {
  const queue = JSON.parse(input).flatMap((job) => Array.from({ length: job.count }, () => job));
  const result = { ok: 0, failed: 0, errors: [] };
  const worker = async () => {
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      try {
        await request(job);
        result.ok++;
      } catch (e) {
        result.failed++;
        if (result.errors.length < 5) result.errors.push(`${job.from} → ${job.to}: ${e.message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT }, worker));
  process.stdout.write(`${JSON.stringify(result)}\n`);
});
