const MAX_ASN = 0xffff_ffff;
const ASPLAIN = /^(?:AS)?(\d{1,10})$/i;
const ASDOT = /^(?:AS)?(\d{1,5})\.(\d{1,5})$/i;
/** Parses asplain (`4200000001`) or asdot (`64086.59905`, RFC 5396), with an optional `AS` prefix. */
export function parseAsn(text) {
    const plain = ASPLAIN.exec(text);
    if (plain) {
        const n = Number(plain[1]);
        return n <= MAX_ASN ? n : undefined;
    }
    const dot = ASDOT.exec(text);
    if (dot) {
        const high = Number(dot[1]);
        const low = Number(dot[2]);
        return high <= 0xffff && low <= 0xffff ? high * 0x10000 + low : undefined;
    }
    return undefined;
}
//# sourceMappingURL=asn.js.map