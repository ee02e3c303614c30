/* gmtls: the SM4 block cipher (GB/T 32907-2016) and its ECB, CBC, CTR and multi-message CBC modes.
 *
 * Every function runs in constant time with respect to the key and the data (no secret-dependent
 * branches or table indices). The fastest implementation the CPU supports is chosen at run time;
 * gmtls_sm4_impl() names it. CBC here never pads: lengths must be multiples of 16. */
#ifndef GMTLS_SM4_H
#define GMTLS_SM4_H

#include <stddef.h>
#include <stdint.h>

#include "api.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GMTLS_SM4_BLOCK_SIZE 16
#define GMTLS_SM4_KEY_SIZE 16

/* Expanded key: the 32 round keys rk_0..rk_31 (GB/T 32907-2016 7.3). Decryption uses them in
 * reverse order. Wipe with gmtls_sm4_key_wipe when done. */
typedef struct {
    uint32_t rk[32];
} gmtls_sm4_key;

GMTLS_API void gmtls_sm4_set_key(gmtls_sm4_key *k, const uint8_t key[16]);
GMTLS_API void gmtls_sm4_key_wipe(gmtls_sm4_key *k);

/* One block. in == out is allowed. */
GMTLS_API void gmtls_sm4_encrypt_block(const gmtls_sm4_key *k, const uint8_t in[16], uint8_t out[16]);
GMTLS_API void gmtls_sm4_decrypt_block(const gmtls_sm4_key *k, const uint8_t in[16], uint8_t out[16]);

/* nblocks independent blocks. in == out is allowed (partial overlap is not). */
GMTLS_API void gmtls_sm4_ecb_encrypt(const gmtls_sm4_key *k, const uint8_t *in, uint8_t *out, size_t nblocks);
GMTLS_API void gmtls_sm4_ecb_decrypt(const gmtls_sm4_key *k, const uint8_t *in, uint8_t *out, size_t nblocks);

/* CBC without padding: len must be a multiple of 16 (else GMTLS_ERR_BAD_LENGTH and nothing is
 * written). iv is updated to the last ciphertext block so calls can be chained. in == out allowed;
 * NULL pointers (in and out may be NULL when len is 0) and in and out overlapping without being
 * equal give GMTLS_ERR_INVALID_ARG, nothing written. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm4_cbc_encrypt(const gmtls_sm4_key *k, uint8_t iv[16], const uint8_t *in,
                                                     uint8_t *out, size_t len);
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm4_cbc_decrypt(const gmtls_sm4_key *k, uint8_t iv[16], const uint8_t *in,
                                                     uint8_t *out, size_t len);

/* Multi-message CBC encryption: n independent messages (ivs[i], ins[i], outs[i], lens[i]) under one
 * key, encrypted in parallel lanes (TLCP CBC records each carry their own IV). Each lens[i] must be a
 * multiple of 16 (else GMTLS_ERR_BAD_LENGTH and nothing is written); ivs are not modified.
 * ins[i] == outs[i] is allowed; different messages must not overlap. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm4_cbc_encrypt_mb(const gmtls_sm4_key *k, size_t n, const uint8_t *const ivs[],
                                                        const uint8_t *const ins[], uint8_t *const outs[],
                                                        const size_t lens[]);

/* CTR: the 16-byte counter block is a 128-bit big-endian integer incremented per block
 * (mod 2^128); ctr is updated; any len; a partial last block consumes a whole counter.
 * in == out allowed. */
GMTLS_API void gmtls_sm4_ctr(const gmtls_sm4_key *k, uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t len);

/* Name of the implementation in use: "gfni-avx512", "gfni-avx2", "aesni-avx2" or "portable-ct". */
GMTLS_API const char *gmtls_sm4_impl(void);

#ifdef __cplusplus
}
#endif

#endif
