// In the CLI bundle, yargs' two checks of its own arguments (its platform
// shim imports them from node:assert), without loading node:assert and the
// modules it brings (~1 ms of every start): bundle-cli.mjs, assertLite.
export function strictEqual (actual, expected, message) {
  if (actual !== expected) throw new Error(message ?? `Expected values to be strictly equal: ${String(actual)} !== ${String(expected)}`)
}

export function notStrictEqual (actual, expected, message) {
  if (actual === expected) throw new Error(message ?? `Expected "actual" to be strictly unequal to: ${String(expected)}`)
}
