/* 8-lane SM3 compression with AVX2: lane l of every ymm register holds one word of message l's
 * computation, so the 64 rounds of GB/T 32905-2016 5.3.3 run once for 8 blocks. AVX2 has no
 * vector rotate or three-input logic, so each rotation is two shifts and an OR.
 * Only called after gmtls_cpu_has(AVX2) (see sm3_mb.c). */
#include <immintrin.h>

#include "crypto/sm3_internal.h"

#define ROL(x, n) _mm256_or_si256(_mm256_slli_epi32((x), (n)), _mm256_srli_epi32((x), 32 - (n)))
#define ADD(a, b) _mm256_add_epi32((a), (b))
#define XOR(a, b) _mm256_xor_si256((a), (b))
#define XOR3(a, b, c) XOR(XOR((a), (b)), (c))
/* majority: (a & b) ^ (c & (a ^ b)); choose: ((b ^ c) & a) ^ c */
#define MAJ(a, b, c) XOR(_mm256_and_si256((a), (b)), _mm256_and_si256((c), XOR((a), (b))))
#define CHOOSE(a, b, c) XOR(_mm256_and_si256(XOR((b), (c)), (a)), (c))
#define P0(x) XOR3((x), ROL((x), 9), ROL((x), 17))
#define P1(x) XOR3((x), ROL((x), 15), ROL((x), 23))

/* GB/T 32905-2016 5.3.2, W_j for j >= 16, in a 16-register ring. */
#define EXPAND(j)                                                                              \
    (w[(j) & 15] = XOR3(P1(XOR3(w[(j) & 15], w[((j) + 7) & 15], ROL(w[((j) + 13) & 15], 15))), \
                        ROL(w[((j) + 3) & 15], 7), w[((j) + 10) & 15]))

/* One round on all lanes. The sums are ordered as in SM3_ROUND (sm3_rounds.h), terms that do
 * not depend on this round's E first; this kernel is limited by the number of vector
 * operations rather than by that chain, so the order matters less here than in one stream. */
#define ROUND(A, B, C, D, E, F, G, H, j, FF, GG)                                \
    do {                                                                        \
        __m256i a12 = ROL(A, 12);                                               \
        __m256i ak = ADD(a12, _mm256_set1_epi32((int)tj[j]));                   \
        __m256i ss1 = ROL(ADD(E, ak), 7);                                       \
        __m256i ss2 = XOR(ss1, a12);                                            \
        __m256i wj = w[(j) & 15];                                               \
        __m256i t1 = ADD(FF(A, B, C), ADD(D, XOR(wj, w[((j) + 4) & 15])));      \
        __m256i t2 = ADD(GG(E, F, G), ADD(H, wj));                              \
        B = ROL(B, 9);                                                          \
        F = ROL(F, 19);                                                         \
        D = ADD(t1, ss2);                                                       \
        t2 = ADD(t2, ss1);                                                      \
        H = P0(t2);                                                             \
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

void gmtls_sm3_mb8_avx2(uint32_t *st, const uint8_t *const *p, size_t nblocks)
{
    __m256i s[8];
    for (int i = 0; i < 8; i++)
        s[i] = _mm256_loadu_si256((const __m256i *)(const void *)(st + 8 * i));
    for (size_t b = 0; b < nblocks; b++) {
        __m256i w[16];
        load_transpose(w, p, 64 * b);
        __m256i A = s[0], B = s[1], C = s[2], D = s[3], E = s[4], F = s[5], G = s[6], H = s[7];
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
        s[0] = XOR(s[0], A);
        s[1] = XOR(s[1], B);
        s[2] = XOR(s[2], C);
        s[3] = XOR(s[3], D);
        s[4] = XOR(s[4], E);
        s[5] = XOR(s[5], F);
        s[6] = XOR(s[6], G);
        s[7] = XOR(s[7], H);
    }
    for (int i = 0; i < 8; i++)
        _mm256_storeu_si256((__m256i *)(void *)(st + 8 * i), s[i]);
}
