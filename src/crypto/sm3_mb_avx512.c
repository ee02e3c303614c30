/* 16-lane SM3 compression with AVX-512: lane l of every zmm register holds one word of message
 * l's computation, so the 64 rounds of GB/T 32905-2016 5.3.3 run once for 16 blocks.
 * VPROLD does each rotation in one instruction and VPTERNLOGD does FF, GG, the three-way XORs
 * of P0/P1 and of the message expansion in one instruction each.
 * Only called after gmtls_cpu_has(AVX512F | AVX512BW) (see sm3_mb.c). */
#include <immintrin.h>

#include "crypto/sm3_internal.h"

#define ROL(x, n) _mm512_rol_epi32((x), (n))
#define ADD(a, b) _mm512_add_epi32((a), (b))
/* ternary logic immediates: bit (a<<2 | b<<1 | c) of the byte is f(a, b, c) */
#define XOR3(a, b, c) _mm512_ternarylogic_epi32((a), (b), (c), 0x96)
#define MAJ(a, b, c) _mm512_ternarylogic_epi32((a), (b), (c), 0xE8)
#define CHOOSE(a, b, c) _mm512_ternarylogic_epi32((a), (b), (c), 0xCA)
#define P0(x) XOR3((x), ROL((x), 9), ROL((x), 17))
#define P1(x) XOR3((x), ROL((x), 15), ROL((x), 23))

/* GB/T 32905-2016 5.3.2, W_j for j >= 16, in a 16-register ring. */
#define EXPAND(j)                                                                              \
    (w[(j) & 15] = XOR3(P1(XOR3(w[(j) & 15], w[((j) + 7) & 15], ROL(w[((j) + 13) & 15], 15))), \
                        ROL(w[((j) + 3) & 15], 7), w[((j) + 10) & 15]))

/* One round on all lanes. The sums are ordered as in SM3_ROUND (sm3_rounds.h), terms that do
 * not depend on this round's E first; this kernel is limited by the number of vector
 * operations rather than by that chain, so the order matters less here than in one stream. */
#define ROUND(A, B, C, D, E, F, G, H, j, FF, GG)                                        \
    do {                                                                                \
        __m512i a12 = ROL(A, 12);                                                       \
        __m512i ak = ADD(a12, _mm512_set1_epi32((int)tj[j]));                           \
        __m512i ss1 = ROL(ADD(E, ak), 7);                                               \
        __m512i ss2 = _mm512_xor_si512(ss1, a12);                                       \
        __m512i wj = w[(j) & 15];                                                       \
        __m512i t1 = ADD(FF(A, B, C), ADD(D, _mm512_xor_si512(wj, w[((j) + 4) & 15]))); \
        __m512i t2 = ADD(GG(E, F, G), ADD(H, wj));                                      \
        B = ROL(B, 9);                                                                  \
        F = ROL(F, 19);                                                                 \
        D = ADD(t1, ss2);                                                               \
        t2 = ADD(t2, ss1);                                                              \
        H = P0(t2);                                                                     \
    } while (0)

#define R0(A, B, C, D, E, F, G, H, j) ROUND(A, B, C, D, E, F, G, H, j, XOR3, XOR3)
#define R0X(A, B, C, D, E, F, G, H, j)                                          \
    do {                                                                        \
        EXPAND((j) + 4);                                                        \
        ROUND(A, B, C, D, E, F, G, H, j, XOR3, XOR3);                           \
    } while (0)
#define R1X(A, B, C, D, E, F, G, H, j)                                          \
    do {                                                                        \
        EXPAND((j) + 4);                                                        \
        ROUND(A, B, C, D, E, F, G, H, j, MAJ, CHOOSE);                          \
    } while (0)

#define R4(R, j)                                                                \
    R(A, B, C, D, E, F, G, H, (j));                                             \
    R(D, A, B, C, H, E, F, G, (j) + 1);                                         \
    R(C, D, A, B, G, H, E, F, (j) + 2);                                         \
    R(B, C, D, A, F, G, H, E, (j) + 3)

/* T_j <<< (j mod 32) (GB/T 32905-2016 4.2, 5.3.3) */
static const uint32_t tj[64] = {
    0x79cc4519u, 0xf3988a32u, 0xe7311465u, 0xce6228cbu, 0x9cc45197u, 0x3988a32fu, 0x7311465eu, 0xe6228cbcu,
    0xcc451979u, 0x988a32f3u, 0x311465e7u, 0x6228cbceu, 0xc451979cu, 0x88a32f39u, 0x11465e73u, 0x228cbce6u,
    0x9d8a7a87u, 0x3b14f50fu, 0x7629ea1eu, 0xec53d43cu, 0xd8a7a879u, 0xb14f50f3u, 0x629ea1e7u, 0xc53d43ceu,
    0x8a7a879du, 0x14f50f3bu, 0x29ea1e76u, 0x53d43cecu, 0xa7a879d8u, 0x4f50f3b1u, 0x9ea1e762u, 0x3d43cec5u,
    0x7a879d8au, 0xf50f3b14u, 0xea1e7629u, 0xd43cec53u, 0xa879d8a7u, 0x50f3b14fu, 0xa1e7629eu, 0x43cec53du,
    0x879d8a7au, 0x0f3b14f5u, 0x1e7629eau, 0x3cec53d4u, 0x79d8a7a8u, 0xf3b14f50u, 0xe7629ea1u, 0xcec53d43u,
    0x9d8a7a87u, 0x3b14f50fu, 0x7629ea1eu, 0xec53d43cu, 0xd8a7a879u, 0xb14f50f3u, 0x629ea1e7u, 0xc53d43ceu,
    0x8a7a879du, 0x14f50f3bu, 0x29ea1e76u, 0x53d43cecu, 0xa7a879d8u, 0x4f50f3b1u, 0x9ea1e762u, 0x3d43cec5u,
};

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

void gmtls_sm3_mb16_avx512(uint32_t *st, const uint8_t *const *p, size_t nblocks)
{
    __m512i s[8];
    for (int i = 0; i < 8; i++)
        s[i] = _mm512_loadu_si512((const void *)(st + 16 * i));
    for (size_t b = 0; b < nblocks; b++) {
        __m512i w[16];
        load_transpose(w, p, 64 * b);
        __m512i A = s[0], B = s[1], C = s[2], D = s[3], E = s[4], F = s[5], G = s[6], H = s[7];
        R4(R0, 0);
        R4(R0, 4);
        R4(R0, 8);
        R4(R0X, 12);
        R4(R1X, 16);
        R4(R1X, 20);
        R4(R1X, 24);
        R4(R1X, 28);
        R4(R1X, 32);
        R4(R1X, 36);
        R4(R1X, 40);
        R4(R1X, 44);
        R4(R1X, 48);
        R4(R1X, 52);
        R4(R1X, 56);
        R4(R1X, 60);
        s[0] = _mm512_xor_si512(s[0], A);
        s[1] = _mm512_xor_si512(s[1], B);
        s[2] = _mm512_xor_si512(s[2], C);
        s[3] = _mm512_xor_si512(s[3], D);
        s[4] = _mm512_xor_si512(s[4], E);
        s[5] = _mm512_xor_si512(s[5], F);
        s[6] = _mm512_xor_si512(s[6], G);
        s[7] = _mm512_xor_si512(s[7], H);
    }
    for (int i = 0; i < 8; i++)
        _mm512_storeu_si512((void *)(st + 16 * i), s[i]);
}
