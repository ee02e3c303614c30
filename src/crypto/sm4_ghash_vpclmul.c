/* GHASH with VPCLMULQDQ on 512-bit vectors (NIST SP 800-38D 6.4): sixteen blocks per reduction.
 *
 * Each zmm register carries four blocks, one per 128-bit lane, and the matching four powers of H
 * (the table is stored from H^16 down to H^1, so blocks and powers line up in memory order). The
 * per-lane 256-bit products are summed across the four registers and the four lanes, then reduced
 * once (the reduction is described in sm4_ghash.h). The tail of fewer than 256 bytes uses masked
 * loads, which read only the bytes that exist and fill the rest with zeros: that is exactly the
 * zero padding of SP 800-38D 7.1, and the powers of the missing lanes are masked off the same way.
 * The masks depend only on the length. Compiled with the _vpclmul flags; called only after
 * gmtls_cpu_has(GMTLS_GHASH_NEED_VPCLMUL). */
#include <immintrin.h>

#include "crypto/sm4_ghash.h"

#define VPCLMUL_BLOCKS 16

static inline __m512i bswap512(__m512i x)
{
    const __m512i rev = _mm512_broadcast_i32x4(
        _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    return _mm512_shuffle_epi8(x, rev);
}

static inline __m128i xor_lanes(__m512i v)
{
    __m256i a = _mm256_xor_si256(_mm512_castsi512_si256(v), _mm512_extracti64x4_epi64(v, 1));
    return _mm_xor_si128(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
}

static inline __m128i reduce(__m128i lo, __m128i hi)
{
    const __m128i p = _mm_set_epi64x(0, (long long)0xC200000000000000ull);
    __m128i t = _mm_xor_si128(_mm_shuffle_epi32(lo, 0x4E), _mm_clmulepi64_si128(lo, p, 0x00));
    return _mm_xor_si128(_mm_xor_si128(hi, _mm_shuffle_epi32(t, 0x4E)), _mm_clmulepi64_si128(t, p, 0x00));
}

/* Accumulate the four lane products of x and h into lo, mid, hi (0x96: three-way XOR). */
#define MUL_ACC(x, h)                                                                                  \
    do {                                                                                               \
        lo = _mm512_xor_si512(lo, _mm512_clmulepi64_epi128((x), (h), 0x00));                           \
        hi = _mm512_xor_si512(hi, _mm512_clmulepi64_epi128((x), (h), 0x11));                           \
        mid = _mm512_ternarylogic_epi64(mid, _mm512_clmulepi64_epi128((x), (h), 0x01),                  \
                                        _mm512_clmulepi64_epi128((x), (h), 0x10), 0x96);                \
    } while (0)

static inline __m128i finish(__m512i lo, __m512i mid, __m512i hi)
{
    lo = _mm512_xor_si512(lo, _mm512_bslli_epi128(mid, 8));
    hi = _mm512_xor_si512(hi, _mm512_bsrli_epi128(mid, 8));
    return reduce(xor_lanes(lo), xor_lanes(hi));
}

void gmtls_ghash_vpclmul(uint64_t y[2], const uint64_t *htab, const uint8_t *in, size_t len)
{
    /* y sits in lane 0 so it is added to the first block of each group. */
    __m128i acc = _mm_loadu_si128((const __m128i *)(const void *)y);
    if (len <= 16) {
        /* One block (length blocks, short AAD): a single 128-bit product, no lane folding. */
        if (len) {
            const __m128i rev = _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            __mmask16 bm = (__mmask16)((1u << len) - 1u);
            __m128i x = _mm_xor_si128(acc, _mm_shuffle_epi8(_mm_maskz_loadu_epi8(bm, (const void *)in), rev));
            __m128i h = _mm_loadu_si128((const __m128i *)(const void *)(htab + 2 * (GMTLS_GHASH_NPOW - 1)));
            __m128i mid = _mm_xor_si128(_mm_clmulepi64_si128(x, h, 0x01), _mm_clmulepi64_si128(x, h, 0x10));
            acc = reduce(_mm_xor_si128(_mm_clmulepi64_si128(x, h, 0x00), _mm_slli_si128(mid, 8)),
                         _mm_xor_si128(_mm_clmulepi64_si128(x, h, 0x11), _mm_srli_si128(mid, 8)));
            _mm_storeu_si128((__m128i *)(void *)y, acc);
        }
        return;
    }
    const __m512i h16 = _mm512_loadu_si512((const void *)htab);
    const __m512i h12 = _mm512_loadu_si512((const void *)(htab + 8));
    const __m512i h8 = _mm512_loadu_si512((const void *)(htab + 16));
    const __m512i h4 = _mm512_loadu_si512((const void *)(htab + 24));
    while (len >= 16 * VPCLMUL_BLOCKS) {
        __m512i lo = _mm512_setzero_si512(), mid = _mm512_setzero_si512(), hi = _mm512_setzero_si512();
        __m512i x0 = bswap512(_mm512_loadu_si512((const void *)in));
        __m512i x1 = bswap512(_mm512_loadu_si512((const void *)(in + 64)));
        __m512i x2 = bswap512(_mm512_loadu_si512((const void *)(in + 128)));
        __m512i x3 = bswap512(_mm512_loadu_si512((const void *)(in + 192)));
        x0 = _mm512_xor_si512(x0, _mm512_maskz_mov_epi64(0x03, _mm512_castsi128_si512(acc)));
        MUL_ACC(x0, h16);
        MUL_ACC(x1, h12);
        MUL_ACC(x2, h8);
        MUL_ACC(x3, h4);
        acc = finish(lo, mid, hi);
        in += 16 * VPCLMUL_BLOCKS;
        len -= 16 * VPCLMUL_BLOCKS;
    }
    if (len) {
        /* nb blocks (the last one possibly partial): block i is multiplied by H^(nb - i). */
        size_t nb = (len + 15) / 16;
        const uint64_t *k = htab + 2 * (GMTLS_GHASH_NPOW - nb);
        __m512i lo = _mm512_setzero_si512(), mid = _mm512_setzero_si512(), hi = _mm512_setzero_si512();
        __m512i first = _mm512_maskz_mov_epi64(0x03, _mm512_castsi128_si512(acc));
        for (size_t c = 0; 4 * c < nb; c++) {
            size_t rem = len - 64 * c, lanes = nb - 4 * c;
            __mmask64 bm = rem >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << rem) - 1);
            __mmask8 hm = (__mmask8)(lanes >= 4 ? 0xFFu : (1u << (2 * lanes)) - 1u);
            __m512i x = bswap512(_mm512_maskz_loadu_epi8(bm, (const void *)(in + 64 * c)));
            __m512i h = _mm512_maskz_loadu_epi64(hm, (const void *)(k + 8 * c));
            x = _mm512_xor_si512(x, first);
            first = _mm512_setzero_si512();
            MUL_ACC(x, h);
        }
        acc = finish(lo, mid, hi);
    }
    _mm_storeu_si128((__m128i *)(void *)y, acc);
}
