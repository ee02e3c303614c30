// SM3 and HMAC-SM3 oracle for gmtls tests, using npm sm-crypto (an independent implementation).
// Usage: node sm3.js REQUESTS_FILE
// Each request line: "sm3 <msg hex or ->" or "hmac <key hex or -> <msg hex or ->" (- is empty).
// Each output line: the digest or MAC in hex, or "error <message>".
'use strict';
const fs = require('fs');
const path = require('path');
const sm3 = require(path.join(__dirname, 'node_modules', 'sm-crypto')).sm3;

// sm-crypto treats a string input as UTF-8 text, so bytes are always passed as arrays.
const hexToBytes = (h) => (h === undefined || h === '-' ? [] : Array.from(Buffer.from(h, 'hex')));

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() !== '');
const out = [];
for (const line of lines) {
  const f = line.trim().split(/\s+/);
  try {
    if (f[0] === 'sm3') {
      out.push(sm3(hexToBytes(f[1])));
    } else if (f[0] === 'hmac') {
      out.push(sm3(hexToBytes(f[2]), { key: hexToBytes(f[1]) }));
    } else {
      out.push('error unknown_request');
    }
  } catch (e) {
    out.push('error ' + String(e.message).replace(/\s+/g, '_'));
  }
}
process.stdout.write(out.join('\n') + '\n');
