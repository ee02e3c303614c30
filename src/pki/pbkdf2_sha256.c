/* PBKDF2 (RFC 8018 5.2) with HMAC-SHA256 (RFC 2104, FIPS 198-1) for reading encrypted PKCS#8
 * keys written by OpenSSL ("openssl pkcs8 -topk8 -v2 sm4-cbc" uses hmacWithSHA256 as its PRF).
 * SHA-256 (FIPS 180-4 6.2) is implemented here only for that purpose; it is not a public API.
 * Everything runs without data-dependent branches or table indices. */
#include <string.h>

#include "core/bytes.h"
#include "gmtls/error.h"
#include "gmtls/util.h"
#include "pki/key_internal.h"
#include "pki/pbkdf2_internal.h"

/* FIPS 180-4 4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
static const uint32_t K256[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

/* FIPS 180-4 5.3.3: square roots of the first 8 primes. */
static const uint32_t H256[8] = {
    0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au, 0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};

typedef struct {
    uint32_t h[8];
    uint64_t bytes;
    uint8_t buf[64];
    size_t num;
} sha256_ctx;

static uint32_t ror(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

/* FIPS 180-4 6.2.2 */
static void compress(uint32_t h[8], const uint8_t blk[64])
{
    uint32_t w[64];
    for (int t = 0; t < 16; t++)
        w[t] = gmtls_load_be32(blk + 4 * t);
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = ror(w[t - 15], 7) ^ ror(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = ror(w[t - 2], 17) ^ ror(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int t = 0; t < 64; t++) {
        uint32_t t1 = k + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K256[t] + w[t];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += k;
    gmtls_wipe(w, sizeof(w));
}

static void sha256_init(sha256_ctx *c)
{
    memcpy(c->h, H256, sizeof(H256));
    c->bytes = 0;
    c->num = 0;
}

static void sha256_update(sha256_ctx *c, const uint8_t *p, size_t n)
{
    c->bytes += n;
    if (c->num) {
        size_t take = 64 - c->num < n ? 64 - c->num : n;
        memcpy(c->buf + c->num, p, take);
        c->num += take;
        p += take;
        n -= take;
        if (c->num < 64)
            return;
        compress(c->h, c->buf);
        c->num = 0;
    }
    for (; n >= 64; p += 64, n -= 64)
        compress(c->h, p);
    if (n)
        memcpy(c->buf, p, n);
    c->num = n;
}

/* FIPS 180-4 5.1.1 padding */
static void sha256_final(sha256_ctx *c, uint8_t out[32])
{
    uint64_t bits = c->bytes * 8;
    c->buf[c->num++] = 0x80;
    if (c->num > 56) {
        memset(c->buf + c->num, 0, 64 - c->num);
        compress(c->h, c->buf);
        c->num = 0;
    }
    memset(c->buf + c->num, 0, 56 - c->num);
    gmtls_store_be32(c->buf + 56, (uint32_t)(bits >> 32));
    gmtls_store_be32(c->buf + 60, (uint32_t)bits);
    compress(c->h, c->buf);
    for (int i = 0; i < 8; i++)
        gmtls_store_be32(out + 4 * i, c->h[i]);
    gmtls_wipe(c, sizeof(*c));
}

typedef struct {
    sha256_ctx inner, outer;
} hmac256_ctx;

/* RFC 2104 2 */
static void hmac256_init(hmac256_ctx *c, const uint8_t *key, size_t len)
{
    uint8_t k[64] = {0}, pad[64];
    if (len > 64) {
        sha256_ctx t;
        sha256_init(&t);
        sha256_update(&t, key, len);
        sha256_final(&t, k);
    } else if (len) {
        memcpy(k, key, len);
    }
    for (int i = 0; i < 64; i++)
        pad[i] = (uint8_t)(k[i] ^ 0x36);
    sha256_init(&c->inner);
    sha256_update(&c->inner, pad, 64);
    for (int i = 0; i < 64; i++)
        pad[i] = (uint8_t)(k[i] ^ 0x5c);
    sha256_init(&c->outer);
    sha256_update(&c->outer, pad, 64);
    gmtls_wipe(k, sizeof(k));
    gmtls_wipe(pad, sizeof(pad));
}

static void hmac256_final(hmac256_ctx *c, uint8_t out[32])
{
    uint8_t ih[32];
    sha256_final(&c->inner, ih);
    sha256_update(&c->outer, ih, 32);
    sha256_final(&c->outer, out);
    gmtls_wipe(ih, sizeof(ih));
}

static void hmac256_prf_init(void *ctx, const uint8_t *key, size_t len)
{
    hmac256_init(ctx, key, len);
}

static void hmac256_prf_update(void *ctx, const uint8_t *p, size_t len)
{
    sha256_update(&((hmac256_ctx *)ctx)->inner, p, len);
}

static void hmac256_prf_final(void *ctx, uint8_t out[32])
{
    hmac256_final(ctx, out);
}

static const gmtls_pbkdf2_prf_ops hmac_sha256_prf = {sizeof(hmac256_ctx), hmac256_prf_init, hmac256_prf_update,
                                                     hmac256_prf_final};

int gmtls_pbkdf2_hmac_sha256(const uint8_t *pass, size_t pass_len, const uint8_t *salt, size_t salt_len,
                             uint32_t iter, uint8_t *out, size_t out_len)
{
    hmac256_ctx keyed, work;
    return gmtls_pbkdf2_run(&hmac_sha256_prf, &keyed, &work, pass, pass_len, salt, salt_len, iter, out, out_len);
}
