/* SM2 operations: internal helpers shared by sm2_key.c, sm2_sign.c, sm2_enc.c, sm2_kx.c and the
 * test-only entry points with supplied nonces. Nothing here is exported from the library. */
#ifndef GMTLS_CRYPTO_SM2_INTERNAL_H
#define GMTLS_CRYPTO_SM2_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/sm2_arith.h"
#include "core/reader.h"
#include "gmtls/sm2.h"

/* The curve parameters a, b, Gx, Gy as they enter Z (GB/T 32918.5), each 32 bytes big-endian. */
extern const uint8_t gmtls_sm2_z_params[128];

/* Conversions between the opaque storage in the public structs and the arithmetic types. */
void gmtls_sm2_pub_point(gmtls_sm2_point *p, const gmtls_sm2_pubkey *pub);
void gmtls_sm2_key_scalar(gmtls_sm2_scalar *d, const gmtls_sm2_key *key);
/* Build a pubkey from a validated affine point. */
void gmtls_sm2_pub_set(gmtls_sm2_pubkey *pub, const gmtls_sm2_point *p, const uint8_t x[32], const uint8_t y[32]);
/* Affine x (and y unless NULL) of p without branching; infinity gives (0, 0). */
void gmtls_sm2_affine_ct(uint8_t x[32], uint8_t y[32], const gmtls_sm2_point *p);
/* a^-1 mod p (Montgomery form) for a secret a, blinded by a fresh random factor; inv(0) = 0. */
void gmtls_sm2_fe_inv_secret(gmtls_sm2_fe *r, const gmtls_sm2_fe *a);
/* A random scalar in [1, n - 1]; GMTLS_ERR_RANDOM on failure (k is then zero). */
int gmtls_sm2_random_scalar(gmtls_sm2_scalar *k);

/* GB/T 32918.2-2016 6.1 A5-A6 given x = x1 mod n of [k]G: writes r || s and returns an all-ones
 * mask when k must be discarded (r = 0, r + k = n, s = 0). No branch on secrets. */
uint64_t gmtls_sm2_sign_finish(const gmtls_sm2_scalar *dinv, const gmtls_sm2_scalar *e, const gmtls_sm2_scalar *k,
                               const gmtls_sm2_scalar *x, uint8_t sig[64]);

/* 1 when the affine x of p (not infinity), reduced mod n, equals c; no inversion (verification). */
int gmtls_sm2_x_matches(const gmtls_sm2_point *p, const gmtls_sm2_scalar *c);
/* e = SM3(Z || M), with the sign key's cached Z when id is the default ID. */
int gmtls_sm2_sign_key_e(const gmtls_sm2_sign_key *sk, const uint8_t *id, size_t id_len, const uint8_t *msg,
                         size_t msg_len, uint8_t e[32]);

/* Strict DER for the SM2 structures, on the core reader. An INTEGER must be minimal and
 * non-negative and fit 32 bytes; it is returned left-padded to 32 bytes. 0 or -1. */
int gmtls_sm2_der_header(gmtls_reader *r, uint8_t tag, gmtls_reader *content);
int gmtls_sm2_der_uint256(gmtls_reader *r, uint8_t out[32]);
/* Length of the DER encoding of a non-negative 32-byte integer (tag, length and content). */
size_t gmtls_sm2_der_uint256_size(const uint8_t v[32]);
/* Write a DER INTEGER for a 32-byte value; returns bytes written (out has room for 35). */
size_t gmtls_sm2_der_put_uint256(uint8_t *out, const uint8_t v[32]);
/* Write a tag and a minimal definite length; returns bytes written (at most 1 + 9). */
size_t gmtls_sm2_der_put_header(uint8_t *out, uint8_t tag, size_t len);
size_t gmtls_sm2_der_header_size(size_t len);

/* ---- test-only entry points (known-answer tests with the nonces of shared/vectors) ---- */

/* Sign e with the nonce k. GMTLS_ERR_INVALID_ARG when k is not in [1, n - 1] or when k hits one of
 * the retry conditions of GB/T 32918.2 6.1 (r = 0, r + k = n, s = 0). */
int gmtls_sm2_sign_digest_with_k(const gmtls_sm2_key *key, const uint8_t e[32], const uint8_t k[32], uint8_t sig[64]);
/* Encrypt with the ephemeral scalar k; GMTLS_ERR_INVALID_ARG when k is out of range or t = 0. */
int gmtls_sm2_encrypt_with_k(const gmtls_sm2_pubkey *pub, const uint8_t *msg, size_t msg_len,
                             gmtls_sm2_format format, const uint8_t k[32], uint8_t *out, size_t cap,
                             size_t *out_len);
/* Use r (in [1, n - 1]) as the own ephemeral key instead of a random one; writes R. */
int gmtls_sm2_kx_set_ephemeral(gmtls_sm2_kx *kx, const uint8_t r[32], uint8_t own_r[65]);

#endif
