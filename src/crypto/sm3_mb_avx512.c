/* 16-lane SM3 compression with AVX-512 (the rounds are in sm3_mb_lanes.h).
 * VPROLD does each rotation in one instruction and VPTERNLOGD does FF, GG, the three-way XORs
 * of P0/P1 and of the message expansion in one instruction each.
 * Only called after gmtls_cpu_has(AVX512F | AVX512BW) (see sm3_mb.c). */
#include <immintrin.h>

#include "crypto/sm3_internal.h"

#define SM3MB_VEC __m512i
#define SM3MB_LANES 16
#define SM3MB_KERNEL gmtls_sm3_mb16_avx512
#define ROL(x, n) _mm512_rol_epi32((x), (n))
#define ADD(a, b) _mm512_add_epi32((a), (b))
#define XOR(a, b) _mm512_xor_si512((a), (b))
/* ternary logic immediates: bit (a<<2 | b<<1 | c) of the byte is f(a, b, c) */
#define XOR3(a, b, c) _mm512_ternarylogic_epi32((a), (b), (c), 0x96)
#define MAJ(a, b, c) _mm512_ternarylogic_epi32((a), (b), (c), 0xE8)
#define CHOOSE(a, b, c) _mm512_ternarylogic_epi32((a), (b), (c), 0xCA)
#define SET1(u) _mm512_set1_epi32((int)(u))
#define LOAD(q) _mm512_loadu_si512((const void *)(q))
#define STORE(q, v) _mm512_storeu_si512((void *)(q), (v))
#include "crypto/sm3_mb_lanes.h"

/* Load block b of each of the 16 lanes and transpose, so w[i] holds message word i of every
 * lane, converted from big-endian. */
static void load_transpose(__m512i w[16], const uint8_t *const *p, size_t off)
{
    const __m512i bswap = _mm512_set4_epi32(0x0c0d0e0f, 0x08090a0b, 0x04050607, 0x00010203);
    __m512i r[16], t[16];
    for (int l = 0; l < 16; l++)
        r[l] = _mm512_loadu_si512((const void *)(p[l] + off));
    /* 32-bit interleave: t[4q+0..3] mix rows 4q..4q+3 */
    for (int q = 0; q < 4; q++) {
        __m512i a = r[4 * q], b = r[4 * q + 1], c = r[4 * q + 2], d = r[4 * q + 3];
        __m512i ab0 = _mm512_unpacklo_epi32(a, b), ab1 = _mm512_unpackhi_epi32(a, b);
        __m512i cd0 = _mm512_unpacklo_epi32(c, d), cd1 = _mm512_unpackhi_epi32(c, d);
        t[4 * q + 0] = _mm512_unpacklo_epi64(ab0, cd0); /* words 0,4,8,12 of rows 4q..4q+3 */
        t[4 * q + 1] = _mm512_unpackhi_epi64(ab0, cd0); /* words 1,5,9,13 */
        t[4 * q + 2] = _mm512_unpacklo_epi64(ab1, cd1); /* words 2,6,10,14 */
        t[4 * q + 3] = _mm512_unpackhi_epi64(ab1, cd1); /* words 3,7,11,15 */
    }
    /* Now t[4q+c] 128-bit lane k holds word 4k+c of rows 4q..4q+3. Gather 128-bit lanes. */
    for (int c = 0; c < 4; c++) {
        __m512i x0 = t[c], x1 = t[4 + c], x2 = t[8 + c], x3 = t[12 + c];
        /* y0 = lanes 0,1 of x0, x1; y1 = lanes 2,3 of x0, x1 */
        __m512i y0 = _mm512_shuffle_i32x4(x0, x1, 0x44), y1 = _mm512_shuffle_i32x4(x0, x1, 0xEE);
        __m512i y2 = _mm512_shuffle_i32x4(x2, x3, 0x44), y3 = _mm512_shuffle_i32x4(x2, x3, 0xEE);
        /* word 4k+c for rows 0..15: 128-bit lane k from x0, x1, x2, x3 in order */
        w[c] = _mm512_shuffle_i32x4(y0, y2, 0x88);      /* k = 0 */
        w[4 + c] = _mm512_shuffle_i32x4(y0, y2, 0xDD);  /* k = 1 */
        w[8 + c] = _mm512_shuffle_i32x4(y1, y3, 0x88);  /* k = 2 */
        w[12 + c] = _mm512_shuffle_i32x4(y1, y3, 0xDD); /* k = 3 */
    }
    for (int i = 0; i < 16; i++)
        w[i] = _mm512_shuffle_epi8(w[i], bswap);
}
