/* The PBKDF2 loop (RFC 8018 5.2), shared by its PRFs: HMAC-SM3 (pbkdf2.c) and HMAC-SHA256
 * (pbkdf2_sha256.c). */
#ifndef GMTLS_PKI_PBKDF2_INTERNAL_H
#define GMTLS_PKI_PBKDF2_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* A PRF with a 32-byte output, as an HMAC keyed with the password. */
typedef struct {
    size_t ctx_size; /* bytes of one state; copied with memcpy, wiped with gmtls_wipe */
    void (*init)(void *ctx, const uint8_t *key, size_t len);
    void (*update)(void *ctx, const uint8_t *p, size_t len);
    void (*final)(void *ctx, uint8_t out[32]);
} gmtls_pbkdf2_prf_ops;

/* PBKDF2 with prf. keyed and work are two caller-provided states of prf->ctx_size bytes: the
 * password-keyed state is made once in keyed and copied to work for every PRF call. Both are
 * wiped before returning. GMTLS_ERR_INVALID_ARG for iter 0, an empty or NULL output, or a NULL
 * pointer with a length; GMTLS_ERR_BAD_LENGTH when out_len exceeds (2^32 - 1) * 32. */
int gmtls_pbkdf2_run(const gmtls_pbkdf2_prf_ops *prf, void *keyed, void *work, const uint8_t *pass, size_t pass_len,
                     const uint8_t *salt, size_t salt_len, uint32_t iter, uint8_t *out, size_t out_len);

#endif
