/* SM4 with GFNI and AVX-512 (F, BW, VL, DQ): 16 blocks per zmm set, two or four sets interleaved.
 * Only called after gmtls_cpu_has() reported every feature (sm4.c).
 *
 * SM4's S-box is affine-equivalent to inversion in the AES field GF(2^8)/(x^8+x^4+x^3+x+1):
 * S(x) = A2 * inv(A1 * x + c1) + c2, and gf2p8affineinvqb inverts in that very field. The rounds run
 * in the A1 domain described in sm4_simd.h: the state words are kept multiplied by A1, so a round is
 * three gf2p8affineinvqb (S-box, the bytewise part of L and the next round's A1 in one step each)
 * plus byte rotations and XORs.
 *
 * Layout: blocks are loaded, their words byte-swapped to native order, and transposed so that
 * register X_j holds word j of 16 blocks (one per dword). L's rotations are vprold; XORs of three
 * values are one vpternlogd. */
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#include <string.h>

#include "core/bytes.h"
#include "crypto/sm4_internal.h"
#include "crypto/sm4_simd.h"

/* Macros, not functions: the constant byte must be an immediate (clang checks it before inlining). */
#define gf_affine16(x, m, c) _mm512_gf2p8affine_epi64_epi8((x), _mm512_set1_epi64((long long)(m)), (c))
#define gf_affineinv16(x, m, c) _mm512_gf2p8affineinv_epi64_epi8((x), _mm512_set1_epi64((long long)(m)), (c))

/* One round in the A1 domain (sm4_simd.h) for 16 blocks: w0 ^ A1 L(S(x1 ^ x2 ^ x3 ^ rk)), with
 * k = A1 rk + c1 (GB/T 32907-2016 7.1). */
#define XOR3 0x96
static inline __m512i round16(__m512i w0, __m512i w1, __m512i w2, __m512i w3, __m512i k)
{
    __m512i t = _mm512_xor_si512(_mm512_ternarylogic_epi32(w1, w2, k, XOR3), w3);
    __m512i v0 = gf_affineinv16(t, GMTLS_SM4_GFNI_N0, GMTLS_SM4_GFNI_E0);
    __m512i v1 = gf_affineinv16(t, GMTLS_SM4_GFNI_N1, GMTLS_SM4_GFNI_E1);
    __m512i v3 = gf_affineinv16(t, GMTLS_SM4_GFNI_N3, GMTLS_SM4_GFNI_E3);
    __m512i a = _mm512_ternarylogic_epi32(w0, v0, _mm512_rol_epi32(v1, 8), XOR3);
    return _mm512_ternarylogic_epi32(a, _mm512_rol_epi32(v1, 16), _mm512_rol_epi32(v3, 24), XOR3);
}

