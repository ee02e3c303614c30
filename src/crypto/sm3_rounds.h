/* The SM3 compression function CF (GB/T 32905-2016 5.3.3) as a fully unrolled scalar body.
 *
 * Included by each file that builds a scalar variant (sm3.c for the baseline, sm3_compress_bmi2.c
 * where the compiler may use RORX), with SM3_COMPRESS_NAME set to the function name to define.
 * Without SM3_COMPRESS_NAME only the round macros are defined (sm3_compress_avx512.c uses them
 * with a SIMD message expansion).
 *
 * Why it is shaped this way:
 * - The 64 rounds are macro-unrolled, so every T_j <<< j is an immediate and the register roles
 *   rotate by renaming instead of moving 8 words per round: after a round, the variable that held
 *   D holds the new A (TT1), B is rotated in place (C' = B <<< 9), F likewise (G' = F <<< 19) and
 *   H receives P0(TT2); the next round is called with the names shifted by one.
 * - The message expansion (5.3.2) is interleaved with the rounds in a 16-word ring: round j needs
 *   W_j and W_{j+4} (W'_j = W_j ^ W_{j+4}), so round j computes W_{j+4} just before it is used and
 *   the ring never holds more than the 16 words the recurrence needs. */
#ifndef GMTLS_CRYPTO_SM3_ROUNDS_H
#define GMTLS_CRYPTO_SM3_ROUNDS_H

#include "core/bytes.h"

#define SM3_ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define SM3_P0(x) ((x) ^ SM3_ROTL((x), 9) ^ SM3_ROTL((x), 17))
#define SM3_P1(x) ((x) ^ SM3_ROTL((x), 15) ^ SM3_ROTL((x), 23))
/* FF_j, GG_j for 16 <= j <= 63: majority and choose, in forms that need few instructions. */
#define SM3_FF1(x, y, z) (((x) & ((y) | (z))) | ((y) & (z)))
#define SM3_GG1(x, y, z) ((((y) ^ (z)) & (x)) ^ (z))

/* W_{j} for j >= 16 from the ring (indices mod 16). */
#define SM3_EXPAND(w, j)                                                                         \
    (w[(j) & 15] = SM3_P1(w[(j) & 15] ^ w[((j) + 7) & 15] ^ SM3_ROTL(w[((j) + 13) & 15], 15)) ^ \
                   SM3_ROTL(w[((j) + 3) & 15], 7) ^ w[((j) + 10) & 15])

/* Keeps the compiler from re-associating a sum (see SM3_ROUND). */
#if defined(__GNUC__) || defined(__clang__)
#define SM3_BARRIER(x) __asm__("" : "+r"(x))
#else
#define SM3_BARRIER(x) ((void)0)
#endif

/* One round. K is T_j <<< (j mod 32) (5.3.3), an immediate after unrolling. FF and GG are the
 * boolean functions for this round; WJ is W_j and WPJ is W'_j = W_j ^ W_{j+4}.
 *
 * The order of the additions matters: one message is a single dependency chain, E -> SS1 and
 * GG -> TT2 -> P0 -> next E, so every term that does not depend on this round's E or A is summed
 * first ((A <<< 12) + T_j, D + W'_j, H + W_j) and the late terms are added last. Compilers
 * otherwise re-associate the sums in an order that puts up to two more additions on the chain
 * (measured: about 7% slower). */
#define SM3_ROUND(A, B, C, D, E, F, G, H, K, WJ, WPJ, FF, GG)                 \
    do {                                                                      \
        SM3_ROUND_HEAD(A, B, C, D, E, F, G, H, K, WJ, WPJ, FF, GG(E, F, G));  \
        H = SM3_P0(t2);                                                       \
    } while (0)

/* A round up to, not including, the P0 that makes the new E (H after renaming): leaves
 * TT2 in t2, declared in the enclosing block. GGV is the value of GG_j(E, F, G). Shared by
 * SM3_ROUND and the variant in sm3_compress_avx512.c that finishes P0 its own way. */
#define SM3_ROUND_HEAD(A, B, C, D, E, F, G, H, K, WJ, WPJ, FF, GGV)         \
    uint32_t a12 = SM3_ROTL(A, 12);                                         \
    uint32_t ak = a12 + (uint32_t)(K);                                      \
    SM3_BARRIER(ak);                                                        \
    uint32_t ss1 = SM3_ROTL(E + ak, 7);                                     \
    uint32_t ss2 = ss1 ^ a12;                                               \
    uint32_t t1 = FF(A, B, C) + (D + (WPJ));                                \
    uint32_t t2 = (GGV) + (H + (WJ));                                       \
    SM3_BARRIER(t1);                                                        \
    SM3_BARRIER(t2);                                                        \
    D = t1 + ss2;                                                           \
    B = SM3_ROTL(B, 9);                                                     \
    F = SM3_ROTL(F, 19);                                                    \
    t2 += ss1

