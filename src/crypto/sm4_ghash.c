/* GHASH, portable and constant time (NIST SP 800-38D 6.3, 6.4), the table of powers of H, and
 * the choice between the implementations.
 *
 * The carry-less products are built from ordinary integer multiplications. Each 64-bit operand is
 * split into five "combs" (bits i, i+5, i+10, ...). Multiplying two combs adds at most 13 one-bit
 * products in any column; that sum fits in the four zero bits above each used bit, so carries never
 * reach the next bit that belongs to the same comb. Keeping, for each output comb, only its own bit
 * positions of the XOR of the matching partial products gives the carry-less product. Integer
 * multiplication takes the same time for every operand on the CPUs gmtls targets, and nothing
 * here indexes memory or branches on H or the data. */
#include "crypto/sm4_ghash.h"

#include <string.h>

#include "core/bytes.h"
#include "core/cpu.h"
#include "core/ct.h"
#include "gmtls/util.h"

#if !defined(__SIZEOF_INT128__)
#error "the portable GHASH needs a compiler with unsigned __int128 (GCC or Clang on a 64-bit target)"
#endif
__extension__ typedef unsigned __int128 gmtls_u128;

/* Bits i with i % 5 == k, for k = 0..4, in a 64-bit word. Bit 64 + i of a product belongs to comb
 * (i + 4) % 5, so the high half of the 128-bit comb k is the 64-bit comb (k + 1) % 5. */
static const uint64_t comb64[5] = {0x1084210842108421ull, 0x2108421084210842ull, 0x4210842108421084ull,
                                   0x8421084210842108ull, 0x0842108421084210ull};

/* 64 x 64 -> 128-bit carry-less product. Output comb k collects the partial products x_i * y_j
 * with i + j = k (mod 5). */
static gmtls_u128 clmul64(uint64_t x, uint64_t y)
{
    const uint64_t m0 = comb64[0], m1 = comb64[1], m2 = comb64[2], m3 = comb64[3], m4 = comb64[4];
    uint64_t x0 = x & m0, x1 = x & m1, x2 = x & m2, x3 = x & m3, x4 = x & m4;
    uint64_t y0 = y & m0, y1 = y & m1, y2 = y & m2, y3 = y & m3, y4 = y & m4;
#define M(a, b) ((gmtls_u128)(a) * (b))
    gmtls_u128 z0 = M(x0, y0) ^ M(x1, y4) ^ M(x2, y3) ^ M(x3, y2) ^ M(x4, y1);
    gmtls_u128 z1 = M(x0, y1) ^ M(x1, y0) ^ M(x2, y4) ^ M(x3, y3) ^ M(x4, y2);
    gmtls_u128 z2 = M(x0, y2) ^ M(x1, y1) ^ M(x2, y0) ^ M(x3, y4) ^ M(x4, y3);
    gmtls_u128 z3 = M(x0, y3) ^ M(x1, y2) ^ M(x2, y1) ^ M(x3, y0) ^ M(x4, y4);
    gmtls_u128 z4 = M(x0, y4) ^ M(x1, y3) ^ M(x2, y2) ^ M(x3, y1) ^ M(x4, y0);
#undef M
    uint64_t lo = ((uint64_t)z0 & m0) | ((uint64_t)z1 & m1) | ((uint64_t)z2 & m2) | ((uint64_t)z3 & m3) |
                  ((uint64_t)z4 & m4);
    uint64_t hi = ((uint64_t)(z0 >> 64) & m1) | ((uint64_t)(z1 >> 64) & m2) | ((uint64_t)(z2 >> 64) & m3) |
                  ((uint64_t)(z3 >> 64) & m4) | ((uint64_t)(z4 >> 64) & m0);
    return ((gmtls_u128)hi << 64) | lo;
}

/* Fold a 256-bit carry-less product w[0..3] (least significant word first) into 128 bits:
 * Montgomery reduction by the reflected modulus x^128 + x^127 + x^126 + x^121 + 1, one 64-bit
 * word at a time. Word w is cancelled by adding w * (modulus), whose middle part is w times
 * 0xC200000000000000 (x^63 + x^62 + x^57) shifted up one word; that product is done with
 * shifts since the constant is fixed. See sm4_ghash.h for why this yields the field product. */