/* The round key in the A1 domain, in every dword. */
static inline __m512i rkey16(uint32_t rk)
{
    return gf_affine16(_mm512_set1_epi32((int)rk), GMTLS_SM4_GFNI_PRE, GMTLS_SM4_GFNI_PRE_C);
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
            __m512i k0_ = rkey16((rk)[r_]), k1_ = rkey16((rk)[r_ + 1]);                            \
            __m512i k2_ = rkey16((rk)[r_ + 2]), k3_ = rkey16((rk)[r_ + 3]);                        \
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

/* 16 blocks in 4 registers (4 blocks each, byte order) into the word-sliced layout in the A1 domain. */
static inline void slice16(__m512i *s)
{
    const __m512i bs = bswap_mask();
    for (unsigned j = 0; j < 4; j++)
        s[j] = _mm512_shuffle_epi8(s[j], bs);
    TRANSPOSE4(s[0], s[1], s[2], s[3]);
    for (unsigned j = 0; j < 4; j++)
        s[j] = gf_affine16(s[j], GMTLS_SM4_GFNI_PRE, 0);
}

/* Back to 4 registers of 4 blocks in byte order, reversing the word order
 * (GB/T 32907-2016 7.1: output (X35, X34, X33, X32)). */
static inline void unslice16(const __m512i *s, __m512i o[4])
{
    const __m512i bs = bswap_mask();
    __m512i a = gf_affine16(s[3], GMTLS_SM4_GFNI_A1INV, 0), b = gf_affine16(s[2], GMTLS_SM4_GFNI_A1INV, 0);
    __m512i c = gf_affine16(s[1], GMTLS_SM4_GFNI_A1INV, 0), d = gf_affine16(s[0], GMTLS_SM4_GFNI_A1INV, 0);
    TRANSPOSE4(a, b, c, d);
    o[0] = _mm512_shuffle_epi8(a, bs);
    o[1] = _mm512_shuffle_epi8(b, bs);
    o[2] = _mm512_shuffle_epi8(c, bs);
    o[3] = _mm512_shuffle_epi8(d, bs);
}

/* Load 16 blocks (m: dword mask per register for a short tail) into the word-sliced layout. */
static inline void load16(__m512i *s, const uint8_t *in, const __mmask16 m[4])
{
    for (unsigned j = 0; j < 4; j++)
        s[j] = _mm512_maskz_loadu_epi32(m[j], in + 64 * j);
    slice16(s);
}

/* Undo the layout, optionally XOR with x (CTR), and store. */
static inline void store16(uint8_t *out, const __m512i *s, const uint8_t *x, const __mmask16 m[4])
{
    __m512i o[4];
    unslice16(s, o);
    for (unsigned j = 0; j < 4; j++) {
        __m512i v = o[j];
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

static void avx512gfni_block(const uint32_t rk[32], const uint8_t in[16], uint8_t out[16]);

static void avx512gfni_ecb(const uint32_t rk[32], const uint8_t *in, uint8_t *out, size_t nblocks)
{
    __m512i s[16];
    if (nblocks == 1) { /* the one-block code has the shorter latency */
        avx512gfni_block(rk, in, out);
        return;
    }
    /* whole groups of NSETS sets of 16 blocks (NSETS a constant, for ROUNDS' unrolling) */
#define ECB_SETS(NSETS)                                                      \
    while (nblocks >= 16 * (NSETS)) {                                        \
        for (unsigned q = 0; q < (NSETS); q++)                               \
            load16(s + 4 * q, in + 256 * q, full_masks);                     \
        ROUNDS(NSETS, s, rk);                                                \
        for (unsigned q = 0; q < (NSETS); q++)                               \
            store16(out + 256 * q, s + 4 * q, NULL, full_masks);             \
        in += 256 * (NSETS);                                                 \
        out += 256 * (NSETS);                                                \
        nblocks -= 16 * (NSETS);                                             \
    }
    ECB_SETS(4);
    ECB_SETS(2);
#undef ECB_SETS
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
            const __m512i c0 = gf_affine16(_mm512_set1_epi32((int)w0), GMTLS_SM4_GFNI_PRE, 0);
            const __m512i c1 = gf_affine16(_mm512_set1_epi32((int)w1), GMTLS_SM4_GFNI_PRE, 0);
            const __m512i c2 = gf_affine16(_mm512_set1_epi32((int)w2), GMTLS_SM4_GFNI_PRE, 0);
            for (unsigned q = 0; q < sets; q++) {
                s[4 * q] = c0;
                s[4 * q + 1] = c1;
                s[4 * q + 2] = c2;
                s[4 * q + 3] = gf_affine16(_mm512_add_epi32(_mm512_set1_epi32((int)(lo + 16 * q)), offs),
                                           GMTLS_SM4_GFNI_PRE, 0);
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

/* One block for serial use, each word in its own xmm register (dword 0), in the A1 domain. The
 * XOR of the two older words and the round key is computed off the dependency chain, which per
 * round is then one gf2p8affineinvqb, a rotate and two ternary XORs. */
#define gf_affine1(x, m, c) _mm_gf2p8affine_epi64_epi8((x), _mm_set1_epi64x((long long)(m)), (c))

/* Round i: from the S-box input t, replace xa (= X_i) by X_{i+4} and compute the next round's input
 * X_{i+2} ^ X_{i+3} ^ X_{i+4} ^ k_next, folding X_{i+4} = a ^ b into it so the chain does not wait
 * for the XOR that forms X_{i+4}. */
#define BLOCK_ROUND(t, xa, xb, xc, knext)                                                          \
    do {                                                                                           \
        __m128i v0_ = _mm_gf2p8affineinv_epi64_epi8(t, n0, GMTLS_SM4_GFNI_E0);                    \
        __m128i v1_ = _mm_gf2p8affineinv_epi64_epi8(t, n1, GMTLS_SM4_GFNI_E1);                    \
        __m128i v3_ = _mm_gf2p8affineinv_epi64_epi8(t, n3, GMTLS_SM4_GFNI_E3);                    \
        __m128i a_ = _mm_ternarylogic_epi32(xa, v0_, _mm_rol_epi32(v1_, 8), XOR3);                \
        __m128i b_ = _mm_xor_si128(_mm_rol_epi32(v1_, 16), _mm_rol_epi32(v3_, 24));               \
        xa = _mm_xor_si128(a_, b_);                                                                \
        t = _mm_ternarylogic_epi32(_mm_ternarylogic_epi32(xb, xc, knext, XOR3), a_, b_, XOR3);     \
    } while (0)

static void avx512gfni_block(const uint32_t rk[32], const uint8_t in[16], uint8_t out[16])
{
    const __m128i n0 = _mm_set1_epi64x((long long)GMTLS_SM4_GFNI_N0);
    const __m128i n1 = _mm_set1_epi64x((long long)GMTLS_SM4_GFNI_N1);
    const __m128i n3 = _mm_set1_epi64x((long long)GMTLS_SM4_GFNI_N3);
    const __m128i bswap = _mm_setr_epi8(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
    __m128i x = gf_affine1(_mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)in), bswap),
                           GMTLS_SM4_GFNI_PRE, 0);
    __m128i x0 = x, x1 = _mm_srli_si128(x, 4), x2 = _mm_srli_si128(x, 8), x3 = _mm_srli_si128(x, 12);
    /* round keys in the A1 domain; a 33rd (zero) key keeps the last round uniform */
#define RK(i) ((i) < 32 ? gf_affine1(_mm_cvtsi32_si128((int)rk[(i) < 32 ? (i) : 0]), GMTLS_SM4_GFNI_PRE, \
                                     GMTLS_SM4_GFNI_PRE_C)                                             \
                        : _mm_setzero_si128())
    __m128i t = _mm_ternarylogic_epi32(_mm_ternarylogic_epi32(x1, x2, x3, XOR3), RK(0), _mm_setzero_si128(), XOR3);
    for (unsigned i = 0; i < 32; i += 4) {
        BLOCK_ROUND(t, x0, x2, x3, RK(i + 1));
        BLOCK_ROUND(t, x1, x3, x0, RK(i + 2));
        BLOCK_ROUND(t, x2, x0, x1, RK(i + 3));
        BLOCK_ROUND(t, x3, x1, x2, RK(i + 4));
    }
#undef RK
    /* output (X35, X34, X33, X32) */
    x = _mm_unpacklo_epi64(_mm_unpacklo_epi32(x3, x2), _mm_unpacklo_epi32(x1, x0));
    x = _mm_shuffle_epi8(gf_affine1(x, GMTLS_SM4_GFNI_A1INV, 0), bswap);
    _mm_storeu_si128((__m128i *)(void *)out, x);
}

/* Serial CBC encryption with the chaining value kept in the A1 domain: the next block's words are
 * A1 P ^ (the last block's output words), so nothing between blocks waits for a store and a reload,
 * and round 0 of a block overlaps round 31 of the one before (it needs X32..X34 only). */
static void avx512gfni_cbc_enc(const uint32_t rk[32], uint8_t iv[16], const uint8_t *in, uint8_t *out,
                               size_t nblocks)
{
    const __m128i n0 = _mm_set1_epi64x((long long)GMTLS_SM4_GFNI_N0);
    const __m128i n1 = _mm_set1_epi64x((long long)GMTLS_SM4_GFNI_N1);
    const __m128i n3 = _mm_set1_epi64x((long long)GMTLS_SM4_GFNI_N3);
    const __m128i bswap = _mm_setr_epi8(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
    __m128i k[33];
    for (unsigned i = 0; i < 32; i++)
        k[i] = gf_affine1(_mm_cvtsi32_si128((int)rk[i]), GMTLS_SM4_GFNI_PRE, GMTLS_SM4_GFNI_PRE_C);
    k[32] = _mm_setzero_si128();
    __m128i c = gf_affine1(_mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)iv), bswap),
                           GMTLS_SM4_GFNI_PRE, 0);
    __m128i x0 = c, x1 = _mm_srli_si128(c, 4), x2 = _mm_srli_si128(c, 8), x3 = _mm_srli_si128(c, 12);
    for (size_t b = 0; b < nblocks; b++) {
        __m128i p = gf_affine1(
            _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(in + 16 * b)), bswap),
            GMTLS_SM4_GFNI_PRE, 0);
        x0 = _mm_xor_si128(x0, p);
        x1 = _mm_xor_si128(x1, _mm_srli_si128(p, 4));
        x2 = _mm_xor_si128(x2, _mm_srli_si128(p, 8));
        x3 = _mm_xor_si128(x3, _mm_srli_si128(p, 12));
        __m128i t = _mm_ternarylogic_epi32(_mm_ternarylogic_epi32(x1, x2, x3, XOR3), k[0], _mm_setzero_si128(), XOR3);
        for (unsigned i = 0; i < 32; i += 4) {
            BLOCK_ROUND(t, x0, x2, x3, k[i + 1]);
            BLOCK_ROUND(t, x1, x3, x0, k[i + 2]);
            BLOCK_ROUND(t, x2, x0, x1, k[i + 3]);
            BLOCK_ROUND(t, x3, x1, x2, k[i + 4]);
        }
        (void)t;
        /* ciphertext (X35, X34, X33, X32); it is also the next chaining value */
        c = _mm_unpacklo_epi64(_mm_unpacklo_epi32(x3, x2), _mm_unpacklo_epi32(x1, x0));
        _mm_storeu_si128((__m128i *)(void *)(out + 16 * b),
                         _mm_shuffle_epi8(gf_affine1(c, GMTLS_SM4_GFNI_A1INV, 0), bswap));
        __m128i y0 = x3, y1 = x2, y2 = x1;
        x3 = x0;
        x0 = y0;
        x1 = y1;
        x2 = y2;
    }
    _mm_storeu_si128((__m128i *)(void *)iv, _mm_shuffle_epi8(gf_affine1(c, GMTLS_SM4_GFNI_A1INV, 0), bswap));
}

