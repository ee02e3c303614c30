/* SM4 on AVX2, shared by the GFNI and AES-NI variants (sm4_gfni.c, sm4_aesni.c), which differ in
 * how a round is computed. The including file defines SM4_AVX2_NAME (implementation name) and
 * SM4_AVX2_OPS (the ops symbol to define), includes this, and then defines the functions declared
 * below: the round, the round key as the round uses it, and the maps of the state words into and
 * out of the domain the rounds work in (the identity for AES-NI; A1 for GFNI, see sm4_simd.h).
 *
 * Layout: two 8-block sets per iteration; register X_j holds word j (native byte order) of 8 blocks.
 * Rotations by whole bytes are pshufb. */
#ifndef GMTLS_CRYPTO_SM4_AVX2_IMPL_H
#define GMTLS_CRYPTO_SM4_AVX2_IMPL_H

#include <immintrin.h>
#include <string.h>

#include "core/bytes.h"
#include "crypto/sm4_internal.h"
#include "gmtls/util.h"

#define SM4_BYTEMASK(a, b, c, d) a, b, c, d, a + 4, b + 4, c + 4, d + 4, a + 8, b + 8, c + 8, d + 8, a + 12, b + 12, c + 12, d + 12

static inline __m256i avx2_rot8(__m256i x)
{
    return _mm256_shuffle_epi8(x, _mm256_setr_epi8(SM4_BYTEMASK(3, 0, 1, 2), SM4_BYTEMASK(3, 0, 1, 2)));
}
static inline __m256i avx2_rot16(__m256i x)
{
    return _mm256_shuffle_epi8(x, _mm256_setr_epi8(SM4_BYTEMASK(2, 3, 0, 1), SM4_BYTEMASK(2, 3, 0, 1)));
}
static inline __m256i avx2_rot24(__m256i x)
{
    return _mm256_shuffle_epi8(x, _mm256_setr_epi8(SM4_BYTEMASK(1, 2, 3, 0), SM4_BYTEMASK(1, 2, 3, 0)));
}

static inline __m128i avx2_rot8_128(__m128i x)
{
    return _mm_shuffle_epi8(x, _mm_setr_epi8(SM4_BYTEMASK(3, 0, 1, 2)));
}
static inline __m128i avx2_rot16_128(__m128i x)
{
    return _mm_shuffle_epi8(x, _mm_setr_epi8(SM4_BYTEMASK(2, 3, 0, 1)));
}
static inline __m128i avx2_rot24_128(__m128i x)
{
    return _mm_shuffle_epi8(x, _mm_setr_epi8(SM4_BYTEMASK(1, 2, 3, 0)));
}

/* Provided by the including file (defined after the #include). */
/* q ^ L(S(t)) in the implementation's domain (the round function of GB/T 32907-2016 7.1 applied to
 * the S-box input t, XORed into q with the XOR tree arranged for the shortest path from t). */
static inline __m256i avx2_mix(__m256i t, __m256i q);
static inline __m128i avx2_mix128(__m128i t, __m128i q);
static inline __m256i avx2_rkey(uint32_t rk);  /* in every dword */
static inline __m128i avx2_rkey128(uint32_t rk);
static inline __m256i avx2_in(__m256i x);      /* native words -> round domain */
static inline __m256i avx2_out(__m256i x);     /* round domain -> native words */
static inline __m128i avx2_in128(__m128i x);
static inline __m128i avx2_out128(__m128i x);

/* Round i with the S-box input t carried over from the round before: X_{i+4} = X_i ^ L(S(t))
 * replaces xa, and t becomes the next round's input X_{i+2} ^ X_{i+3} ^ X_{i+4} ^ knext, computed as
 * mix(t, X_i ^ p) with p = X_{i+2} ^ X_{i+3} ^ knext formed off the dependency chain. So the chain per
 * round is the round function alone, with no XOR of the state words before the S-box. */
#define AVX2_STEP(t, xa, xb, xc, knext)                                                            \
    do {                                                                                           \
        __m256i p_ = _mm256_xor_si256(_mm256_xor_si256(xb, xc), knext);                          \
        t = avx2_mix(t, _mm256_xor_si256(xa, p_));                                                 \
        xa = _mm256_xor_si256(t, p_);                                                              \
    } while (0)

