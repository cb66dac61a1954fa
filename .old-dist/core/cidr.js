/**
 * The fewest CIDR blocks covering exactly the addresses `first` to `last`: each block is the largest
 * one aligned at the current start that does not pass the end. IPv4 as numbers, IPv6 as bigints.
 * A block's size is the smaller of the start's alignment (its lowest set bit) and the largest power
 * of two the rest of the range holds: one step per block, not one per bit.
 */
export function rangeToCidrs4(first, last) {
    const blocks = [];
    let start = first;
    while (start <= last) {
        const alignBits = start === 0 ? 32 : 31 - Math.clz32((start & -start) >>> 0);
        const span = last - start + 1;
        const spanBits = span >= 2 ** 32 ? 32 : 31 - Math.clz32(span);
        const bits = Math.min(alignBits, spanBits);
        blocks.push({ network: start, length: 32 - bits });
        start += 2 ** bits;
    }
    return blocks;
}
export function rangeToCidrs6(first, last) {
    const blocks = [];
    let start = first;
    while (start <= last) {
        const alignBits = start === 0n ? 128 : bitLength(start & -start) - 1;
        const spanBits = bitLength(last - start + 1n) - 1;
        const bits = Math.min(alignBits, spanBits);
        blocks.push({ network: start, length: 128 - bits });
        start += 1n << BigInt(bits);
    }
    return blocks;
}
/** The number of bits of a positive bigint. */
function bitLength(value) {
    const hex = value.toString(16);
    return (hex.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(hex[0], 16)));
}
//# sourceMappingURL=cidr.js.map