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

/* AES-NI route, also in the A1 domain: the S-box input W1 ^ W2 ^ W3 ^ (A1 rk + c1) goes straight
 * into AESENCLAST (zero round key), which yields ShiftRows(M * inv(.) + 0x63), M the AES affine
 * matrix. After a pshufb undoing ShiftRows, A1 * Mk * L-part of the SM4 output is an affine map of
 * each byte, done with two 16-entry nibble lookups (pshufb) per term:
 *   Fk(z) = A1 Mk A2 M^-1 z + A1 Mk (A2 M^-1 0x63 + c2)   for k = 0, 1, 3 (Mk as in the GFNI notes),
 *   W4 = W0 ^ F0 ^ (F1 <<< 8) ^ (F1 <<< 16) ^ (F3 <<< 24).
 * Tables: 16 bytes as (high qword, low qword), entry n at byte n, for _mm_set_epi64x; _LO is indexed
 * by the low nibble (and carries the constant), _HI by the high nibble. Derived for gmtls. */
#define GMTLS_SM4_AESNI_F0_LO 0x1d127976f2fd9699ull, 0x131c7778fcf39897ull
#define GMTLS_SM4_AESNI_F0_HI 0x1ea218a4b804be02ull, 0x1ca01aa6ba06bc00ull
#define GMTLS_SM4_AESNI_F1_LO 0xc224db3db157a84eull, 0xcd2bd432be58a741ull
#define GMTLS_SM4_AESNI_F1_HI 0xa6715c8ba0775a8dull, 0x2bfcd1062dfad700ull
#define GMTLS_SM4_AESNI_F3_LO 0xdf36a24b43aa3ed7ull, 0xde37a34a42ab3fd6ull
#define GMTLS_SM4_AESNI_F3_HI 0xb8d3442f1873e48full, 0x375ccba097fc6b00ull
/* A1 x (state words in), A1^-1 x (out), A1 x + c1 (round keys) */
#define GMTLS_SM4_AESNI_A1_LO 0xc4c5e4e5cbcaebeaull, 0x2e2f0e0f21200100ull
#define GMTLS_SM4_AESNI_A1_HI 0x2a4b1e7faccd98f9ull, 0xd3b2e78655346100ull
#define GMTLS_SM4_AESNI_A1INV_LO 0x04055859f3f2afaeull, 0xaaabf6f75d5c0100ull
#define GMTLS_SM4_AESNI_A1INV_HI 0x2ffa2df83ce93eebull, 0xc411c613d702d500ull
#define GMTLS_SM4_AESNI_A1C_LO 0x1918393816173637ull, 0xf3f2d3d2fcfddcddull
#define GMTLS_SM4_AESNI_A1C_HI 0x2a4b1e7faccd98f9ull, 0xd3b2e78655346100ull

#endif
