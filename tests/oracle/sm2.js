// SM2 oracle for the gmtls tests, backed by the npm package sm-crypto (an independent JavaScript
// implementation). Reads one request per line on stdin and writes one answer line per request.
// Fields are separated by single spaces; "-" stands for an empty hex string. IDs are hex of ASCII.
//   pub     <priv>                          -> 04||x||y of [d]G
//   sign    <priv> <msg> <id> <der 0|1> <pub> -> signature hex (r||s, or DER when der = 1)
//   verify  <pub> <msg> <id> <sig> <der>    -> 1 or 0
//   encrypt <pub> <msg> <mode 0|1>          -> ciphertext hex WITHOUT the leading 04 of C1
//                                              (mode 1 = C1C3C2, 0 = C1C2C3, as sm-crypto writes it)
//   decrypt <priv> <ct> <mode>              -> plaintext hex, or "fail"; ct without the leading 04
//   skip ..., pub-skip ...                  -> "skipped" (placeholders that keep the answers aligned)
'use strict'
const path = require('path')
const sm2 = require(path.join(__dirname, 'node_modules', 'sm-crypto')).sm2

const unhex = (h) => (h === '-' ? [] : Array.from(Buffer.from(h, 'hex')))
const idstr = (h) => (h === '-' ? '' : Buffer.from(h, 'hex').toString('latin1'))
const hex = (a) => Buffer.from(a).toString('hex')

function answer(f) {
  switch (f[0]) {
    case 'pub':
      return sm2.getPublicKeyFromPrivateKey(f[1])
    case 'sign':
      return sm2.doSignature(unhex(f[2]), f[1], {hash: true, der: f[4] === '1', userId: idstr(f[3]), publicKey: f[5]})
    case 'verify':
      return sm2.doVerifySignature(unhex(f[2]), f[4], f[1], {hash: true, der: f[5] === '1', userId: idstr(f[3])})
        ? '1' : '0'
    case 'encrypt':
      return sm2.doEncrypt(unhex(f[2]), f[1], Number(f[3]))
    case 'decrypt': {
      const m = sm2.doDecrypt(f[2], f[1], Number(f[3]), {output: 'array'})
      return m.length ? hex(m) : 'fail'
    }
    case 'skip':
    case 'pub-skip':
      return 'skipped'
    default:
      return 'error unknown request ' + f[0]
  }
}

const input = require('fs').readFileSync(0, 'utf8')
const out = []
for (const line of input.split('\n')) {
  if (!line) continue
  try {
    out.push(answer(line.split(' ')))
  } catch (e) {
    out.push('error ' + String(e.message || e).replace(/\s+/g, ' '))
  }
}
process.stdout.write(out.join('\n') + '\n')
