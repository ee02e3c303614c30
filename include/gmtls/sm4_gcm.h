/* gmtls: SM4-GCM authenticated encryption (NIST SP 800-38D with SM4, as used by TLCP and RFC 8998).
 *
 * Tags are always 16 bytes. IVs may have any length >= 1 byte; 12 bytes is the usual (and fastest)
 * form. GHASH and SM4 run in constant time with respect to the key and the data; the fastest
 * implementations the CPU supports are chosen at run time (gmtls_ghash_impl, gmtls_sm4_impl). */
#ifndef GMTLS_SM4_GCM_H
#define GMTLS_SM4_GCM_H

#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "sm4.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GMTLS_SM4_GCM_TAG_SIZE 16
#define GMTLS_SM4_GCM_IV_SIZE 12
/* Number of precomputed powers of the hash key H kept in a context. */
#define GMTLS_SM4_GCM_HPOWERS 16
/* Longest plaintext per (key, IV): 2^36 - 32 bytes (NIST SP 800-38D 5.2.1.1). */
#define GMTLS_SM4_GCM_MAX_LEN ((uint64_t)0xFFFFFFFE0ull)

/* A keyed context. It holds only the key and values derived from it, so one context can serve any
 * number of messages and threads at once (every call is given its own IV). Wipe it when done. */
typedef struct {
    gmtls_sm4_key key;
    /* H^16 .. H^1 (H = SM4_K(0^128)), each multiplied by x^-1, as 128-bit integers of the
     * byte-reversed field element: htab[2i] low half, htab[2i+1] high half. */
    uint64_t htab[2 * GMTLS_SM4_GCM_HPOWERS];
} gmtls_sm4_gcm_ctx;

GMTLS_API void gmtls_sm4_gcm_init(gmtls_sm4_gcm_ctx *ctx, const uint8_t key[16]);
GMTLS_API void gmtls_sm4_gcm_wipe(gmtls_sm4_gcm_ctx *ctx);

/* Encrypt len bytes of in into out and compute the tag over aad and the ciphertext.
 * in == out is allowed; in and out may be NULL when len is 0, aad when aad_len is 0. Errors:
 * GMTLS_ERR_BAD_LENGTH (iv_len 0, len > GMTLS_SM4_GCM_MAX_LEN, aad_len or iv_len of 2^61 bytes or
 * more), GMTLS_ERR_INVALID_ARG (a NULL pointer with a non-zero length, or in and out overlapping
 * without being equal). Nothing is written on error. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm4_gcm_encrypt(const gmtls_sm4_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                                                     const uint8_t *aad, size_t aad_len, const uint8_t *in,
                                                     uint8_t *out, size_t len, uint8_t tag[16]);

/* Check the tag over aad and the ciphertext in, in constant time, and only if it matches decrypt
 * into out. On a mismatch it returns GMTLS_ERR_AUTH_FAILED and sets out[0..len) to zeros, so out
 * never holds unauthenticated plaintext; when in == out this means the ciphertext is zeroed too.
 * Other errors as for gmtls_sm4_gcm_encrypt (out untouched). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm4_gcm_decrypt(const gmtls_sm4_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                                                     const uint8_t *aad, size_t aad_len, const uint8_t *in,
                                                     uint8_t *out, size_t len, const uint8_t tag[16]);

/* Name of the GHASH implementation in use: "vpclmulqdq-avx512", "pclmulqdq" or "portable-ct". */
GMTLS_API const char *gmtls_ghash_impl(void);

#ifdef __cplusplus
}
#endif

#endif
