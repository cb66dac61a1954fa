/** IPv4 keys are the network's significant bits alone, shifted right: small integers. */
const key4 = (value, length) => (length === 0 ? 0 : value >>> (32 - length));
const network4 = (key, length) => (length === 0 ? 0 : (key << (32 - length)) >>> 0);
/**
 * IPv6 keys are the network's significant hex digits, the last one masked: strings, which V8 hashes
 * with a per-process random seed over every character. BigInt keys hash by their low word only, so
 * addresses sharing an interface ID (`…::1` across a /48) all collided and each probe became a scan.
 */
const MASKED_NIBBLE = [1, 2, 3].map((bits) => Array.from({ length: 16 }, (_, n) => (n & (0xf0 >> bits) & 0xf).toString(16)));
const hex6 = (value) => value.toString(16).padStart(32, '0');
function key6(hex, length) {
    const whole = length >> 2;
    const partial = length & 3;
    const head = hex.slice(0, whole);
    return partial === 0 ? head : head + MASKED_NIBBLE[partial - 1][parseInt(hex[whole], 16)];
}
const network6 = (key, length) => (length === 0 ? 0n : BigInt(`0x${key.padEnd(32, '0')}`));
/**
 * Prefix → value with longest-prefix match. Probing each present length costs O(lengths), which is
 * small in real tables (about 25 IPv4 and 40 IPv6 lengths in a full feed) and needs no trie.
 */
export class PrefixMap {
    #v4 = { lengths: [], byLength: new Map() };
    #v6 = { lengths: [], byLength: new Map() };
    #size = 0;
    get size() {
        return this.#size;
    }
    set(prefix, value) {
        const bucket = prefix.family === 4 ? this.#bucket(this.#v4, prefix.length, true) : this.#bucket(this.#v6, prefix.length, true);
        const key = this.#key(prefix);
        if (!bucket.has(key))
            this.#size++;
        bucket.set(key, value);
    }
    get(prefix) {
        const bucket = prefix.family === 4 ? this.#v4.byLength.get(prefix.length) : this.#v6.byLength.get(prefix.length);
        return bucket?.get(this.#key(prefix));
    }
    delete(prefix) {
        const table = (prefix.family === 4 ? this.#v4 : this.#v6);
        const bucket = table.byLength.get(prefix.length);
        if (!bucket?.delete(this.#key(prefix)))
            return false;
        this.#size--;
        if (bucket.size === 0) {
            table.byLength.delete(prefix.length);
            table.lengths = table.lengths.filter((l) => l !== prefix.length);
        }
        return true;
    }
    clear() {
        for (const t of [this.#v4, this.#v6]) {
            t.lengths = [];
            t.byLength.clear();
        }
        this.#size = 0;
    }
    longestMatch(address) {
        return address.family === 4 ? this.#probe4(address.value, 33) : this.#probe6(address.value, 129);
    }
    /** The longest entry strictly shorter than `prefix` that covers it. */
    coveringMatch(prefix) {
        return prefix.family === 4 ? this.#probe4(prefix.network, prefix.length) : this.#probe6(prefix.network, prefix.length);
    }
    *entries() {
        for (const [length, bucket] of this.#v4.byLength)
            for (const [key, value] of bucket)
                yield { prefix: { family: 4, network: network4(key, length), length }, value };
        for (const [length, bucket] of this.#v6.byLength)
            for (const [key, value] of bucket)
                yield { prefix: { family: 6, network: network6(key, length), length }, value };
    }
    #probe4(value, below) {
        const { lengths, byLength } = this.#v4;
        for (const length of lengths) {
            if (length >= below)
                continue;
            const found = byLength.get(length).get(key4(value, length));
            if (found !== undefined)
                return { prefix: { family: 4, network: network4(key4(value, length), length), length }, value: found };
        }
        return undefined;
    }
    #probe6(value, below) {
        const { lengths, byLength } = this.#v6;
        if (lengths.length === 0)
            return undefined;
        const hex = hex6(value);
        for (const length of lengths) {
            if (length >= below)
                continue;
            const key = key6(hex, length);
            const found = byLength.get(length).get(key);
            if (found !== undefined)
                return { prefix: { family: 6, network: network6(key, length), length }, value: found };
        }
        return undefined;
    }
    #key(prefix) {
        return prefix.family === 4 ? key4(prefix.network, prefix.length) : key6(hex6(prefix.network), prefix.length);
    }
    #bucket(table, length, create) {
        let bucket = table.byLength.get(length);
        if (!bucket && create) {
            bucket = new Map();
            table.byLength.set(length, bucket);
            table.lengths.push(length);
            table.lengths.sort((a, b) => b - a);
        }
        return bucket;
    }
}
//# sourceMappingURL=prefix-map.js.map