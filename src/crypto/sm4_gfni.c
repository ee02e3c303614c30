/* SM4 with GFNI on AVX2 (VEX-encoded gf2p8affine on ymm). The rounds run in the A1 domain
 * (sm4_simd.h): three gf2p8affineinvqb give A1 L(S(t)) split by byte rotation, which are pshufb.
 * The rest is the shared AVX2 code in sm4_avx2_impl.h. Only called after gmtls_cpu_has() reported
 * GFNI, AVX2 and BMI2 (sm4.c). */
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "crypto/sm4_simd.h"

#define SM4_AVX2_NAME "gfni-avx2"
#define SM4_AVX2_OPS gmtls_sm4_ops_gfni
#include "crypto/sm4_avx2_impl.h"

/* Macros, not functions: the constant byte must be an immediate (clang checks it before inlining). */
#define gf256(x, m, c) _mm256_gf2p8affine_epi64_epi8((x), _mm256_set1_epi64x((long long)(m)), (c))
#define gfinv256(x, m, c) _mm256_gf2p8affineinv_epi64_epi8((x), _mm256_set1_epi64x((long long)(m)), (c))
#define gf128(x, m, c) _mm_gf2p8affine_epi64_epi8((x), _mm_set1_epi64x((long long)(m)), (c))
#define gfinv128(x, m, c) _mm_gf2p8affineinv_epi64_epi8((x), _mm_set1_epi64x((long long)(m)), (c))

/* q ^ v0 ^ (v1 <<< 8) ^ (v1 <<< 16) ^ (v3 <<< 24), vk = affineinv(t, Nk, ek): in the A1 domain
 * this is q ^ A1 L(S(t)) (sm4_simd.h). */
static inline __m256i avx2_mix(__m256i t, __m256i q)
{
    __m256i v0 = gfinv256(t, GMTLS_SM4_GFNI_N0, GMTLS_SM4_GFNI_E0);
    __m256i v1 = gfinv256(t, GMTLS_SM4_GFNI_N1, GMTLS_SM4_GFNI_E1);
    __m256i v3 = gfinv256(t, GMTLS_SM4_GFNI_N3, GMTLS_SM4_GFNI_E3);
    return _mm256_xor_si256(_mm256_xor_si256(_mm256_xor_si256(q, v0), avx2_rot8(v1)),
                            _mm256_xor_si256(avx2_rot16(v1), avx2_rot24(v3)));
}

static inline __m128i avx2_mix128(__m128i t, __m128i q)
{
    __m128i v0 = gfinv128(t, GMTLS_SM4_GFNI_N0, GMTLS_SM4_GFNI_E0);
    __m128i v1 = gfinv128(t, GMTLS_SM4_GFNI_N1, GMTLS_SM4_GFNI_E1);
    __m128i v3 = gfinv128(t, GMTLS_SM4_GFNI_N3, GMTLS_SM4_GFNI_E3);
    return _mm_xor_si128(_mm_xor_si128(_mm_xor_si128(q, v0), avx2_rot8_128(v1)),
                         _mm_xor_si128(avx2_rot16_128(v1), avx2_rot24_128(v3)));
}

static inline __m256i avx2_rkey(uint32_t rk)
{
    return gf256(_mm256_set1_epi32((int)rk), GMTLS_SM4_GFNI_PRE, GMTLS_SM4_GFNI_PRE_C);
}
static inline __m128i avx2_rkey128(uint32_t rk)
{
    return gf128(_mm_set1_epi32((int)rk), GMTLS_SM4_GFNI_PRE, GMTLS_SM4_GFNI_PRE_C);
}
static inline __m256i avx2_in(__m256i x)
{
    return gf256(x, GMTLS_SM4_GFNI_PRE, 0);
}
static inline __m256i avx2_out(__m256i x)
{
    return gf256(x, GMTLS_SM4_GFNI_A1INV, 0);
}
static inline __m128i avx2_in128(__m128i x)
{
    return gf128(x, GMTLS_SM4_GFNI_PRE, 0);
}
static inline __m128i avx2_out128(__m128i x)
{
    return gf128(x, GMTLS_SM4_GFNI_A1INV, 0);
}

#endif /* x86 */