#define AVX2_ROUNDS(NSETS, s, rk)                                                                  \
    do {                                                                                           \
        __m256i *v_ = (s), t_[2];                                                                  \
        const __m256i k0_ = avx2_rkey((rk)[0]);                                                    \
        _Pragma("GCC unroll 2") for (unsigned q_ = 0; q_ < (NSETS); q_++)                         \
            t_[q_] = _mm256_xor_si256(_mm256_xor_si256(v_[4 * q_ + 1], v_[4 * q_ + 2]),           \
                                      _mm256_xor_si256(v_[4 * q_ + 3], k0_));                     \
        for (unsigned r_ = 0; r_ < 32; r_ += 4) {                                                  \
            const __m256i k1_ = avx2_rkey((rk)[r_ + 1]), k2_ = avx2_rkey((rk)[r_ + 2]);           \
            const __m256i k3_ = avx2_rkey((rk)[r_ + 3]);                                          \
            const __m256i k4_ = r_ + 4 < 32 ? avx2_rkey((rk)[(r_ + 4) & 31]) : _mm256_setzero_si256(); \
            _Pragma("GCC unroll 2") for (unsigned q_ = 0; q_ < (NSETS); q_++)                     \
                AVX2_STEP(t_[q_], v_[4 * q_], v_[4 * q_ + 2], v_[4 * q_ + 3], k1_);              \
            _Pragma("GCC unroll 2") for (unsigned q_ = 0; q_ < (NSETS); q_++)                     \
                AVX2_STEP(t_[q_], v_[4 * q_ + 1], v_[4 * q_ + 3], v_[4 * q_], k2_);              \
            _Pragma("GCC unroll 2") for (unsigned q_ = 0; q_ < (NSETS); q_++)                     \
                AVX2_STEP(t_[q_], v_[4 * q_ + 2], v_[4 * q_], v_[4 * q_ + 1], k3_);              \
            _Pragma("GCC unroll 2") for (unsigned q_ = 0; q_ < (NSETS); q_++)                     \
                AVX2_STEP(t_[q_], v_[4 * q_ + 3], v_[4 * q_ + 1], v_[4 * q_ + 2], k4_);          \
        }                                                                                          \
    } while (0)

/* Transpose the 4x4 dword matrices in each 128-bit lane of (a, b, c, d). */
#define AVX2_TRANSPOSE4(a, b, c, d)                                                                \
    do {                                                                                           \
        __m256i t0_ = _mm256_unpacklo_epi32(a, b), t1_ = _mm256_unpacklo_epi32(c, d);              \
        __m256i t2_ = _mm256_unpackhi_epi32(a, b), t3_ = _mm256_unpackhi_epi32(c, d);              \
        a = _mm256_unpacklo_epi64(t0_, t1_);                                                       \
        b = _mm256_unpackhi_epi64(t0_, t1_);                                                       \
        c = _mm256_unpacklo_epi64(t2_, t3_);                                                       \
        d = _mm256_unpackhi_epi64(t2_, t3_);                                                       \
    } while (0)

static inline __m256i avx2_bswap_mask(void)
{
    return _mm256_setr_epi8(SM4_BYTEMASK(3, 2, 1, 0), SM4_BYTEMASK(3, 2, 1, 0));
}

/* 8 blocks into the word-sliced layout: dword p = 4k + r of a register holds block 2r + k. */
static inline void avx2_slice8(__m256i *s)
{
    const __m256i bs = avx2_bswap_mask();
    for (unsigned j = 0; j < 4; j++)
        s[j] = _mm256_shuffle_epi8(s[j], bs);
    AVX2_TRANSPOSE4(s[0], s[1], s[2], s[3]);
    for (unsigned j = 0; j < 4; j++)
        s[j] = avx2_in(s[j]);
}

static inline void avx2_load8(__m256i *s, const uint8_t *in)
{
    for (unsigned j = 0; j < 4; j++)
        s[j] = _mm256_loadu_si256((const __m256i *)(const void *)(in + 32 * j));
    avx2_slice8(s);
}

/* Back to 4 registers of 2 blocks in byte order, words reversed (output (X35, X34, X33, X32)). */
static inline void avx2_unslice8(const __m256i *s, __m256i o[4])
{
    const __m256i bs = avx2_bswap_mask();
    o[0] = avx2_out(s[3]);
    o[1] = avx2_out(s[2]);
    o[2] = avx2_out(s[1]);
    o[3] = avx2_out(s[0]);
    AVX2_TRANSPOSE4(o[0], o[1], o[2], o[3]);
    for (unsigned j = 0; j < 4; j++)
        o[j] = _mm256_shuffle_epi8(o[j], bs);
}

