/* GHASH with PCLMULQDQ (NIST SP 800-38D 6.4), eight blocks per reduction.
 *
 * Horner's rule y = (y ^ X1) H^8 ^ X2 H^7 ^ ... ^ X8 H: the eight 256-bit products are summed
 * before the single reduction, so the multiplications are independent of each other and only one
 * reduction per 128 bytes sits on the dependency chain. The representation and the reduction are
 * described in sm4_ghash.h. Compiled with -mpclmul -mssse3; called only after
 * gmtls_cpu_has(GMTLS_GHASH_NEED_PCLMUL). */
#include <immintrin.h>
#include <string.h>

#include "crypto/sm4_ghash.h"
#include "gmtls/util.h"

#define PCLMUL_BLOCKS 8

/* Byte order 15..0 within the register: a block becomes the big-endian integer of sm4_ghash.h. */
static inline __m128i bswap128(__m128i x)
{
    return _mm_shuffle_epi8(x, _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
}

/* Fold the 256-bit product hi:lo into 128 bits (Montgomery reduction by the reflected modulus,
 * two 64-bit steps with the constant 0xC200000000000000, as in sm4_ghash.c's reduce()). */
static inline __m128i reduce(__m128i lo, __m128i hi)
{
    const __m128i p = _mm_set_epi64x(0, (long long)0xC200000000000000ull);
    __m128i t = _mm_xor_si128(_mm_shuffle_epi32(lo, 0x4E), _mm_clmulepi64_si128(lo, p, 0x00));
    return _mm_xor_si128(_mm_xor_si128(hi, _mm_shuffle_epi32(t, 0x4E)), _mm_clmulepi64_si128(t, p, 0x00));
}

/* y ^ in[0], in[1], ..., in[nb-1] (nb <= 8 full blocks) times H^nb .. H^1, reduced once. */
static inline __m128i absorb(__m128i y, const uint64_t *htab, const uint8_t *in, size_t nb)
{
    const uint64_t *k = htab + 2 * (GMTLS_GHASH_NPOW - nb);
    __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128(), mid = _mm_setzero_si128();
    for (size_t i = 0; i < nb; i++) {
        __m128i x = bswap128(_mm_loadu_si128((const __m128i *)(const void *)(in + 16 * i)));
        if (i == 0)
            x = _mm_xor_si128(x, y);
        __m128i h = _mm_loadu_si128((const __m128i *)(const void *)(k + 2 * i));
        lo = _mm_xor_si128(lo, _mm_clmulepi64_si128(x, h, 0x00));
        hi = _mm_xor_si128(hi, _mm_clmulepi64_si128(x, h, 0x11));
        mid = _mm_xor_si128(mid, _mm_clmulepi64_si128(x, h, 0x01));
        mid = _mm_xor_si128(mid, _mm_clmulepi64_si128(x, h, 0x10));
    }
    lo = _mm_xor_si128(lo, _mm_slli_si128(mid, 8));
    hi = _mm_xor_si128(hi, _mm_srli_si128(mid, 8));
    return reduce(lo, hi);
}

void gmtls_ghash_pclmul(uint64_t y[2], const uint64_t *htab, const uint8_t *in, size_t len)
{
    __m128i acc = _mm_loadu_si128((const __m128i *)(const void *)y);
    while (len >= 16 * PCLMUL_BLOCKS) {
        acc = absorb(acc, htab, in, PCLMUL_BLOCKS);
        in += 16 * PCLMUL_BLOCKS;
        len -= 16 * PCLMUL_BLOCKS;
    }
    if (len) {
        /* The rest, zero-padded to whole blocks (SP 800-38D 7.1 pads A and C with zeros). */
        uint8_t buf[16 * PCLMUL_BLOCKS] = {0};
        memcpy(buf, in, len);
        acc = absorb(acc, htab, buf, (len + 15) / 16);
        gmtls_wipe(buf, sizeof buf);
    }
    _mm_storeu_si128((__m128i *)(void *)y, acc);
}
