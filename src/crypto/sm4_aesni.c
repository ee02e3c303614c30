/* SM4 with AES-NI and AVX2. SM4's S-box is affine-equivalent to the AES S-box (both are inversion in
 * GF(2^8) between affine maps). The rounds run in the A1 domain (sm4_simd.h): the S-box input goes
 * straight into AESENCLAST with a zero round key; a pshufb undoes its ShiftRows (merged with a byte
 * rotation where one is needed), and nibble lookups (pshufb) apply the affine maps that give the
 * three terms of A1 L(S(t)). pshufb looks up in a register, so nothing indexes memory with data.
 * The rest is the shared AVX2 code in sm4_avx2_impl.h. Only called after gmtls_cpu_has() reported
 * AES-NI, AVX2 and SSSE3 (sm4.c). No VAES is assumed: AESENCLAST runs on each 128-bit half. */
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "crypto/sm4_simd.h"

#define SM4_AVX2_NAME "aesni-avx2"
#define SM4_AVX2_OPS gmtls_sm4_ops_aesni
#include "crypto/sm4_avx2_impl.h"

#define tab128(t) tab128_(t)
#define tab128_(hi, lo) _mm_set_epi64x((long long)(hi), (long long)(lo))
#define tab256(t) tab256_(t)
#define tab256_(hi, lo) _mm256_set_epi64x((long long)(hi), (long long)(lo), (long long)(hi), (long long)(lo))

/* pshufb index undoing ShiftRows: byte j of the state went to position r + 4((c - r) mod 4) for
 * j = r + 4c (FIPS 197 5.1.2); and the same followed by a rotation of each word by 24 bits. */
#define SM4_INV_SHIFTROWS 0, 13, 10, 7, 4, 1, 14, 11, 8, 5, 2, 15, 12, 9, 6, 3
#define SM4_INV_SHIFTROWS_ROT24 13, 10, 7, 0, 1, 14, 11, 4, 5, 2, 15, 8, 9, 6, 3, 12

/* An affine map of every byte by two nibble lookups. */
static inline __m128i nib128(__m128i lo, __m128i hi, __m128i tlo, __m128i thi)
{
    return _mm_xor_si128(_mm_shuffle_epi8(tlo, lo), _mm_shuffle_epi8(thi, hi));
}
static inline __m256i nib256(__m256i lo, __m256i hi, __m256i tlo, __m256i thi)
{
    return _mm256_xor_si256(_mm256_shuffle_epi8(tlo, lo), _mm256_shuffle_epi8(thi, hi));
}
static inline __m128i affine128(__m128i x, __m128i tlo, __m128i thi)
{
    const __m128i m0f = _mm_set1_epi8(0x0f);
    return nib128(_mm_and_si128(x, m0f), _mm_and_si128(_mm_srli_epi16(x, 4), m0f), tlo, thi);
}
static inline __m256i affine256(__m256i x, __m256i tlo, __m256i thi)
{
    const __m256i m0f = _mm256_set1_epi8(0x0f);
    return nib256(_mm256_and_si256(x, m0f), _mm256_and_si256(_mm256_srli_epi16(x, 4), m0f), tlo, thi);
}

/* q ^ A1 L(S(t)) for t in the A1 domain (t already includes A1 rk + c1). */
static inline __m128i avx2_mix128(__m128i t, __m128i q)
{
    const __m128i m0f = _mm_set1_epi8(0x0f);
    __m128i z = _mm_aesenclast_si128(t, _mm_setzero_si128());
    __m128i z0 = _mm_shuffle_epi8(z, _mm_setr_epi8(SM4_INV_SHIFTROWS));
    __m128i z3 = _mm_shuffle_epi8(z, _mm_setr_epi8(SM4_INV_SHIFTROWS_ROT24));
    __m128i lo0 = _mm_and_si128(z0, m0f), hi0 = _mm_and_si128(_mm_srli_epi16(z0, 4), m0f);
    __m128i lo3 = _mm_and_si128(z3, m0f), hi3 = _mm_and_si128(_mm_srli_epi16(z3, 4), m0f);
    __m128i f0 = nib128(lo0, hi0, tab128(GMTLS_SM4_AESNI_F0_LO), tab128(GMTLS_SM4_AESNI_F0_HI));
    __m128i f1 = nib128(lo0, hi0, tab128(GMTLS_SM4_AESNI_F1_LO), tab128(GMTLS_SM4_AESNI_F1_HI));
    __m128i f3 = nib128(lo3, hi3, tab128(GMTLS_SM4_AESNI_F3_LO), tab128(GMTLS_SM4_AESNI_F3_HI));
    return _mm_xor_si128(_mm_xor_si128(_mm_xor_si128(q, f0), avx2_rot8_128(f1)),
                         _mm_xor_si128(avx2_rot16_128(f1), f3));
}