/* Back to blocks with the words reversed (output (X35, X34, X33, X32)), XOR x if given, store. */
static inline void avx2_store8(uint8_t *out, const __m256i *s, const uint8_t *x)
{
    __m256i o[4];
    avx2_unslice8(s, o);
    for (unsigned j = 0; j < 4; j++) {
        __m256i v = o[j];
        if (x != NULL)
            v = _mm256_xor_si256(v, _mm256_loadu_si256((const __m256i *)(const void *)(x + 32 * j)));
        _mm256_storeu_si256((__m256i *)(void *)(out + 32 * j), v);
    }
}

static void avx2_ecb(const uint32_t rk[32], const uint8_t *in, uint8_t *out, size_t nblocks)
{
    __m256i s[8];
    while (nblocks >= 16) {
        avx2_load8(s, in);
        avx2_load8(s + 4, in + 128);
        AVX2_ROUNDS(2, s, rk);
        avx2_store8(out, s, NULL);
        avx2_store8(out + 128, s + 4, NULL);
        in += 256;
        out += 256;
        nblocks -= 16;
    }
    if (nblocks >= 8) {
        avx2_load8(s, in);
        AVX2_ROUNDS(1, s, rk);
        avx2_store8(out, s, NULL);
        in += 128;
        out += 128;
        nblocks -= 8;
    }
    if (nblocks > 0) {
        uint8_t buf[128];
        memcpy(buf, in, 16 * nblocks);
        memset(buf + 16 * nblocks, 0, 128 - 16 * nblocks);
        avx2_load8(s, buf);
        AVX2_ROUNDS(1, s, rk);
        avx2_store8(buf, s, NULL);
        memcpy(out, buf, 16 * nblocks);
        gmtls_wipe(buf, sizeof buf);
    }
}

/* Counter blocks built in the word-sliced layout (words 0..2 shared while the low word does not
 * carry: always for CTR32, checked for CTR128). Offsets follow avx2_load8's block order. */
static void avx2_ctr(const uint32_t rk[32], uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t nblocks, int mode)
{
    __m256i s[8];
    const __m256i offs = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
    while (nblocks > 0) {
        size_t n = nblocks < 16 ? nblocks : 16;
        uint32_t lo = gmtls_load_be32(ctr + 12);
        if (n < 16 || (mode == GMTLS_SM4_CTR128 && (uint64_t)lo + n > 0x100000000ull)) {
            gmtls_sm4_ctr_via_ecb(avx2_ecb, rk, ctr, in, out, n, mode);
        } else {
            for (unsigned q = 0; q < 2; q++) {
                s[4 * q] = avx2_in(_mm256_set1_epi32((int)gmtls_load_be32(ctr)));
                s[4 * q + 1] = avx2_in(_mm256_set1_epi32((int)gmtls_load_be32(ctr + 4)));
                s[4 * q + 2] = avx2_in(_mm256_set1_epi32((int)gmtls_load_be32(ctr + 8)));
                s[4 * q + 3] = avx2_in(_mm256_add_epi32(_mm256_set1_epi32((int)(lo + 8 * q)), offs));
            }
            AVX2_ROUNDS(2, s, rk);
            avx2_store8(out, s, in);
            avx2_store8(out + 128, s + 4, in + 128);
            gmtls_sm4_ctr_add(ctr, 16, mode);
        }
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
}

/* AVX2_STEP on xmm (one block, one word per register). */
#define AVX2_STEP128(t, xa, xb, xc, knext)                                                         \
    do {                                                                                           \
        __m128i p_ = _mm_xor_si128(_mm_xor_si128(xb, xc), knext);                                 \
        t = avx2_mix128(t, _mm_xor_si128(xa, p_));                                                 \
        xa = _mm_xor_si128(t, p_);                                                                 \
    } while (0)

/* Serial CBC encryption, one block at a time, each word in its own xmm register (dword 0); the
 * chaining value stays in registers in the round domain. */
static void avx2_cbc_enc(const uint32_t rk[32], uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t nblocks)
{
    const __m128i bswap = _mm_setr_epi8(SM4_BYTEMASK(3, 2, 1, 0));
    __m128i k[33];
    for (unsigned i = 0; i < 32; i++)
        k[i] = avx2_rkey128(rk[i]);
    k[32] = _mm_setzero_si128();
    __m128i c = avx2_in128(_mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)iv), bswap));
    __m128i x0 = c, x1 = _mm_srli_si128(c, 4), x2 = _mm_srli_si128(c, 8), x3 = _mm_srli_si128(c, 12);
    for (size_t b = 0; b < nblocks; b++) {
        __m128i p = avx2_in128(_mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(in + 16 * b)), bswap));
        x0 = _mm_xor_si128(x0, p);
        x1 = _mm_xor_si128(x1, _mm_srli_si128(p, 4));
        x2 = _mm_xor_si128(x2, _mm_srli_si128(p, 8));
        x3 = _mm_xor_si128(x3, _mm_srli_si128(p, 12));
        __m128i t = _mm_xor_si128(_mm_xor_si128(x1, x2), _mm_xor_si128(x3, k[0]));
        for (unsigned i = 0; i < 32; i += 4) {
            AVX2_STEP128(t, x0, x2, x3, k[i + 1]);
            AVX2_STEP128(t, x1, x3, x0, k[i + 2]);
            AVX2_STEP128(t, x2, x0, x1, k[i + 3]);
            AVX2_STEP128(t, x3, x1, x2, k[i + 4]);
        }
        /* ciphertext (X35, X34, X33, X32), also the next chaining value */
        c = _mm_unpacklo_epi64(_mm_unpacklo_epi32(x3, x2), _mm_unpacklo_epi32(x1, x0));
        _mm_storeu_si128((__m128i *)(void *)(out + 16 * b), _mm_shuffle_epi8(avx2_out128(c), bswap));
        __m128i y0 = x3, y1 = x2, y2 = x1;
        x3 = x0;
        x0 = y0;
        x1 = y1;
        x2 = y2;
    }
    _mm_storeu_si128((__m128i *)(void *)iv, _mm_shuffle_epi8(avx2_out128(c), bswap));
}

