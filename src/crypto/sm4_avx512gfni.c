/* SM4 with GFNI and AVX-512 (F, BW, VL, DQ): 16 blocks per zmm set, two or four sets interleaved.
 * Only called after gmtls_cpu_has() reported every feature (sm4.c).
 *
 * The S-box is two GFNI instructions. SM4's S-box is affine-equivalent to inversion in the AES
 * field GF(2^8)/(x^8+x^4+x^3+x+1): S(x) = A2 * inv(A1 * x + c1) + c2, with A1, c1, A2, c2 derived
 * for gmtls and checked against the S-box table of GB/T 32907-2016. gf2p8affineqb applies A1, c1;
 * gf2p8affineinvqb inverts in that very field and applies A2, c2.
 *
 * Layout: blocks are loaded, their words byte-swapped to native order, and transposed so that
 * register X_j holds word j of 16 blocks (one per dword). L's rotations are vprold; XORs of three
 * values are one vpternlogd. */
#include <immintrin.h>
#include <string.h>

#include "core/bytes.h"
#include "crypto/sm4_internal.h"
#include "crypto/sm4_simd.h"

static inline __m512i sbox16(__m512i x)
{
    x = _mm512_gf2p8affine_epi64_epi8(x, _mm512_set1_epi64((long long)GMTLS_SM4_GFNI_PRE), GMTLS_SM4_GFNI_PRE_C);
    return _mm512_gf2p8affineinv_epi64_epi8(x, _mm512_set1_epi64((long long)GMTLS_SM4_GFNI_POST),
                                            GMTLS_SM4_GFNI_POST_C);
}

/* x0 ^= L(S(x1 ^ x2 ^ x3 ^ rk)) for 16 blocks (GB/T 32907-2016 7.1). */
#define XOR3 0x96
static inline __m512i round16(__m512i x0, __m512i x1, __m512i x2, __m512i x3, __m512i rk)
{
    __m512i y = sbox16(_mm512_xor_si512(_mm512_ternarylogic_epi32(x1, x2, x3, XOR3), rk));
    __m512i u = _mm512_ternarylogic_epi32(y, _mm512_rol_epi32(y, 2), _mm512_rol_epi32(y, 10), XOR3);
    __m512i v = _mm512_ternarylogic_epi32(x0, _mm512_rol_epi32(y, 18), _mm512_rol_epi32(y, 24), XOR3);
    return _mm512_xor_si512(u, v);
}

/* Transpose the 4x4 dword matrices in each 128-bit lane of (a, b, c, d). */
#define TRANSPOSE4(a, b, c, d)                                                                     \
    do {                                                                                           \
        __m512i t0_ = _mm512_unpacklo_epi32(a, b), t1_ = _mm512_unpacklo_epi32(c, d);              \
        __m512i t2_ = _mm512_unpackhi_epi32(a, b), t3_ = _mm512_unpackhi_epi32(c, d);              \
        a = _mm512_unpacklo_epi64(t0_, t1_);                                                       \
        b = _mm512_unpackhi_epi64(t0_, t1_);                                                       \
        c = _mm512_unpacklo_epi64(t2_, t3_);                                                       \
        d = _mm512_unpackhi_epi64(t2_, t3_);                                                       \
    } while (0)

static inline __m512i bswap_mask(void)
{
    return _mm512_broadcast_i32x4(_mm_setr_epi8(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12));
}

/* NSETS sets of 16 blocks: s[4 * set + j] = word j. After the call s holds the output words
 * (X35, X34, X33, X32) in the same layout. */