/* Multi-message CBC: 32 chains in two 16-block sets, nsteps blocks each. Lane l reads its plaintext
 * from in[l] and writes its ciphertext to out[l], both advancing 16 bytes per step; chain[l] is its
 * chaining value (updated). The chaining values stay in registers between steps, so each step is:
 * gather 32 plaintext blocks, XOR, encrypt, scatter. Lanes past nlanes use a scratch block. */
static void avx512gfni_cbc_mb(const uint32_t rk[32], size_t nlanes, const uint8_t *const in[], uint8_t *const out[],
                              uint8_t chain[][16], size_t nsteps)
{
    enum { LANES = 32 };
    const uint8_t *ip[LANES];
    uint8_t *op[LANES];
    size_t step[LANES];
    uint8_t scratch[16] = {0};
    __m512i c[8], s[8];
    for (size_t l = 0; l < LANES; l++) {
        int live = l < nlanes;
        ip[l] = live ? in[l] : scratch;
        op[l] = live ? out[l] : scratch;
        step[l] = live ? 16 : 0;
    }
    for (unsigned j = 0; j < 8; j++) {
        const uint8_t *c0 = chain[4 * j < nlanes ? 4 * j : 0], *c1 = chain[4 * j + 1 < nlanes ? 4 * j + 1 : 0];
        const uint8_t *c2 = chain[4 * j + 2 < nlanes ? 4 * j + 2 : 0], *c3 = chain[4 * j + 3 < nlanes ? 4 * j + 3 : 0];
        c[j] = _mm512_inserti32x4(
            _mm512_inserti32x4(_mm512_inserti32x4(_mm512_castsi128_si512(_mm_loadu_si128((const __m128i *)(const void *)c0)),
                                                  _mm_loadu_si128((const __m128i *)(const void *)c1), 1),
                               _mm_loadu_si128((const __m128i *)(const void *)c2), 2),
            _mm_loadu_si128((const __m128i *)(const void *)c3), 3);
    }
    for (size_t n = 0; n < nsteps; n++) {
        for (unsigned j = 0; j < 8; j++) {
            __m512i p = _mm512_castsi128_si512(_mm_loadu_si128((const __m128i *)(const void *)ip[4 * j]));
            p = _mm512_inserti32x4(p, _mm_loadu_si128((const __m128i *)(const void *)ip[4 * j + 1]), 1);
            p = _mm512_inserti32x4(p, _mm_loadu_si128((const __m128i *)(const void *)ip[4 * j + 2]), 2);
            p = _mm512_inserti32x4(p, _mm_loadu_si128((const __m128i *)(const void *)ip[4 * j + 3]), 3);
            s[j] = _mm512_xor_si512(p, c[j]);
        }
        slice16(s);
        slice16(s + 4);
        ROUNDS(2, s, rk);
        unslice16(s, c);
        unslice16(s + 4, c + 4);
        for (unsigned j = 0; j < 8; j++) {
            _mm_storeu_si128((__m128i *)(void *)op[4 * j], _mm512_castsi512_si128(c[j]));
            _mm_storeu_si128((__m128i *)(void *)op[4 * j + 1], _mm512_extracti32x4_epi32(c[j], 1));
            _mm_storeu_si128((__m128i *)(void *)op[4 * j + 2], _mm512_extracti32x4_epi32(c[j], 2));
            _mm_storeu_si128((__m128i *)(void *)op[4 * j + 3], _mm512_extracti32x4_epi32(c[j], 3));
        }
        for (size_t l = 0; l < LANES; l++) {
            ip[l] += step[l];
            op[l] += step[l];
        }
    }
    uint8_t last[8 * 64];
    for (unsigned j = 0; j < 8; j++)
        _mm512_storeu_si512((void *)(last + 64 * j), c[j]);
    memcpy(chain, last, 16 * nlanes);
}

const gmtls_sm4_ops gmtls_sm4_ops_avx512gfni = {
    "gfni-avx512", avx512gfni_block, avx512gfni_ecb, avx512gfni_ctr, avx512gfni_cbc_enc, avx512gfni_cbc_mb, 32,
};

#endif /* x86 */
