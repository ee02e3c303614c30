/* Constants shared by the x86 SM4 implementations (sm4_aesni.c, sm4_gfni.c, sm4_avx512gfni.c).
 *
 * SM4's S-box (GB/T 32907-2016 6.2.1) satisfies S(x) = A2 * inv(A1 * x + c1) + c2 with inv the
 * inversion in the AES field GF(2^8)/(x^8+x^4+x^3+x+1). The affine maps were derived for gmtls by the
 * linear-equivalence method (guess A1 on a few points, close under linearity, check all 256
 * entries); the test suite checks every implementation against the portable circuit and OpenSSL. */
#ifndef GMTLS_CRYPTO_SM4_SIMD_H
#define GMTLS_CRYPTO_SM4_SIMD_H

/* GFNI operands: byte 7 - i of the qword is the row producing output bit i. */
#define GMTLS_SM4_GFNI_PRE 0x954c648ca0ba98c8ull   /* A1 */
#define GMTLS_SM4_GFNI_PRE_C 0xdd                   /* c1 */
#define GMTLS_SM4_GFNI_POST 0xae6613672c629378ull  /* A2 */
#define GMTLS_SM4_GFNI_POST_C 0xd3                  /* c2 */

/* The GFNI implementations run the rounds in the "A1 domain": every state word is kept as
 * W = A1 * X (A1 applied to each byte). Then the S-box input is W1 ^ W2 ^ W3 ^ (A1 * rk + c1), and
 * the round output A1 * L(S(t)) needs no separate pre-affine step: writing B <<< 2 bytewise as
 * (B << 2) ^ ((B >> 6) <<< 8) (shifts within each byte), L(y) = M0 y ^ (M1 y <<< 8) ^ (M1 y <<< 16)
 * ^ (M3 y <<< 24) with M0 = I + shl2, M1 = shl2 + shr6, M3 = I + shr6 (bytewise matrices), and since
 * y = A2 inv(.) + c2 and byte rotations commute with bytewise maps, each term is one
 * gf2p8affineinvqb with matrix A1 * Mk * A2 and constant A1 * Mk * c2:
 *   W4 = W0 ^ v0 ^ (v1 <<< 8) ^ (v1 <<< 16) ^ (v3 <<< 24),  vk = affineinv(t, Nk, ek).
 * The words are mapped in with A1 and out with A1^-1. This removes one GFNI step (and a bit
 * rotation) from every round's dependency chain. Derived for gmtls; checked by the test suite. */
#define GMTLS_SM4_GFNI_A1INV 0xd5ec1e8a568c969cull /* A1^-1 */
#define GMTLS_SM4_GFNI_N0 0x360307a61f4724a4ull
#define GMTLS_SM4_GFNI_E0 0x5c
#define GMTLS_SM4_GFNI_N1 0x4ce4e5aa05081728ull
#define GMTLS_SM4_GFNI_E1 0x42
#define GMTLS_SM4_GFNI_N3 0x7ae7e20c1a4f338cull
#define GMTLS_SM4_GFNI_E3 0x1e

/* AES-NI route: y = A1 x + c1 by two nibble lookups (pshufb); AESENCLAST with a zero key gives
 * ShiftRows(M * inv(y) + 0x63) (M: the AES affine matrix); after undoing ShiftRows, the post
 * lookups apply A2 * M^-1 and the constant A2 * M^-1 * 0x63 + c2. Each table: 16 bytes as
 * (high qword, low qword), entry n at byte n, for _mm_set_epi64x. */
#define GMTLS_SM4_AESNI_PRE_LO 0x1918393816173637ull, 0xf3f2d3d2fcfddcddull
#define GMTLS_SM4_AESNI_PRE_HI 0x2a4b1e7faccd98f9ull, 0xd3b2e78655346100ull
#define GMTLS_SM4_AESNI_POST_LO 0x297db7e34f1bd185ull, 0x287cb6e24e1ad084ull
#define GMTLS_SM4_AESNI_POST_HI 0x9071e7067a9b0decull, 0x7c9d0bea9677e100ull

#endif
