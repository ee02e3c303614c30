/* SM4 (GB/T 32907-2016), portable constant-time implementation.
 *
 * No table is ever indexed by data: the S-box is evaluated as a Boolean circuit. SM4's S-box is
 * affine-equivalent to inversion in GF(2^8) (S(x) = A2 * inv(A1 * x + c1) + c2); the circuit
 * maps the input affinely into the tower field GF((2^4)^2) (GF(16) = GF(2)[z]/(z^4+z+1),
 * GF(256) = GF(16)[w]/(w^2+w+9)), inverts there with GF(16) products and a GF(16) inverse in
 * algebraic normal form, and maps back affinely. The matrices and the tower parameters were
 * derived for gmtls and checked against all 256 S-box entries; the tests compare every output with
 * OpenSSL and the standard's examples.
 *
 * Bulk data runs bitsliced: 64 blocks at once, one uint64_t per state bit, so the 32-bit rotations
 * of L are free renamings. Single blocks (serial CBC, the key schedule) run the same circuit with
 * the four bytes of a word packed into one machine word (bit i of every byte in one "plane"). */
#include <string.h>

#include "core/bytes.h"
#include "gmtls/util.h"
#include "crypto/sm4_internal.h"

/* r0..r3 = x * y in GF(16) = GF(2)[z]/(z^4+z+1), bit planes lowest degree first: the partial
 * products r_ij = x_i y_j, the seven coefficients c0..c6 of the plain product, then z^4 = z + 1,
 * z^5 = z^2 + z, z^6 = z^3 + z^2. Declares const r0..r3 (and the partial terms) in the
 * enclosing block. The three products of the S-box circuit use it. */
#define GF16_MUL(r, x0, x1, x2, x3, y0, y1, y2, y3)                     \
    const uint64_t r##_00 = (x0) & (y0);                                \
    const uint64_t r##_01 = (x0) & (y1);                                \
    const uint64_t r##_02 = (x0) & (y2);                                \
    const uint64_t r##_03 = (x0) & (y3);                                \
    const uint64_t r##_10 = (x1) & (y0);                                \
    const uint64_t r##_11 = (x1) & (y1);                                \
    const uint64_t r##_12 = (x1) & (y2);                                \
    const uint64_t r##_13 = (x1) & (y3);                                \
    const uint64_t r##_20 = (x2) & (y0);                                \
    const uint64_t r##_21 = (x2) & (y1);                                \
    const uint64_t r##_22 = (x2) & (y2);                                \
    const uint64_t r##_23 = (x2) & (y3);                                \
    const uint64_t r##_30 = (x3) & (y0);                                \
    const uint64_t r##_31 = (x3) & (y1);                                \
    const uint64_t r##_32 = (x3) & (y2);                                \
    const uint64_t r##_33 = (x3) & (y3);                                \
    const uint64_t r##_c0 = r##_00;                                     \
    const uint64_t r##_c1 = r##_01 ^ r##_10;                            \
    const uint64_t r##_c2 = r##_02 ^ r##_11 ^ r##_20;                   \
    const uint64_t r##_c3 = r##_03 ^ r##_12 ^ r##_21 ^ r##_30;          \
    const uint64_t r##_c4 = r##_13 ^ r##_22 ^ r##_31;                   \
    const uint64_t r##_c5 = r##_23 ^ r##_32;                            \
    const uint64_t r##_c6 = r##_33;                                     \
    const uint64_t r##0 = r##_c0 ^ r##_c4;                              \
    const uint64_t r##1 = r##_c1 ^ r##_c4 ^ r##_c5;                     \
    const uint64_t r##2 = r##_c2 ^ r##_c5 ^ r##_c6;                     \
    const uint64_t r##3 = r##_c3 ^ r##_c6

/* The S-box as a circuit on bit planes: x[i] holds bit i (LSB = 0) of the input bytes, y[i] bit i
 * of the output bytes, for 64 independent lanes. 188 gates (AND, XOR, NOT). */