#define ROUNDS(NSETS, s, rk)                                                                       \
    do {                                                                                           \
        for (unsigned r_ = 0; r_ < 32; r_ += 4) {                                                  \
            __m512i k0_ = _mm512_set1_epi32((int)(rk)[r_]), k1_ = _mm512_set1_epi32((int)(rk)[r_ + 1]); \
            __m512i k2_ = _mm512_set1_epi32((int)(rk)[r_ + 2]), k3_ = _mm512_set1_epi32((int)(rk)[r_ + 3]); \
            __m512i *v_ = (s);                                                                     \
            _Pragma("GCC unroll 4") for (unsigned q_ = 0; q_ < (NSETS); q_++)                     \
                v_[4 * q_] = round16(v_[4 * q_], v_[4 * q_ + 1], v_[4 * q_ + 2], v_[4 * q_ + 3], k0_); \
            _Pragma("GCC unroll 4") for (unsigned q_ = 0; q_ < (NSETS); q_++)                     \
                v_[4 * q_ + 1] = round16(v_[4 * q_ + 1], v_[4 * q_ + 2], v_[4 * q_ + 3], v_[4 * q_], k1_); \
            _Pragma("GCC unroll 4") for (unsigned q_ = 0; q_ < (NSETS); q_++)                     \
                v_[4 * q_ + 2] = round16(v_[4 * q_ + 2], v_[4 * q_ + 3], v_[4 * q_], v_[4 * q_ + 1], k2_); \
            _Pragma("GCC unroll 4") for (unsigned q_ = 0; q_ < (NSETS); q_++)                     \
                v_[4 * q_ + 3] = round16(v_[4 * q_ + 3], v_[4 * q_], v_[4 * q_ + 1], v_[4 * q_ + 2], k3_); \
        }                                                                                          \
    } while (0)

/* Load 16 blocks (m: dword mask per register for a short tail) into the word-sliced layout. */
static inline void load16(__m512i *s, const uint8_t *in, const __mmask16 m[4])
{
    const __m512i bs = bswap_mask();
    for (unsigned j = 0; j < 4; j++)
        s[j] = _mm512_shuffle_epi8(_mm512_maskz_loadu_epi32(m[j], in + 64 * j), bs);
    TRANSPOSE4(s[0], s[1], s[2], s[3]);
}

/* Undo the layout, reversing the word order (GB/T 32907-2016 7.1: output (X35, X34, X33, X32)),
 * optionally XOR with x (CTR), and store. */
static inline void store16(uint8_t *out, __m512i *s, const uint8_t *x, const __mmask16 m[4])
{
    const __m512i bs = bswap_mask();
    __m512i a = s[3], b = s[2], c = s[1], d = s[0];
    TRANSPOSE4(a, b, c, d);
    __m512i o[4] = {a, b, c, d};
    for (unsigned j = 0; j < 4; j++) {
        __m512i v = _mm512_shuffle_epi8(o[j], bs);
        if (x != NULL)
            v = _mm512_xor_si512(v, _mm512_maskz_loadu_epi32(m[j], x + 64 * j));
        _mm512_mask_storeu_epi32(out + 64 * j, m[j], v);
    }
}

static inline void tail_masks(size_t nblocks, __mmask16 m[4])
{
    for (unsigned j = 0; j < 4; j++) {
        size_t have = nblocks > 4 * j ? nblocks - 4 * j : 0;
        if (have > 4)
            have = 4;
        m[j] = (__mmask16)((1u << (4 * have)) - 1u);
    }
}

static const __mmask16 full_masks[4] = {0xffff, 0xffff, 0xffff, 0xffff};

