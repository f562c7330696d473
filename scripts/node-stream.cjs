// readable-stream, in the CLI bundle: Node's own streams (bundle-cli.mjs, nodeStreams).
module.exports = require('node:stream')
