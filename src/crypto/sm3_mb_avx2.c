/* 8-lane SM3 compression with AVX2 (the rounds are in sm3_mb_lanes.h). AVX2 has no
 * vector rotate or three-input logic, so each rotation is two shifts and an OR.
 * Only called after gmtls_cpu_has(AVX2) (see sm3_mb.c). */
#include <immintrin.h>

#include "crypto/sm3_internal.h"

#define SM3MB_VEC __m256i
#define SM3MB_LANES 8
#define SM3MB_KERNEL gmtls_sm3_mb8_avx2
#define ROL(x, n) _mm256_or_si256(_mm256_slli_epi32((x), (n)), _mm256_srli_epi32((x), 32 - (n)))
#define ADD(a, b) _mm256_add_epi32((a), (b))
#define XOR(a, b) _mm256_xor_si256((a), (b))
#define XOR3(a, b, c) XOR(XOR((a), (b)), (c))
/* majority: (a & b) ^ (c & (a ^ b)); choose: ((b ^ c) & a) ^ c */
#define MAJ(a, b, c) XOR(_mm256_and_si256((a), (b)), _mm256_and_si256((c), XOR((a), (b))))
#define CHOOSE(a, b, c) XOR(_mm256_and_si256(XOR((b), (c)), (a)), (c))
#define SET1(u) _mm256_set1_epi32((int)(u))
#define LOAD(q) _mm256_loadu_si256((const __m256i *)(const void *)(q))
#define STORE(q, v) _mm256_storeu_si256((__m256i *)(void *)(q), (v))
#include "crypto/sm3_mb_lanes.h"

/* Load block b of each of the 8 lanes and transpose, so w[i] holds message word i of every lane,
 * converted from big-endian. Each block is two 8-word halves, each transposed as an 8x8 matrix. */
static void load_transpose(__m256i w[16], const uint8_t *const *p, size_t off)
{
    const __m256i bswap = _mm256_set_epi32(0x0c0d0e0f, 0x08090a0b, 0x04050607, 0x00010203, 0x0c0d0e0f,
                                           0x08090a0b, 0x04050607, 0x00010203);
    for (int half = 0; half < 2; half++) {
        __m256i r[8], t[8];
        for (int l = 0; l < 8; l++)
            r[l] = _mm256_loadu_si256((const __m256i *)(const void *)(p[l] + off + 32 * (size_t)half));
        /* t[4q+c] 128-bit lane k: word 4k+c of rows 4q..4q+3 */
        for (int q = 0; q < 2; q++) {
            __m256i a = r[4 * q], b = r[4 * q + 1], c = r[4 * q + 2], d = r[4 * q + 3];
            __m256i ab0 = _mm256_unpacklo_epi32(a, b), ab1 = _mm256_unpackhi_epi32(a, b);
            __m256i cd0 = _mm256_unpacklo_epi32(c, d), cd1 = _mm256_unpackhi_epi32(c, d);
            t[4 * q + 0] = _mm256_unpacklo_epi64(ab0, cd0);
            t[4 * q + 1] = _mm256_unpackhi_epi64(ab0, cd0);
            t[4 * q + 2] = _mm256_unpacklo_epi64(ab1, cd1);
            t[4 * q + 3] = _mm256_unpackhi_epi64(ab1, cd1);
        }
        for (int c = 0; c < 4; c++) {
            w[8 * half + c] = _mm256_shuffle_epi8(_mm256_permute2x128_si256(t[c], t[4 + c], 0x20), bswap);
            w[8 * half + 4 + c] = _mm256_shuffle_epi8(_mm256_permute2x128_si256(t[c], t[4 + c], 0x31), bswap);
        }
    }
}