static inline void sbox_bs(const uint64_t x[8], uint64_t y[8])
{
    const uint64_t a0 = ~(x[0] ^ x[1] ^ x[5] ^ x[6]);
    const uint64_t a1 = ~(x[5]);
    const uint64_t a2 = ~(x[2]);
    const uint64_t a3 = ~(x[1] ^ x[4]);
    const uint64_t a4 = ~(x[3] ^ x[4]);
    const uint64_t a5 = ~(x[1] ^ x[3] ^ x[4] ^ x[7]);
    const uint64_t a6 = x[1] ^ x[2] ^ x[3] ^ x[6] ^ x[7];
    const uint64_t a7 = ~(x[1] ^ x[4] ^ x[5] ^ x[6]);
    const uint64_t e0 = a0 ^ a2 ^ a4;
    const uint64_t e1 = a2 ^ a5 ^ a7;
    const uint64_t e2 = a1 ^ a3 ^ a7;
    const uint64_t e3 = a3 ^ a4 ^ a6;
    GF16_MUL(p, a4, a5, a6, a7, a0, a1, a2, a3);
    const uint64_t d0 = e0 ^ p0;
    const uint64_t d1 = e1 ^ p1;
    const uint64_t d2 = e2 ^ p2;
    const uint64_t d3 = e3 ^ p3;
    const uint64_t m5 = d0 & d2;
    const uint64_t m6 = d1 & d2;
    const uint64_t m3 = d0 & d1;
    const uint64_t m7 = m3 & d2;
    const uint64_t m14 = m6 & d3;
    const uint64_t q0 = d0 ^ d1 ^ d2 ^ m5 ^ m6 ^ m7 ^ d3 ^ m14;
    const uint64_t m10 = d1 & d3;
    const uint64_t m11 = m3 & d3;
    const uint64_t q1 = m3 ^ m5 ^ m6 ^ d3 ^ m10 ^ m11;
    const uint64_t m9 = d0 & d3;
    const uint64_t m13 = m5 & d3;
    const uint64_t q2 = m3 ^ d2 ^ m5 ^ d3 ^ m9 ^ m13;
    const uint64_t m12 = d2 & d3;
    const uint64_t q3 = d1 ^ d2 ^ d3 ^ m9 ^ m10 ^ m12 ^ m14;
    GF16_MUL(bh, a4, a5, a6, a7, q0, q1, q2, q3);
    const uint64_t s0 = a4 ^ a0;
    const uint64_t s1 = a5 ^ a1;
    const uint64_t s2 = a6 ^ a2;
    const uint64_t s3 = a7 ^ a3;
    GF16_MUL(bl, s0, s1, s2, s3, q0, q1, q2, q3);
    y[0] = ~(bh0 ^ bh2);
    y[1] = ~(bl3 ^ bh0);
    y[2] = bl0 ^ bl1 ^ bl2 ^ bh0 ^ bh1 ^ bh2 ^ bh3;
    y[3] = bl0 ^ bl1 ^ bl3 ^ bh2;
    y[4] = ~(bl1 ^ bh3);
    y[5] = bl2 ^ bh0 ^ bh3;
    y[6] = ~(bl0 ^ bl2 ^ bh0 ^ bh2);
    y[7] = ~(bl2 ^ bl3 ^ bh0);
}

/* tau (GB/T 32907-2016 6.2.1): the S-box on each byte of a, in constant time. Plane i is a >> i:
 * bit i of every byte lands at bit positions 0, 8, 16, 24; the other bit positions carry don't-care
 * values that never mix into these (the circuit is bitwise) and are masked off at the end. */
uint32_t gmtls_sm4_tau_ct(uint32_t a)
{
    uint64_t x[8], y[8];
    uint32_t r = 0;
    for (unsigned i = 0; i < 8; i++)
        x[i] = a >> i;
    sbox_bs(x, y);
    for (unsigned i = 0; i < 8; i++)
        r |= ((uint32_t)y[i] & 0x01010101u) << i;
    return r;
}

/* L (GB/T 32907-2016 6.2.2). */
static inline uint32_t sm4_l(uint32_t b)
{
    return b ^ gmtls_rotl32(b, 2) ^ gmtls_rotl32(b, 10) ^ gmtls_rotl32(b, 18) ^ gmtls_rotl32(b, 24);
}

/* One block (GB/T 32907-2016 7.1): X_{i+4} = X_i ^ T(X_{i+1} ^ X_{i+2} ^ X_{i+3} ^ rk_i),
 * output (X35, X34, X33, X32). */
static void portable_block(const uint32_t rk[32], const uint8_t in[16], uint8_t out[16])
{
    uint32_t x0 = gmtls_load_be32(in), x1 = gmtls_load_be32(in + 4);
    uint32_t x2 = gmtls_load_be32(in + 8), x3 = gmtls_load_be32(in + 12);
    for (unsigned i = 0; i < 32; i += 4) {
        x0 ^= sm4_l(gmtls_sm4_tau_ct(x1 ^ x2 ^ x3 ^ rk[i]));
        x1 ^= sm4_l(gmtls_sm4_tau_ct(x2 ^ x3 ^ x0 ^ rk[i + 1]));
        x2 ^= sm4_l(gmtls_sm4_tau_ct(x3 ^ x0 ^ x1 ^ rk[i + 2]));
        x3 ^= sm4_l(gmtls_sm4_tau_ct(x0 ^ x1 ^ x2 ^ rk[i + 3]));
    }
    gmtls_store_be32(out, x3);
    gmtls_store_be32(out + 4, x2);
    gmtls_store_be32(out + 8, x1);
    gmtls_store_be32(out + 12, x0);
}

/* Transpose a 64x64 bit matrix in place: bit c of a[r] <-> bit r of a[c]. Each step swaps the
 * off-diagonal sub-blocks of size j. */