/* V_{i+1} = ABCDEFGH xor V_i (5.3.3). */
#define SM3_FEED_FORWARD(state) \
    do {                        \
        (state)[0] ^= A;        \
        (state)[1] ^= B;        \
        (state)[2] ^= C;        \
        (state)[3] ^= D;        \
        (state)[4] ^= E;        \
        (state)[5] ^= F;        \
        (state)[6] ^= G;        \
        (state)[7] ^= H;        \
    } while (0)

#define SM3_FF0(x, y, z) ((x) ^ (y) ^ (z))
#define SM3_GG0(x, y, z) ((x) ^ (y) ^ (z))

/* Rounds 0..11: W_{j+4} is still one of the 16 loaded words. */
#define SM3_R0(A, B, C, D, E, F, G, H, K, j) \
    SM3_ROUND(A, B, C, D, E, F, G, H, K, w[j], w[j] ^ w[(j) + 4], SM3_FF0, SM3_GG0)
/* Rounds 12..15: expand W_{j+4} first. */
#define SM3_R0X(A, B, C, D, E, F, G, H, K, j)                               \
    do {                                                                    \
        SM3_EXPAND(w, (j) + 4);                                             \
        SM3_ROUND(A, B, C, D, E, F, G, H, K, w[(j) & 15],                  \
                  w[(j) & 15] ^ w[((j) + 4) & 15], SM3_FF0, SM3_GG0);       \
    } while (0)
/* Rounds 16..63. */
#define SM3_R1X(A, B, C, D, E, F, G, H, K, j)                               \
    do {                                                                    \
        SM3_EXPAND(w, (j) + 4);                                             \
        SM3_ROUND(A, B, C, D, E, F, G, H, K, w[(j) & 15],                  \
                  w[(j) & 15] ^ w[((j) + 4) & 15], SM3_FF1, SM3_GG1);       \
    } while (0)

#endif /* GMTLS_CRYPTO_SM3_ROUNDS_H */

