/**
 * The fewest CIDR blocks covering exactly the addresses `first` to `last`: each block is the largest
 * one aligned at the current start that does not pass the end. IPv4 as numbers, IPv6 as bigints.
 */
export function rangeToCidrs4(first: number, last: number): Array<{ network: number; length: number }> {
  const blocks: Array<{ network: number; length: number }> = [];
  let start = first;
  while (start <= last) {
    let size = 1;
    let length = 32;
    // Grow while aligned and within the range: at most 32 doublings.
    while (length > 0 && start % (size * 2) === 0 && start + size * 2 - 1 <= last) {
      size *= 2;
      length--;
    }
    blocks.push({ network: start, length });
    start += size;
  }
  return blocks;
}

export function rangeToCidrs6(first: bigint, last: bigint): Array<{ network: bigint; length: number }> {
  const blocks: Array<{ network: bigint; length: number }> = [];
  let start = first;
  while (start <= last) {
    let size = 1n;
    let length = 128;
    while (length > 0 && start % (size * 2n) === 0n && start + size * 2n - 1n <= last) {
      size *= 2n;
      length--;
    }
    blocks.push({ network: start, length });
    start += size;
  }
  return blocks;
}
