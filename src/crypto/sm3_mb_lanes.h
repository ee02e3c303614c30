/* The body of the SM3 lane kernels (sm3_mb_avx2.c, sm3_mb_avx512.c): lane l of every vector
 * register holds one word of message l's computation, so the 64 rounds of GB/T 32905-2016 5.3.3
 * run once for all lanes. Only the vector primitives and the message transpose differ between
 * the kernels, so the rounds, the message expansion and the block loop are written once here.
 *
 * The including file defines, before including this header:
 *   SM3MB_VEC                   the vector type (__m256i, __m512i)
 *   SM3MB_LANES                 lanes per vector (8, 16)
 *   SM3MB_KERNEL                the kernel's name (declared in sm3_internal.h)
 *   ROL(x, n), ADD, XOR, XOR3, MAJ(a, b, c), CHOOSE(a, b, c), SET1(u32), LOAD(ptr), STORE(ptr, v)
 *   static void load_transpose(SM3MB_VEC w[16], const uint8_t *const *p, size_t off):
 *     w[i] = big-endian message word i of the block at p[l] + off, for every lane l.
 * Everything is macros or static, so each kernel compiles to the same code as a hand-written one. */
#ifndef GMTLS_CRYPTO_SM3_MB_LANES_H
#define GMTLS_CRYPTO_SM3_MB_LANES_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/sm3_internal.h"

#define P0(x) XOR3((x), ROL((x), 9), ROL((x), 17))
#define P1(x) XOR3((x), ROL((x), 15), ROL((x), 23))

/* GB/T 32905-2016 5.3.2, W_j for j >= 16, in a 16-register ring. */
#define EXPAND(j)                                                                              \
    (w[(j) & 15] = XOR3(P1(XOR3(w[(j) & 15], w[((j) + 7) & 15], ROL(w[((j) + 13) & 15], 15))), \
                        ROL(w[((j) + 3) & 15], 7), w[((j) + 10) & 15]))

/* One round on all lanes. The sums are ordered as in SM3_ROUND (sm3_rounds.h), terms that do
 * not depend on this round's E first; these kernels are limited by the number of vector
 * operations rather than by that chain, so the order matters less here than in one stream. */
#define ROUND(A, B, C, D, E, F, G, H, j, FF, GG)                                \
    do {                                                                        \
        SM3MB_VEC a12 = ROL(A, 12);                                             \
        SM3MB_VEC ak = ADD(a12, SET1(tj[j]));                                   \
        SM3MB_VEC ss1 = ROL(ADD(E, ak), 7);                                     \
        SM3MB_VEC ss2 = XOR(ss1, a12);                                          \
        SM3MB_VEC wj = w[(j) & 15];                                             \
        SM3MB_VEC t1 = ADD(FF(A, B, C), ADD(D, XOR(wj, w[((j) + 4) & 15])));    \
        SM3MB_VEC t2 = ADD(GG(E, F, G), ADD(H, wj));                            \
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

static void load_transpose(SM3MB_VEC w[16], const uint8_t *const *p, size_t off);

/* st[w * SM3MB_LANES + l] is word w of lane l's chaining value (see sm3_internal.h). */
void SM3MB_KERNEL(uint32_t *st, const uint8_t *const *p, size_t nblocks)
{
    SM3MB_VEC s[8];
    for (int i = 0; i < 8; i++)
        s[i] = LOAD(st + SM3MB_LANES * i);
    for (size_t b = 0; b < nblocks; b++) {
        SM3MB_VEC w[16];
        load_transpose(w, p, 64 * b);
        SM3MB_VEC A = s[0], B = s[1], C = s[2], D = s[3], E = s[4], F = s[5], G = s[6], H = s[7];
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
        /* V_{i+1} = ABCDEFGH xor V_i (5.3.3); after 64 renamings the names are back in place. */
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
        STORE(st + SM3MB_LANES * i, s[i]);
}

#endif /* GMTLS_CRYPTO_SM3_MB_LANES_H */
