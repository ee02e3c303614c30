/* gmtls: SM2 private and public key files.
 *
 * Private keys: SEC1 ECPrivateKey (RFC 5915, PEM "EC PRIVATE KEY"), PKCS#8 PrivateKeyInfo
 * (RFC 5208 / 5958, PEM "PRIVATE KEY") and encrypted PKCS#8 EncryptedPrivateKeyInfo (RFC 5958,
 * PEM "ENCRYPTED PRIVATE KEY") with PBES2 (RFC 8018): PBKDF2 with HMAC-SM3 (or HMAC-SHA256 on
 * input) and SM4-CBC. Public keys: SubjectPublicKeyInfo (PEM "PUBLIC KEY"). */
#ifndef GMTLS_PKEY_H
#define GMTLS_PKEY_H

#include "api.h"
#include "sm2.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { GMTLS_KEYFMT_SEC1, GMTLS_KEYFMT_PKCS8, GMTLS_KEYFMT_PKCS8_ENCRYPTED } gmtls_keyfmt;

/* PBKDF2 iteration count gmtls writes, and the most it accepts when reading (a cap so that a
 * hostile file cannot make a parse take hours). */
#define GMTLS_PBKDF2_DEFAULT_ITER 100000
#define GMTLS_PBKDF2_MAX_ITER 10000000

/* Any supported private key, DER or PEM (auto-detected); password may be NULL for unencrypted
 * keys. Errors: GMTLS_ERR_KEY_FORMAT (not a key / malformed structure), GMTLS_ERR_DER_*,
 * GMTLS_ERR_PEM / GMTLS_ERR_BASE64, GMTLS_ERR_UNKNOWN_ALGORITHM (not an SM2 key, or an encryption
 * scheme, PRF or cipher gmtls does not support), GMTLS_ERR_BAD_PASSWORD (encrypted key without a
 * password, or one that does not decrypt it), GMTLS_ERR_BAD_KEY (d out of range or a public key
 * that does not match d). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_key_parse(gmtls_sm2_key *key, const uint8_t *data, size_t len,
                                               const char *password);
/* Like gmtls_key_parse; also reports the format found (fmt may be NULL) and, in `what` (may be
 * NULL; 128 bytes is enough), the name and dotted OID of an unsupported algorithm
 * (GMTLS_ERR_UNKNOWN_ALGORITHM, e.g. "AES-256-CBC (2.16.840.1.101.3.4.1.42)"), or the PBKDF2
 * iteration count when it exceeds GMTLS_PBKDF2_MAX_ITER (GMTLS_ERR_KEY_FORMAT). PEM input: the
 * first "PRIVATE KEY", "EC PRIVATE KEY", "SM2 PRIVATE KEY" (OpenSSL 3.0's SEC1 label) or
 * "ENCRYPTED PRIVATE KEY" block is used; its label must match its structure. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_key_parse_ex(gmtls_sm2_key *key, const uint8_t *data, size_t len,
                                                  const char *password, gmtls_keyfmt *fmt, char *what,
                                                  size_t what_cap);
/* 1 if the data is (or begins with) an encrypted private key, so a caller knows to ask for a
 * password; 0 otherwise. */
GMTLS_API int gmtls_key_is_encrypted(const uint8_t *data, size_t len);
/* PEM text into a malloc'd NUL-terminated buffer (*out, *out_len), to be freed with
 * gmtls_free_secret(p, len). GMTLS_KEYFMT_PKCS8_ENCRYPTED needs a non-empty password (PBKDF2-HMAC-SM3,
 * GMTLS_PBKDF2_DEFAULT_ITER iterations, random 16-byte salt, SM4-CBC with a random IV). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_key_to_pem(const gmtls_sm2_key *key, gmtls_keyfmt fmt, const char *password,
                                                char **out, size_t *out_len);
/* The PRF of PBKDF2 when writing encrypted PKCS#8: HMAC-SM3 (GmSSL reads it; the default) or
 * HMAC-SHA256 (what OpenSSL 3.0, which lacks hmacWithSM3, can read). */
typedef enum { GMTLS_PBKDF2_HMAC_SM3 = 0, GMTLS_PBKDF2_HMAC_SHA256 = 1 } gmtls_pbkdf2_prf;
/* gmtls_key_to_pem with a chosen PRF and iteration count (iter 0: GMTLS_PBKDF2_DEFAULT_ITER; at
 * most GMTLS_PBKDF2_MAX_ITER, else GMTLS_ERR_INVALID_ARG); prf and iter only matter for
 * GMTLS_KEYFMT_PKCS8_ENCRYPTED. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_key_to_pem_ex(const gmtls_sm2_key *key, gmtls_keyfmt fmt, const char *password,
                                                   gmtls_pbkdf2_prf prf, uint32_t iter, char **out, size_t *out_len);
GMTLS_API GMTLS_MUST_CHECK int gmtls_key_to_der_ex(const gmtls_sm2_key *key, gmtls_keyfmt fmt, const char *password,
                                                   gmtls_pbkdf2_prf prf, uint32_t iter, uint8_t **out,
                                                   size_t *out_len);
/* DER form of the same (malloc'd; free with gmtls_free_secret). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_key_to_der(const gmtls_sm2_key *key, gmtls_keyfmt fmt, const char *password,
                                                uint8_t **out, size_t *out_len);
/* Wipe then free. */
GMTLS_API void gmtls_free_secret(void *p, size_t len);
/* SPKI DER/PEM ("PUBLIC KEY"). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_pubkey_parse(gmtls_sm2_pubkey *pub, const uint8_t *data, size_t len);
GMTLS_API GMTLS_MUST_CHECK int gmtls_pubkey_to_pem(const gmtls_sm2_pubkey *pub, char **out, size_t *out_len);
/* SPKI DER (malloc'd; free with free()). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_pubkey_to_der(const gmtls_sm2_pubkey *pub, uint8_t **out, size_t *out_len);

/* PBKDF2 (RFC 8018 5.2) with HMAC-SM3. GMTLS_ERR_INVALID_ARG for iter == 0 or out_len == 0. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_pbkdf2_hmac_sm3(const uint8_t *pass, size_t pass_len, const uint8_t *salt,
                                                     size_t salt_len, uint32_t iter, uint8_t *out, size_t out_len);

#ifdef __cplusplus
}
#endif

#endif