static void avx2_block(const uint32_t rk[32], const uint8_t in[16], uint8_t out[16])
{
    uint8_t iv[16] = {0};
    avx2_cbc_enc(rk, iv, in, out, 1);
}

/* Multi-message CBC: 16 chains in two 8-block sets, nsteps blocks each, chaining values kept in
 * registers; lanes past nlanes use a scratch block (see gmtls_sm4_ops.cbc_mb). */
static void avx2_cbc_mb(const uint32_t rk[32], size_t nlanes, const uint8_t *const in[], uint8_t *const out[],
                        uint8_t chain[][16], size_t nsteps)
{
    enum { LANES = 16 };
    const uint8_t *ip[LANES];
    uint8_t *op[LANES];
    size_t step[LANES];
    uint8_t scratch[16] = {0}, last[LANES * 16];
    __m256i c[8], s[8];
    for (size_t l = 0; l < LANES; l++) {
        int live = l < nlanes;
        ip[l] = live ? in[l] : scratch;
        op[l] = live ? out[l] : scratch;
        step[l] = live ? 16 : 0;
    }
    memset(last, 0, sizeof last);
    memcpy(last, chain, 16 * nlanes);
    for (unsigned j = 0; j < 8; j++)
        c[j] = _mm256_loadu_si256((const __m256i *)(const void *)(last + 32 * j));
    for (size_t n = 0; n < nsteps; n++) {
        for (unsigned j = 0; j < 8; j++) {
            __m256i p = _mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)ip[2 * j]));
            p = _mm256_inserti128_si256(p, _mm_loadu_si128((const __m128i *)(const void *)ip[2 * j + 1]), 1);
            s[j] = _mm256_xor_si256(p, c[j]);
        }
        avx2_slice8(s);
        avx2_slice8(s + 4);
        AVX2_ROUNDS(2, s, rk);
        avx2_unslice8(s, c);
        avx2_unslice8(s + 4, c + 4);
        for (unsigned j = 0; j < 8; j++) {
            _mm_storeu_si128((__m128i *)(void *)op[2 * j], _mm256_castsi256_si128(c[j]));
            _mm_storeu_si128((__m128i *)(void *)op[2 * j + 1], _mm256_extracti128_si256(c[j], 1));
        }
        for (size_t l = 0; l < LANES; l++) {
            ip[l] += step[l];
            op[l] += step[l];
        }
    }
    for (unsigned j = 0; j < 8; j++)
        _mm256_storeu_si256((__m256i *)(void *)(last + 32 * j), c[j]);
    memcpy(chain, last, 16 * nlanes);
}

const gmtls_sm4_ops SM4_AVX2_OPS = {
    SM4_AVX2_NAME, avx2_block, avx2_ecb, avx2_ctr, avx2_cbc_enc, avx2_cbc_mb, 16,
};

#endif
