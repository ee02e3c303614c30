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
    const uint64_t t1 = a4 & a0;
    const uint64_t t2 = a4 & a1;
    const uint64_t t3 = a4 & a2;
    const uint64_t t4 = a4 & a3;
    const uint64_t t5 = a5 & a0;
    const uint64_t t6 = a5 & a1;
    const uint64_t t7 = a5 & a2;
    const uint64_t t8 = a5 & a3;
    const uint64_t t9 = a6 & a0;
    const uint64_t t10 = a6 & a1;
    const uint64_t t11 = a6 & a2;
    const uint64_t t12 = a6 & a3;
    const uint64_t t13 = a7 & a0;
    const uint64_t t14 = a7 & a1;
    const uint64_t t15 = a7 & a2;
    const uint64_t t16 = a7 & a3;
    const uint64_t t17 = t1;
    const uint64_t t18 = t2 ^ t5;
    const uint64_t t19 = t3 ^ t6 ^ t9;
    const uint64_t t20 = t4 ^ t7 ^ t10 ^ t13;
    const uint64_t t21 = t8 ^ t11 ^ t14;
    const uint64_t t22 = t12 ^ t15;
    const uint64_t t23 = t16;
    const uint64_t p0 = t17 ^ t21;
    const uint64_t p1 = t18 ^ t21 ^ t22;
    const uint64_t p2 = t19 ^ t22 ^ t23;
    const uint64_t p3 = t20 ^ t23;
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
    const uint64_t t24 = a4 & q0;
    const uint64_t t25 = a4 & q1;
    const uint64_t t26 = a4 & q2;
    const uint64_t t27 = a4 & q3;
    const uint64_t t28 = a5 & q0;
    const uint64_t t29 = a5 & q1;
    const uint64_t t30 = a5 & q2;
    const uint64_t t31 = a5 & q3;
    const uint64_t t32 = a6 & q0;
    const uint64_t t33 = a6 & q1;
    const uint64_t t34 = a6 & q2;
    const uint64_t t35 = a6 & q3;
    const uint64_t t36 = a7 & q0;
    const uint64_t t37 = a7 & q1;
    const uint64_t t38 = a7 & q2;
    const uint64_t t39 = a7 & q3;
    const uint64_t t40 = t24;
    const uint64_t t41 = t25 ^ t28;
    const uint64_t t42 = t26 ^ t29 ^ t32;
    const uint64_t t43 = t27 ^ t30 ^ t33 ^ t36;
    const uint64_t t44 = t31 ^ t34 ^ t37;
    const uint64_t t45 = t35 ^ t38;
    const uint64_t t46 = t39;
    const uint64_t bh0 = t40 ^ t44;
    const uint64_t bh1 = t41 ^ t44 ^ t45;
    const uint64_t bh2 = t42 ^ t45 ^ t46;
    const uint64_t bh3 = t43 ^ t46;
    const uint64_t s0 = a4 ^ a0;
    const uint64_t s1 = a5 ^ a1;
    const uint64_t s2 = a6 ^ a2;
    const uint64_t s3 = a7 ^ a3;
    const uint64_t t47 = s0 & q0;
    const uint64_t t48 = s0 & q1;
    const uint64_t t49 = s0 & q2;
    const uint64_t t50 = s0 & q3;
    const uint64_t t51 = s1 & q0;
    const uint64_t t52 = s1 & q1;
    const uint64_t t53 = s1 & q2;
    const uint64_t t54 = s1 & q3;
    const uint64_t t55 = s2 & q0;
    const uint64_t t56 = s2 & q1;
    const uint64_t t57 = s2 & q2;
    const uint64_t t58 = s2 & q3;
    const uint64_t t59 = s3 & q0;
    const uint64_t t60 = s3 & q1;
    const uint64_t t61 = s3 & q2;
    const uint64_t t62 = s3 & q3;
    const uint64_t t63 = t47;
    const uint64_t t64 = t48 ^ t51;
    const uint64_t t65 = t49 ^ t52 ^ t55;
    const uint64_t t66 = t50 ^ t53 ^ t56 ^ t59;
    const uint64_t t67 = t54 ^ t57 ^ t60;
    const uint64_t t68 = t58 ^ t61;
    const uint64_t t69 = t62;
    const uint64_t bl0 = t63 ^ t67;
    const uint64_t bl1 = t64 ^ t67 ^ t68;
    const uint64_t bl2 = t65 ^ t68 ^ t69;
    const uint64_t bl3 = t66 ^ t69;
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
