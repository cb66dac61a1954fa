/**
 * The fewest CIDR blocks covering exactly the addresses `first` to `last`: each block is the largest
 * one aligned at the current start that does not pass the end. IPv4 as numbers, IPv6 as bigints.
 * A block's size is the smaller of the start's alignment (its lowest set bit) and the largest power
 * of two the rest of the range holds: one step per block, not one per bit.
 */
export declare function rangeToCidrs4(first: number, last: number): Array<{
    network: number;
    length: number;
}>;
export declare function rangeToCidrs6(first: bigint, last: bigint): Array<{
    network: bigint;
    length: number;
}>;
