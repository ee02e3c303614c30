/* AES (FIPS 197) for reading and writing password-encrypted private keys (PBES2 with AES-CBC,
 * RFC 8018 B.2.5 / NIST SP 800-38A 6.2). Internal to the pki component.
 *
 * The key comes from a password, so this implementation is constant time: the S-box is computed
 * per byte (GF(2^8) inversion and the affine map) instead of looked up in a table, and
 * MixColumns uses a branch-free GF(2^8) multiply. It is slow (a key file is a few blocks). */
#ifndef GMTLS_PKI_AES_H
#define GMTLS_PKI_AES_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t rk[16 * 15]; /* round keys w[0..4*(Nr+1)-1], 4 bytes per word (FIPS 197 5.2) */
    unsigned rounds;     /* Nr: 10, 12 or 14 */
} gmtls_aes_key;

/* key_len 16, 24 or 32 (AES-128/192/256); anything else is GMTLS_ERR_INVALID_ARG. */
int gmtls_aes_set_key(gmtls_aes_key *k, const uint8_t *key, size_t key_len);
/* Clears the round keys. */
void gmtls_aes_key_wipe(gmtls_aes_key *k);
/* One block each way; in and out may be the same buffer. */
void gmtls_aes_encrypt_block(const gmtls_aes_key *k, const uint8_t in[16], uint8_t out[16]);
void gmtls_aes_decrypt_block(const gmtls_aes_key *k, const uint8_t in[16], uint8_t out[16]);
/* CBC (SP 800-38A 6.2) over len bytes (a multiple of 16, else GMTLS_ERR_BAD_LENGTH), no padding.
 * iv is updated to the chaining value for a following call. in == out is allowed; other overlaps,
 * and NULL pointers, are GMTLS_ERR_INVALID_ARG. */
int gmtls_aes_cbc_encrypt(const gmtls_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len);
int gmtls_aes_cbc_decrypt(const gmtls_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len);

#endif
