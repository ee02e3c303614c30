/* Private key file internals shared by key.c (reading), key_write.c (writing) and key_pbes2.c
 * (password-based encryption). */
#ifndef GMTLS_PKI_KEY_INTERNAL_H
#define GMTLS_PKI_KEY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/writer.h"
#include "gmtls/pkey.h"
#include "gmtls/sm2.h"
#include "pki/der.h"

/* Upper bound on the PBKDF2 iteration count accepted from a file. Fuzzing builds lower it so a
 * mutated count cannot stall the fuzzer. */
#ifdef GMTLS_FUZZING_BUILD
#define GMTLS_KEY_MAX_ITER 4096u
#else
#define GMTLS_KEY_MAX_ITER ((uint32_t)GMTLS_PBKDF2_MAX_ITER)
#endif

/* ECPrivateKey (RFC 5915 3). */
int gmtls_key_parse_sec1(gmtls_sm2_key *key, const uint8_t *der, size_t len);
/* PrivateKeyInfo / OneAsymmetricKey (RFC 5208 5, RFC 5958 2). */
int gmtls_key_parse_pkcs8(gmtls_sm2_key *key, const uint8_t *der, size_t len);

/* EncryptedPrivateKeyInfo (RFC 5958 3) with PBES2 (RFC 8018 6.2; SM4-CBC or AES-CBC): decrypts into a malloc'd buffer
 * (*plain, *plain_len; free with gmtls_free_secret). GMTLS_ERR_UNKNOWN_ALGORITHM names the
 * unsupported algorithm in what (when what != NULL). GMTLS_ERR_BAD_PASSWORD on bad padding. */
int gmtls_pbes2_decrypt(const uint8_t *der, size_t len, const char *password, uint8_t **plain, size_t *plain_len,
                        char *what, size_t what_cap);
/* Encrypt plain with PBES2 (PBKDF2 with the given PRF, iter iterations, random 16-byte salt;
 * SM4-CBC, random IV) into a malloc'd EncryptedPrivateKeyInfo. */
int gmtls_pbes2_encrypt(const uint8_t *plain, size_t len, const char *password, gmtls_pbkdf2_prf prf, uint32_t iter,
                        uint8_t **out, size_t *out_len);
/* The same with another encryptionScheme: cipher is GMTLS_OID_SM4_CBC or GMTLS_OID_AES128_CBC /
 * AES192_CBC / AES256_CBC (src/pki/oid.h); anything else is GMTLS_ERR_INVALID_ARG. */
int gmtls_pbes2_encrypt_cipher(const uint8_t *plain, size_t len, const char *password, gmtls_pbkdf2_prf prf,
                               uint32_t iter, int cipher, uint8_t **out, size_t *out_len);

/* Writers (the writer may be measuring). */
int gmtls_key_encode_sec1(gmtls_writer *w, const gmtls_sm2_key *key, int with_params);
int gmtls_key_encode_pkcs8(gmtls_writer *w, const gmtls_sm2_key *key);
/* gmtls_key_to_der with an explicit iteration count (tests use small counts). */
int gmtls_key_to_der_iter(const gmtls_sm2_key *key, gmtls_keyfmt fmt, const char *password, uint32_t iter,
                          uint8_t **out, size_t *out_len);
int gmtls_key_to_pem_iter(const gmtls_sm2_key *key, gmtls_keyfmt fmt, const char *password, uint32_t iter,
                          char **out, size_t *out_len);

/* AlgorithmIdentifier check for SM2 keys (spki.c). */
int gmtls_spki_check_alg(gmtls_der *alg);

/* PBKDF2 with HMAC-SHA256 (pbkdf2_sha256.c). */
int gmtls_pbkdf2_hmac_sha256(const uint8_t *pass, size_t pass_len, const uint8_t *salt, size_t salt_len,
                             uint32_t iter, uint8_t *out, size_t out_len);

#endif
