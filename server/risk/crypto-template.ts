/** The built-in "Crypto addresses" group: wallet address formats, each between word boundaries. */
export const CRYPTO_TEMPLATE = {
  name: "Crypto addresses",
  action: "confirm" as const,
  patterns: [
    // TRC20 (TRON): T + 33 base58 characters.
    "\\bT[1-9A-HJ-NP-Za-km-z]{33}\\b",
    // ERC20 (Ethereum and compatible): 0x + 40 hex digits.
    "\\b0x[0-9a-fA-F]{40}\\b",
    // BTC legacy (1…) and P2SH (3…): base58.
    "\\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\\b",
    // BTC bech32 (bc1…).
    "\\bbc1[02-9ac-hj-np-z]{11,71}\\b",
  ],
};