static void reduce(uint64_t r[2], uint64_t w0, uint64_t w1, uint64_t w2, uint64_t w3)
{
    w1 ^= (w0 << 63) ^ (w0 << 62) ^ (w0 << 57);
    w2 ^= w0 ^ (w0 >> 1) ^ (w0 >> 2) ^ (w0 >> 7);
    w2 ^= (w1 << 63) ^ (w1 << 62) ^ (w1 << 57);
    w3 ^= w1 ^ (w1 >> 1) ^ (w1 >> 2) ^ (w1 >> 7);
    r[0] = w2;
    r[1] = w3;
}

/* r = a * k where k is a table entry (a power of H times x^-1). Karatsuba: three 64-bit products. */
static void gf_mul(uint64_t r[2], const uint64_t a[2], const uint64_t k[2])
{
    gmtls_u128 lo = clmul64(a[0], k[0]);
    gmtls_u128 hi = clmul64(a[1], k[1]);
    gmtls_u128 mid = clmul64(a[0] ^ a[1], k[0] ^ k[1]) ^ lo ^ hi;
    reduce(r, (uint64_t)lo, (uint64_t)(lo >> 64) ^ (uint64_t)mid, (uint64_t)hi ^ (uint64_t)(mid >> 64),
           (uint64_t)(hi >> 64));
}

void gmtls_ghash_load(uint64_t y[2], const uint8_t b[16])
{
    y[1] = gmtls_load_be64(b);
    y[0] = gmtls_load_be64(b + 8);
}

void gmtls_ghash_store(uint8_t b[16], const uint64_t y[2])
{
    gmtls_store_be64(b, y[1]);
    gmtls_store_be64(b + 8, y[0]);
}

void gmtls_ghash_portable(uint64_t y[2], const uint64_t *htab, const uint8_t *in, size_t len)
{
    const uint64_t *h1 = htab + 2 * (GMTLS_GHASH_NPOW - 1);
    uint64_t x[2];
    while (len >= 16) {
        gmtls_ghash_load(x, in);
        x[0] ^= y[0];
        x[1] ^= y[1];
        gf_mul(y, x, h1);
        in += 16;
        len -= 16;
    }
    if (len) {
        uint8_t last[16] = {0};
        memcpy(last, in, len);
        gmtls_ghash_load(x, last);
        x[0] ^= y[0];
        x[1] ^= y[1];
        gf_mul(y, x, h1);
        gmtls_wipe(last, sizeof last);
    }
    gmtls_wipe(x, sizeof x);
}

void gmtls_ghash_make_table(uint64_t *htab, const uint8_t h[16])
{
    uint64_t k[2], p[2];
    gmtls_ghash_load(k, h);
    /* H * x^-1: in the reflected integer a left shift by one; the bit shifted out stands for
     * x^-1 = x^127 + x^6 + x + 1 (since x * (x^127 + x^6 + x + 1) = 1 mod the GCM modulus),
     * which is the integer 0xC2000000000000000000000000000001. */
    uint64_t carry = gmtls_ct_mask64(k[1] >> 63);
    k[1] = (k[1] << 1) | (k[0] >> 63);
    k[0] = k[0] << 1;
    k[1] ^= carry & 0xC200000000000000ull;
    k[0] ^= carry & 1u;
    uint64_t *e = htab + 2 * (GMTLS_GHASH_NPOW - 1);
    e[0] = k[0];
    e[1] = k[1];
    /* (H^i x^-1) * (H x^-1) * x = H^(i+1) x^-1: gf_mul supplies the factor x. */
    p[0] = k[0];
    p[1] = k[1];
    for (int i = 2; i <= GMTLS_GHASH_NPOW; i++) {
        gf_mul(p, p, k);
        e = htab + 2 * (GMTLS_GHASH_NPOW - i);
        e[0] = p[0];
        e[1] = p[1];
    }
    gmtls_wipe(k, sizeof k);
    gmtls_wipe(p, sizeof p);
}

gmtls_ghash_fn gmtls_ghash_select(const char **name)
{
    const char *n;
    gmtls_ghash_fn f;
#if defined(__x86_64__) || defined(__i386__)
    if (gmtls_cpu_has(GMTLS_GHASH_NEED_VPCLMUL)) {
        n = "vpclmulqdq-avx512";
        f = gmtls_ghash_vpclmul;
    } else if (gmtls_cpu_has(GMTLS_GHASH_NEED_PCLMUL)) {
        n = "pclmulqdq";
        f = gmtls_ghash_pclmul;
    } else
#endif
    {
        n = "portable-ct";
        f = gmtls_ghash_portable;
    }
    if (name)
        *name = n;
    return f;
}

const char *gmtls_ghash_impl(void)
{
    const char *n;
    (void)gmtls_ghash_select(&n);
    return n;
}