static inline __m256i avx2_mix(__m256i t, __m256i q)
{
    const __m256i m0f = _mm256_set1_epi8(0x0f);
    __m128i a = _mm_aesenclast_si128(_mm256_castsi256_si128(t), _mm_setzero_si128());
    __m128i b = _mm_aesenclast_si128(_mm256_extracti128_si256(t, 1), _mm_setzero_si128());
    __m256i z = _mm256_set_m128i(b, a);
    __m256i z0 = _mm256_shuffle_epi8(z, _mm256_setr_epi8(SM4_INV_SHIFTROWS, SM4_INV_SHIFTROWS));
    __m256i z3 = _mm256_shuffle_epi8(z, _mm256_setr_epi8(SM4_INV_SHIFTROWS_ROT24, SM4_INV_SHIFTROWS_ROT24));
    __m256i lo0 = _mm256_and_si256(z0, m0f), hi0 = _mm256_and_si256(_mm256_srli_epi16(z0, 4), m0f);
    __m256i lo3 = _mm256_and_si256(z3, m0f), hi3 = _mm256_and_si256(_mm256_srli_epi16(z3, 4), m0f);
    __m256i f0 = nib256(lo0, hi0, tab256(GMTLS_SM4_AESNI_F0_LO), tab256(GMTLS_SM4_AESNI_F0_HI));
    __m256i f1 = nib256(lo0, hi0, tab256(GMTLS_SM4_AESNI_F1_LO), tab256(GMTLS_SM4_AESNI_F1_HI));
    __m256i f3 = nib256(lo3, hi3, tab256(GMTLS_SM4_AESNI_F3_LO), tab256(GMTLS_SM4_AESNI_F3_HI));
    return _mm256_xor_si256(_mm256_xor_si256(_mm256_xor_si256(q, f0), avx2_rot8(f1)),
                            _mm256_xor_si256(avx2_rot16(f1), f3));
}

static inline __m256i avx2_rkey(uint32_t rk)
{
    return affine256(_mm256_set1_epi32((int)rk), tab256(GMTLS_SM4_AESNI_A1C_LO), tab256(GMTLS_SM4_AESNI_A1C_HI));
}
static inline __m128i avx2_rkey128(uint32_t rk)
{
    return affine128(_mm_set1_epi32((int)rk), tab128(GMTLS_SM4_AESNI_A1C_LO), tab128(GMTLS_SM4_AESNI_A1C_HI));
}
static inline __m256i avx2_in(__m256i x)
{
    return affine256(x, tab256(GMTLS_SM4_AESNI_A1_LO), tab256(GMTLS_SM4_AESNI_A1_HI));
}
static inline __m256i avx2_out(__m256i x)
{
    return affine256(x, tab256(GMTLS_SM4_AESNI_A1INV_LO), tab256(GMTLS_SM4_AESNI_A1INV_HI));
}
static inline __m128i avx2_in128(__m128i x)
{
    return affine128(x, tab128(GMTLS_SM4_AESNI_A1_LO), tab128(GMTLS_SM4_AESNI_A1_HI));
}
static inline __m128i avx2_out128(__m128i x)
{
    return affine128(x, tab128(GMTLS_SM4_AESNI_A1INV_LO), tab128(GMTLS_SM4_AESNI_A1INV_HI));
}

#endif /* x86 */