static void avx512gfni_ecb(const uint32_t rk[32], const uint8_t *in, uint8_t *out, size_t nblocks)
{
    __m512i s[16];
    while (nblocks >= 64) {
        for (unsigned q = 0; q < 4; q++)
            load16(s + 4 * q, in + 256 * q, full_masks);
        ROUNDS(4, s, rk);
        for (unsigned q = 0; q < 4; q++)
            store16(out + 256 * q, s + 4 * q, NULL, full_masks);
        in += 1024;
        out += 1024;
        nblocks -= 64;
    }
    while (nblocks >= 32) {
        for (unsigned q = 0; q < 2; q++)
            load16(s + 4 * q, in + 256 * q, full_masks);
        ROUNDS(2, s, rk);
        for (unsigned q = 0; q < 2; q++)
            store16(out + 256 * q, s + 4 * q, NULL, full_masks);
        in += 512;
        out += 512;
        nblocks -= 32;
    }
    while (nblocks > 0) {
        __mmask16 m[4];
        size_t n = nblocks < 16 ? nblocks : 16;
        tail_masks(n, m);
        load16(s, in, m);
        ROUNDS(1, s, rk);
        store16(out, s, NULL, m);
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
}

/* Counter blocks built directly in the word-sliced layout: words 0..2 are the same for every block
 * of a batch as long as the low word does not carry (always true for CTR32; checked for CTR128).
 * Dword p = 4k + r of a register holds block 4r + k (see load16), hence these offsets. */
static inline __m512i ctr_offsets(void)
{
    return _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
}

static void avx512gfni_ctr(const uint32_t rk[32], uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t nblocks,
                           int mode)
{
    __m512i s[16];
    const __m512i offs = ctr_offsets();
    while (nblocks > 0) {
        size_t n = nblocks < 64 ? nblocks : 64;
        size_t sets = (n + 15) / 16;
        uint32_t w0 = gmtls_load_be32(ctr), w1 = gmtls_load_be32(ctr + 4), w2 = gmtls_load_be32(ctr + 8);
        uint32_t lo = gmtls_load_be32(ctr + 12);
        if (mode == GMTLS_SM4_CTR128 && (uint64_t)lo + n > 0x100000000ull) {
            /* the low word carries inside this batch: take the general route for it */
            gmtls_sm4_ctr_via_ecb(avx512gfni_ecb, rk, ctr, in, out, n, mode);
        } else {
            for (unsigned q = 0; q < sets; q++) {
                s[4 * q] = _mm512_set1_epi32((int)w0);
                s[4 * q + 1] = _mm512_set1_epi32((int)w1);
                s[4 * q + 2] = _mm512_set1_epi32((int)w2);
                s[4 * q + 3] = _mm512_add_epi32(_mm512_set1_epi32((int)(lo + 16 * q)), offs);
            }
            if (sets == 4)
                ROUNDS(4, s, rk);
            else if (sets >= 2)
                ROUNDS(2, s, rk);
            if (sets == 3 || sets == 1)
                ROUNDS(1, s + 4 * (sets - 1), rk);
            for (unsigned q = 0; q < sets; q++) {
                __mmask16 m[4];
                tail_masks(n - 16 * q, m);
                store16(out + 256 * q, s + 4 * q, in + 256 * q, m);
            }
            gmtls_sm4_ctr_add(ctr, n, mode);
        }
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
}

/* One block for serial use: the four words in four xmm registers (dword 0), rounds on xmm with the
 * same instructions, so the latency per round is one ternlog, two GFNI, a rotate and two ternlogs. */
static inline __m128i round1(__m128i x0, __m128i x1, __m128i x2, __m128i x3, uint32_t rk)
{
    __m128i t = _mm_xor_si128(_mm_ternarylogic_epi32(x1, x2, x3, XOR3), _mm_cvtsi32_si128((int)rk));
    t = _mm_gf2p8affine_epi64_epi8(t, _mm_set1_epi64x((long long)GMTLS_SM4_GFNI_PRE), GMTLS_SM4_GFNI_PRE_C);
    __m128i y = _mm_gf2p8affineinv_epi64_epi8(t, _mm_set1_epi64x((long long)GMTLS_SM4_GFNI_POST),
                                              GMTLS_SM4_GFNI_POST_C);
    __m128i u = _mm_ternarylogic_epi32(y, _mm_rol_epi32(y, 2), _mm_rol_epi32(y, 10), XOR3);
    __m128i v = _mm_ternarylogic_epi32(x0, _mm_rol_epi32(y, 18), _mm_rol_epi32(y, 24), XOR3);
    return _mm_xor_si128(u, v);
}

static void avx512gfni_block(const uint32_t rk[32], const uint8_t in[16], uint8_t out[16])
{
    __m128i x0 = _mm_cvtsi32_si128((int)gmtls_load_be32(in)), x1 = _mm_cvtsi32_si128((int)gmtls_load_be32(in + 4));
    __m128i x2 = _mm_cvtsi32_si128((int)gmtls_load_be32(in + 8)), x3 = _mm_cvtsi32_si128((int)gmtls_load_be32(in + 12));
    for (unsigned i = 0; i < 32; i += 4) {
        x0 = round1(x0, x1, x2, x3, rk[i]);
        x1 = round1(x1, x2, x3, x0, rk[i + 1]);
        x2 = round1(x2, x3, x0, x1, rk[i + 2]);
        x3 = round1(x3, x0, x1, x2, rk[i + 3]);
    }
    gmtls_store_be32(out, (uint32_t)_mm_cvtsi128_si32(x3));
    gmtls_store_be32(out + 4, (uint32_t)_mm_cvtsi128_si32(x2));
    gmtls_store_be32(out + 8, (uint32_t)_mm_cvtsi128_si32(x1));
    gmtls_store_be32(out + 12, (uint32_t)_mm_cvtsi128_si32(x0));
}

const gmtls_sm4_ops gmtls_sm4_ops_avx512gfni = {
    "gfni-avx512", avx512gfni_block, avx512gfni_ecb, avx512gfni_ctr, 32,
};
