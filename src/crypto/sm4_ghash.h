/* GHASH (NIST SP 800-38D 6.4) for SM4-GCM: the implementations and their shared representation.
 *
 * Representation. A 16-byte block b0..b15 is a field element with the "reflected" bit order of
 * SP 800-38D 6.3 (the most significant bit of b0 is the coefficient of x^0). Read as a big-endian
 * 128-bit integer X, the coefficient of x^i is bit 127-i of X. All implementations work on such
 * integers (y[0] = low 64 bits, y[1] = high 64 bits), so a plain carry-less product of two of them
 * is the field product times x (the reflection shifts it by one place). The table therefore stores
 * each power of H already multiplied by x^-1, and one Montgomery-style folding by
 * x^128 + x^127 + x^126 + x^121 + 1 (the reflected modulus) finishes every multiplication.
 * Every implementation computes exactly the same function from the same table, so a context
 * made once serves whichever implementation runs. */
#ifndef GMTLS_CRYPTO_SM4_GHASH_H
#define GMTLS_CRYPTO_SM4_GHASH_H

#include <stddef.h>
#include <stdint.h>

#include "core/cpu.h"
#include "gmtls/sm4_gcm.h"

/* Number of powers in the table: htab holds H^16 .. H^1 (most significant first), so the
 * entry for H^k starts at htab + 2 * (GMTLS_GHASH_NPOW - k). */
#define GMTLS_GHASH_NPOW GMTLS_SM4_GCM_HPOWERS

/* Absorb len bytes into the state y: for each 16-byte block X, y = (y ^ X) * H. A final partial
 * block is padded with zeros (SP 800-38D 7.1 pads A and C this way). */
typedef void (*gmtls_ghash_fn)(uint64_t y[2], const uint64_t *htab, const uint8_t *in, size_t len);

/* Constant-time portable implementation (integer multiplications with holes; no table lookups). */
void gmtls_ghash_portable(uint64_t y[2], const uint64_t *htab, const uint8_t *in, size_t len);
/* PCLMULQDQ + SSSE3: 8 blocks per reduction. Only after gmtls_cpu_has(GMTLS_GHASH_NEED_PCLMUL). */
void gmtls_ghash_pclmul(uint64_t y[2], const uint64_t *htab, const uint8_t *in, size_t len);
#define GMTLS_GHASH_NEED_PCLMUL (GMTLS_CPU_PCLMUL | GMTLS_CPU_SSSE3)
/* VPCLMULQDQ + AVX-512: 16 blocks per reduction in four 4-lane vectors. Only after
 * gmtls_cpu_has(GMTLS_GHASH_NEED_VPCLMUL). */
void gmtls_ghash_vpclmul(uint64_t y[2], const uint64_t *htab, const uint8_t *in, size_t len);
#define GMTLS_GHASH_NEED_VPCLMUL                                                                        \
    (GMTLS_CPU_VPCLMULQDQ | GMTLS_CPU_PCLMUL | GMTLS_CPU_AVX2 | GMTLS_CPU_AVX512F | GMTLS_CPU_AVX512BW | \
     GMTLS_CPU_AVX512VL)

/* The implementation the CPU supports under the current gmtls_cpu_set_mask, and its name. The
 * choice is made on every call (it is two loads), so a changed mask takes effect at once. */
gmtls_ghash_fn gmtls_ghash_select(const char **name);

/* Fill htab (2 * GMTLS_GHASH_NPOW words) from the hash key H as a 16-byte block. */
void gmtls_ghash_make_table(uint64_t *htab, const uint8_t h[16]);

/* Block <-> state conversions (big-endian halves). */
void gmtls_ghash_load(uint64_t y[2], const uint8_t b[16]);
void gmtls_ghash_store(uint8_t b[16], const uint64_t y[2]);

/* GCM (SP 800-38D 7.1, 7.2) over any 128-bit block cipher given by its inc32 counter mode, so
 * the composition can be checked against another cipher's GCM (tests/crypto/test_sm4_gcm_openssl.c
 * runs it with AES). SM4-GCM is this with SM4. The callers have checked the arguments. */
typedef struct {
    /* Counter mode with inc32 (SP 800-38D 6.2); ctr updated; any len; in == out allowed. */
    void (*ctr32)(const void *key, uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t len);
    const void *key;
    const uint64_t *htab; /* made by gmtls_ghash_make_table from H = E_K(0^128) */
} gmtls_gcm_cipher;

/* Counter mode runs this many bytes ahead of GHASH (a multiple of 256, the widest GHASH step). */
#define GMTLS_GCM_CHUNK 2048

void gmtls_gcm_seal(const gmtls_gcm_cipher *c, const uint8_t *iv, size_t iv_len, const uint8_t *aad, size_t aad_len,
                    const uint8_t *in, uint8_t *out, size_t len, uint8_t tag[16]);

/* Opening is split in two so the constant-time test can declassify the comparison result the
 * way a caller does (tests/crypto/test_sm4_gcm_ct.c); gmtls_sm4_gcm_decrypt runs both in order. */
typedef struct {
    uint8_t ctr[16];                     /* the counter block after the keystream below */
    size_t nks;                          /* bytes of keystream made ahead */
    uint8_t ks[16 + GMTLS_GCM_CHUNK];    /* E_K(J0), then the keystream of the first nks bytes */
} gmtls_gcm_open_state;
/* The tag the ciphertext in should carry, compared with tag in constant time: all-ones when
 * equal, else 0. Fills st for open_finish; writes no output. */
uint32_t gmtls_gcm_open_check(const gmtls_gcm_cipher *c, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                              size_t aad_len, const uint8_t *in, size_t len, const uint8_t tag[16],
                              gmtls_gcm_open_state *st);
/* ok != 0: decrypt in into out, GMTLS_OK. ok == 0: zero out, GMTLS_ERR_AUTH_FAILED. Wipes st. */
int gmtls_gcm_open_finish(const gmtls_gcm_cipher *c, gmtls_gcm_open_state *st, const uint8_t *in, uint8_t *out,
                          size_t len, int ok);

/* The argument checks of gmtls_sm4_gcm_encrypt/decrypt: 0 or a GMTLS_ERR_* code. */
int gmtls_sm4_gcm_check_args(const gmtls_sm4_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                             size_t aad_len, const uint8_t *in, const uint8_t *out, size_t len, const uint8_t *tag);
/* The SM4 instance of gmtls_gcm_cipher for ctx. */
void gmtls_sm4_gcm_cipher(gmtls_gcm_cipher *c, const gmtls_sm4_gcm_ctx *ctx);

#endif