static void transpose64(uint64_t a[64])
{
    uint64_t m = 0x00000000FFFFFFFFull;
    for (unsigned j = 32; j != 0; j >>= 1, m ^= m << j) {
        for (unsigned k = 0; k < 64; k = ((k | j) + 1) & ~j) {
            uint64_t t = ((a[k] >> j) ^ a[k | j]) & m;
            a[k] ^= t << j;
            a[k | j] ^= t;
        }
    }
}

/* Scratch for bitsliced64, owned by the caller so it is wiped once per call. */
struct bs_work {
    uint64_t s[128], o[128], t[32], y[32];
};

/* 64 blocks, bitsliced. s[32 * w + b] holds bit b of word X_w of every lane (lane = block). */
static void bitsliced64(struct bs_work *w, const uint32_t rk[32], const uint8_t *in, uint8_t *out)
{
    uint64_t *s = w->s, *o = w->o, *t = w->t, *y = w->y;

    /* Rows: lane l gets words (0 | 1 << 32) and (2 | 3 << 32); transposing turns them into
     * bit planes with words 0..3 at s[0..31], s[32..63], s[64..95], s[96..127]. */
    for (unsigned l = 0; l < 64; l++) {
        const uint8_t *p = in + 16 * l;
        s[l] = gmtls_load_be32(p) | (uint64_t)gmtls_load_be32(p + 4) << 32;
        s[64 + l] = gmtls_load_be32(p + 8) | (uint64_t)gmtls_load_be32(p + 12) << 32;
    }
    transpose64(s);
    transpose64(s + 64);

    for (unsigned r = 0; r < 32; r++) {
        uint64_t *x0 = s + 32 * (r & 3);
        const uint64_t *x1 = s + 32 * ((r + 1) & 3), *x2 = s + 32 * ((r + 2) & 3), *x3 = s + 32 * ((r + 3) & 3);
        for (unsigned b = 0; b < 32; b++)
            t[b] = x1[b] ^ x2[b] ^ x3[b] ^ ((uint64_t)0 - ((rk[r] >> b) & 1u));
        for (unsigned k = 0; k < 4; k++)
            sbox_bs(t + 8 * k, y + 8 * k);
        /* L: bit b of rotl(y, n) is bit (b - n) mod 32 of y */
        for (unsigned b = 0; b < 32; b++)
            x0[b] ^= y[b] ^ y[(b - 2) & 31] ^ y[(b - 10) & 31] ^ y[(b - 18) & 31] ^ y[(b - 24) & 31];
    }

    /* After 32 rounds the slots 0..3 hold X32..X35; the output is (X35, X34, X33, X32). */
    memcpy(o, s + 96, 32 * sizeof(uint64_t));
    memcpy(o + 32, s + 64, 32 * sizeof(uint64_t));
    memcpy(o + 64, s + 32, 32 * sizeof(uint64_t));
    memcpy(o + 96, s, 32 * sizeof(uint64_t));
    transpose64(o);
    transpose64(o + 64);
    for (unsigned l = 0; l < 64; l++) {
        uint8_t *p = out + 16 * l;
        gmtls_store_be32(p, (uint32_t)o[l]);
        gmtls_store_be32(p + 4, (uint32_t)(o[l] >> 32));
        gmtls_store_be32(p + 8, (uint32_t)o[64 + l]);
        gmtls_store_be32(p + 12, (uint32_t)(o[64 + l] >> 32));
    }
}

/* Below this many blocks the single-block circuit is cheaper than a 64-lane bitsliced pass. */
#define PORTABLE_BITSLICE_MIN 5

static void portable_ecb(const uint32_t rk[32], const uint8_t *in, uint8_t *out, size_t nblocks)
{
    struct bs_work w;
    if (nblocks < PORTABLE_BITSLICE_MIN) {
        for (size_t i = 0; i < nblocks; i++)
            portable_block(rk, in + 16 * i, out + 16 * i);
        return;
    }
    while (nblocks >= 64) {
        bitsliced64(&w, rk, in, out);
        in += 1024;
        out += 1024;
        nblocks -= 64;
    }
    if (nblocks > 0) {
        uint8_t buf[1024];
        memcpy(buf, in, 16 * nblocks);
        memset(buf + 16 * nblocks, 0, 1024 - 16 * nblocks);
        bitsliced64(&w, rk, buf, buf);
        memcpy(out, buf, 16 * nblocks);
        gmtls_wipe(buf, sizeof buf);
    }
    gmtls_wipe(&w, sizeof w);
}

static void portable_ctr(const uint32_t rk[32], uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t nblocks,
                         int mode)
{
    gmtls_sm4_ctr_via_ecb(portable_ecb, rk, ctr, in, out, nblocks, mode);
}

const gmtls_sm4_ops gmtls_sm4_ops_portable = {
    "portable-ct", portable_block, portable_ecb, portable_ctr, NULL, NULL, 64,
};
