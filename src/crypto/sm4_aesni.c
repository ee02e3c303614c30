/* SM4 with AES-NI and AVX2. SM4's S-box is affine-equivalent to the AES S-box (both are inversion in
 * GF(2^8) between affine maps; see sm4_simd.h): a nibble-table affine map (pshufb), AESENCLAST with
 * a zero round key, a pshufb undoing its ShiftRows, and a second nibble-table affine map. pshufb
 * looks up in a register, so nothing indexes memory with data. The rest is the shared AVX2 code in
 * sm4_avx2_impl.h. Only called after gmtls_cpu_has() reported AES-NI, AVX2 and SSSE3 (sm4.c). */
#include <immintrin.h>

#include "crypto/sm4_simd.h"

/* pshufb index undoing ShiftRows: byte j of the state went to position j' = r + 4((c - r) mod 4)
 * for j = r + 4c (FIPS 197 5.1.2). */
#define SM4_INV_SHIFTROWS 0, 13, 10, 7, 4, 1, 14, 11, 8, 5, 2, 15, 12, 9, 6, 3

#define tab128(t) tab128_(t)
#define tab128_(hi, lo) _mm_set_epi64x((long long)(hi), (long long)(lo))
#define tab256(t) tab256_(t)
#define tab256_(hi, lo) _mm256_set_epi64x((long long)(hi), (long long)(lo), (long long)(hi), (long long)(lo))

static inline __m128i sm4_sbox128(__m128i x)
{
    const __m128i m0f = _mm_set1_epi8(0x0f);
    __m128i lo = _mm_and_si128(x, m0f), hi = _mm_and_si128(_mm_srli_epi16(x, 4), m0f);
    __m128i y = _mm_xor_si128(_mm_shuffle_epi8(tab128(GMTLS_SM4_AESNI_PRE_LO), lo),
                              _mm_shuffle_epi8(tab128(GMTLS_SM4_AESNI_PRE_HI), hi));
    y = _mm_aesenclast_si128(y, _mm_setzero_si128());
    y = _mm_shuffle_epi8(y, _mm_setr_epi8(SM4_INV_SHIFTROWS));
    lo = _mm_and_si128(y, m0f);
    hi = _mm_and_si128(_mm_srli_epi16(y, 4), m0f);
    return _mm_xor_si128(_mm_shuffle_epi8(tab128(GMTLS_SM4_AESNI_POST_LO), lo),
                         _mm_shuffle_epi8(tab128(GMTLS_SM4_AESNI_POST_HI), hi));
}

static inline __m256i sm4_sbox256(__m256i x)
{
    const __m256i m0f = _mm256_set1_epi8(0x0f);
    __m256i lo = _mm256_and_si256(x, m0f), hi = _mm256_and_si256(_mm256_srli_epi16(x, 4), m0f);
    __m256i y = _mm256_xor_si256(
        _mm256_shuffle_epi8(tab256(GMTLS_SM4_AESNI_PRE_LO), lo),
        _mm256_shuffle_epi8(tab256(GMTLS_SM4_AESNI_PRE_HI), hi));
    /* no VAES assumed: AESENCLAST on each 128-bit half */
    __m128i y0 = _mm_aesenclast_si128(_mm256_castsi256_si128(y), _mm_setzero_si128());
    __m128i y1 = _mm_aesenclast_si128(_mm256_extracti128_si256(y, 1), _mm_setzero_si128());
    y = _mm256_shuffle_epi8(_mm256_set_m128i(y1, y0),
                            _mm256_setr_epi8(SM4_INV_SHIFTROWS, SM4_INV_SHIFTROWS));
    lo = _mm256_and_si256(y, m0f);
    hi = _mm256_and_si256(_mm256_srli_epi16(y, 4), m0f);
    return _mm256_xor_si256(
        _mm256_shuffle_epi8(tab256(GMTLS_SM4_AESNI_POST_LO), lo),
        _mm256_shuffle_epi8(tab256(GMTLS_SM4_AESNI_POST_HI), hi));
}

#define SM4_AVX2_NAME "aesni-avx2"
#define SM4_AVX2_OPS gmtls_sm4_ops_aesni
#include "crypto/sm4_avx2_impl.h"

/* q ^ L(S(t)), L (GB/T 32907-2016 6.2.2) as B ^ (B <<< 24) ^ ((B ^ (B <<< 8) ^ (B <<< 16)) <<< 2). */
static inline __m256i avx2_mix(__m256i t, __m256i q)
{
    __m256i y = sm4_sbox256(t);
    __m256i a = _mm256_xor_si256(_mm256_xor_si256(y, avx2_rot8(y)), avx2_rot16(y));
    a = _mm256_or_si256(_mm256_slli_epi32(a, 2), _mm256_srli_epi32(a, 30));
    return _mm256_xor_si256(_mm256_xor_si256(q, a), _mm256_xor_si256(y, avx2_rot24(y)));
}

static inline __m128i avx2_mix128(__m128i t, __m128i q)
{
    __m128i y = sm4_sbox128(t);
    __m128i a = _mm_xor_si128(_mm_xor_si128(y, avx2_rot8_128(y)), avx2_rot16_128(y));
    a = _mm_or_si128(_mm_slli_epi32(a, 2), _mm_srli_epi32(a, 30));
    return _mm_xor_si128(_mm_xor_si128(q, a), _mm_xor_si128(y, avx2_rot24_128(y)));
}

static inline __m256i avx2_rkey(uint32_t rk)
{
    return _mm256_set1_epi32((int)rk);
}
static inline __m128i avx2_rkey128(uint32_t rk)
{
    return _mm_set1_epi32((int)rk);
}
/* the rounds work on the native words */
static inline __m256i avx2_in(__m256i x)
{
    return x;
}
static inline __m256i avx2_out(__m256i x)
{
    return x;
}
static inline __m128i avx2_in128(__m128i x)
{
    return x;
}
static inline __m128i avx2_out128(__m128i x)
{
    return x;
}
