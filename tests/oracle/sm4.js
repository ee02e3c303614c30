// SM4 oracle for gmtls tests, using npm sm-crypto (an independent implementation).
// Usage: node sm4.js REQUESTS_FILE
// Each request line: <enc|dec> <ecb|cbc> <none|pkcs#7> <key hex> <iv hex or -> <data hex or ->
// Each output line: the result in hex (- when empty), or "error <message>".
'use strict';
const fs = require('fs');
const path = require('path');
const sm4 = require(path.join(__dirname, 'node_modules', 'sm-crypto')).sm4;

const hexToBytes = (h) => (h === '-' ? [] : Array.from(Buffer.from(h, 'hex')));
const bytesToHex = (a) => (a.length === 0 ? '-' : Buffer.from(a).toString('hex'));

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() !== '');
const out = [];
for (const line of lines) {
  const [op, mode, padding, key, iv, data] = line.trim().split(/\s+/);
  const opts = { padding, output: 'array' };
  if (mode === 'cbc') {
    opts.mode = 'cbc';
    opts.iv = hexToBytes(iv);
  }
  try {
    const input = hexToBytes(data);
    const res = op === 'enc' ? sm4.encrypt(input, hexToBytes(key), opts) : sm4.decrypt(input, hexToBytes(key), opts);
    out.push(bytesToHex(res));
  } catch (e) {
    out.push('error ' + String(e.message).replace(/\s+/g, '_'));
  }
}
process.stdout.write(out.join('\n') + '\n');
