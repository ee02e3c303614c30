/* SM4 with GFNI on AVX2 (VEX-encoded gf2p8affine on ymm): the S-box is two instructions, the rest is
 * the shared AVX2 code in sm4_avx2_impl.h. Only called after gmtls_cpu_has() reported GFNI and
 * AVX2 (sm4.c). */
#include <immintrin.h>

#include "crypto/sm4_simd.h"

static inline __m256i sm4_sbox256(__m256i x)
{
    x = _mm256_gf2p8affine_epi64_epi8(x, _mm256_set1_epi64x((long long)GMTLS_SM4_GFNI_PRE), GMTLS_SM4_GFNI_PRE_C);
    return _mm256_gf2p8affineinv_epi64_epi8(x, _mm256_set1_epi64x((long long)GMTLS_SM4_GFNI_POST),
                                            GMTLS_SM4_GFNI_POST_C);
}

static inline __m128i sm4_sbox128(__m128i x)
{
    x = _mm_gf2p8affine_epi64_epi8(x, _mm_set1_epi64x((long long)GMTLS_SM4_GFNI_PRE), GMTLS_SM4_GFNI_PRE_C);
    return _mm_gf2p8affineinv_epi64_epi8(x, _mm_set1_epi64x((long long)GMTLS_SM4_GFNI_POST), GMTLS_SM4_GFNI_POST_C);
}

#define SM4_AVX2_NAME "gfni-avx2"
#define SM4_AVX2_OPS gmtls_sm4_ops_gfni
#include "crypto/sm4_avx2_impl.h"