#ifdef SM3_COMPRESS_NAME
/* Advance the chaining value over nblocks 64-byte blocks. */
static void SM3_COMPRESS_NAME(uint32_t state[8], const uint8_t *p, size_t nblocks)
{
    uint32_t w[16];
    while (nblocks--) {
        uint32_t A = state[0], B = state[1], C = state[2], D = state[3];
        uint32_t E = state[4], F = state[5], G = state[6], H = state[7];
        for (int i = 0; i < 16; i++)
            w[i] = gmtls_load_be32(p + 4 * i);

        /* T_j <<< j, j = 0..15 (T = 79cc4519) */
        SM3_R0(A, B, C, D, E, F, G, H, 0x79cc4519u, 0);
        SM3_R0(D, A, B, C, H, E, F, G, 0xf3988a32u, 1);
        SM3_R0(C, D, A, B, G, H, E, F, 0xe7311465u, 2);
        SM3_R0(B, C, D, A, F, G, H, E, 0xce6228cbu, 3);
        SM3_R0(A, B, C, D, E, F, G, H, 0x9cc45197u, 4);
        SM3_R0(D, A, B, C, H, E, F, G, 0x3988a32fu, 5);
        SM3_R0(C, D, A, B, G, H, E, F, 0x7311465eu, 6);
        SM3_R0(B, C, D, A, F, G, H, E, 0xe6228cbcu, 7);
        SM3_R0(A, B, C, D, E, F, G, H, 0xcc451979u, 8);
        SM3_R0(D, A, B, C, H, E, F, G, 0x988a32f3u, 9);
        SM3_R0(C, D, A, B, G, H, E, F, 0x311465e7u, 10);
        SM3_R0(B, C, D, A, F, G, H, E, 0x6228cbceu, 11);
        SM3_R0X(A, B, C, D, E, F, G, H, 0xc451979cu, 12);
        SM3_R0X(D, A, B, C, H, E, F, G, 0x88a32f39u, 13);
        SM3_R0X(C, D, A, B, G, H, E, F, 0x11465e73u, 14);
        SM3_R0X(B, C, D, A, F, G, H, E, 0x228cbce6u, 15);
        /* T_j <<< (j mod 32), j = 16..63 (T = 7a879d8a) */
        SM3_R1X(A, B, C, D, E, F, G, H, 0x9d8a7a87u, 16);
        SM3_R1X(D, A, B, C, H, E, F, G, 0x3b14f50fu, 17);
        SM3_R1X(C, D, A, B, G, H, E, F, 0x7629ea1eu, 18);
        SM3_R1X(B, C, D, A, F, G, H, E, 0xec53d43cu, 19);
        SM3_R1X(A, B, C, D, E, F, G, H, 0xd8a7a879u, 20);
        SM3_R1X(D, A, B, C, H, E, F, G, 0xb14f50f3u, 21);
        SM3_R1X(C, D, A, B, G, H, E, F, 0x629ea1e7u, 22);
        SM3_R1X(B, C, D, A, F, G, H, E, 0xc53d43ceu, 23);
        SM3_R1X(A, B, C, D, E, F, G, H, 0x8a7a879du, 24);
        SM3_R1X(D, A, B, C, H, E, F, G, 0x14f50f3bu, 25);
        SM3_R1X(C, D, A, B, G, H, E, F, 0x29ea1e76u, 26);
        SM3_R1X(B, C, D, A, F, G, H, E, 0x53d43cecu, 27);
        SM3_R1X(A, B, C, D, E, F, G, H, 0xa7a879d8u, 28);
        SM3_R1X(D, A, B, C, H, E, F, G, 0x4f50f3b1u, 29);
        SM3_R1X(C, D, A, B, G, H, E, F, 0x9ea1e762u, 30);
        SM3_R1X(B, C, D, A, F, G, H, E, 0x3d43cec5u, 31);
        SM3_R1X(A, B, C, D, E, F, G, H, 0x7a879d8au, 32);
        SM3_R1X(D, A, B, C, H, E, F, G, 0xf50f3b14u, 33);
        SM3_R1X(C, D, A, B, G, H, E, F, 0xea1e7629u, 34);
        SM3_R1X(B, C, D, A, F, G, H, E, 0xd43cec53u, 35);
        SM3_R1X(A, B, C, D, E, F, G, H, 0xa879d8a7u, 36);
        SM3_R1X(D, A, B, C, H, E, F, G, 0x50f3b14fu, 37);
        SM3_R1X(C, D, A, B, G, H, E, F, 0xa1e7629eu, 38);
        SM3_R1X(B, C, D, A, F, G, H, E, 0x43cec53du, 39);
        SM3_R1X(A, B, C, D, E, F, G, H, 0x879d8a7au, 40);
        SM3_R1X(D, A, B, C, H, E, F, G, 0x0f3b14f5u, 41);
        SM3_R1X(C, D, A, B, G, H, E, F, 0x1e7629eau, 42);
        SM3_R1X(B, C, D, A, F, G, H, E, 0x3cec53d4u, 43);
        SM3_R1X(A, B, C, D, E, F, G, H, 0x79d8a7a8u, 44);
        SM3_R1X(D, A, B, C, H, E, F, G, 0xf3b14f50u, 45);
        SM3_R1X(C, D, A, B, G, H, E, F, 0xe7629ea1u, 46);
        SM3_R1X(B, C, D, A, F, G, H, E, 0xcec53d43u, 47);
        SM3_R1X(A, B, C, D, E, F, G, H, 0x9d8a7a87u, 48);
        SM3_R1X(D, A, B, C, H, E, F, G, 0x3b14f50fu, 49);
        SM3_R1X(C, D, A, B, G, H, E, F, 0x7629ea1eu, 50);
        SM3_R1X(B, C, D, A, F, G, H, E, 0xec53d43cu, 51);
        SM3_R1X(A, B, C, D, E, F, G, H, 0xd8a7a879u, 52);
        SM3_R1X(D, A, B, C, H, E, F, G, 0xb14f50f3u, 53);
        SM3_R1X(C, D, A, B, G, H, E, F, 0x629ea1e7u, 54);
        SM3_R1X(B, C, D, A, F, G, H, E, 0xc53d43ceu, 55);
        SM3_R1X(A, B, C, D, E, F, G, H, 0x8a7a879du, 56);
        SM3_R1X(D, A, B, C, H, E, F, G, 0x14f50f3bu, 57);
        SM3_R1X(C, D, A, B, G, H, E, F, 0x29ea1e76u, 58);
        SM3_R1X(B, C, D, A, F, G, H, E, 0x53d43cecu, 59);
        SM3_R1X(A, B, C, D, E, F, G, H, 0xa7a879d8u, 60);
        SM3_R1X(D, A, B, C, H, E, F, G, 0x4f50f3b1u, 61);
        SM3_R1X(C, D, A, B, G, H, E, F, 0x9ea1e762u, 62);
        SM3_R1X(B, C, D, A, F, G, H, E, 0x3d43cec5u, 63);

        /* After 64 renamings the names are back in place. */
        SM3_FEED_FORWARD(state);
        p += 64;
    }
}
#endif /* SM3_COMPRESS_NAME */
