/* SM4 internals shared by the SM4 implementations, the modes and SM4-GCM. */
#ifndef GMTLS_CRYPTO_SM4_INTERNAL_H
#define GMTLS_CRYPTO_SM4_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "gmtls/sm4.h"

/* GCM counter mode (NIST SP 800-38D inc32): only the last 32 bits of ctr increment (mod 2^32);
 * ctr is updated; any len; a partial last block consumes a whole counter. in == out allowed. */
void gmtls_sm4_ctr32(const gmtls_sm4_key *k, uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t len);

/* Re-run the implementation choice (after gmtls_cpu_set_mask, in tests). */
void gmtls_sm4_impl_reset(void);

/* ---- Below: the interface between the modes and the implementations. ---- */

/* Counter arithmetic for the CTR kernels. */
enum { GMTLS_SM4_CTR128 = 0, GMTLS_SM4_CTR32 = 1 };

/* One SM4 implementation. rk holds the 32 round keys in the order they are applied (the
 * decryption callers pass them reversed, GB/T 32907-2016 7.2), so every entry serves both directions. */
typedef struct {
    const char *name;
    /* One block, tuned for latency (serial CBC encryption). in == out allowed. */
    void (*block)(const uint32_t rk[32], const uint8_t in[16], uint8_t out[16]);
    /* nblocks independent blocks, tuned for throughput. in == out allowed. */
    void (*ecb)(const uint32_t rk[32], const uint8_t *in, uint8_t *out, size_t nblocks);
    /* nblocks whole CTR blocks: out = in ^ E(ctr), ctr incremented per block as `mode` says and
     * updated. in == out allowed. */
    void (*ctr)(const uint32_t rk[32], uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t nblocks, int mode);
    /* Serial CBC encryption of nblocks whole blocks with the chaining value kept in registers;
     * iv updated to the last ciphertext block. NULL: the modes loop over `block`. */
    void (*cbc_enc)(const uint32_t rk[32], uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t nblocks);
    /* Multi-message CBC: nlanes (<= lanes) chains advance nsteps blocks each; lane l reads in[l] and
     * writes out[l] (16 bytes more per step), chain[l] is its chaining value (updated). NULL: the
     * modes stage the blocks and call ecb. */
    void (*cbc_mb)(const uint32_t rk[32], size_t nlanes, const uint8_t *const in[], uint8_t *const out[],
                   uint8_t chain[][16], size_t nsteps);
    /* Blocks per ecb call that keep every lane busy (multi-message CBC uses this many lanes). */
    size_t lanes;
} gmtls_sm4_ops;

/* Largest `lanes` of any implementation (multi-message CBC sizes its staging buffer by it). */
#define GMTLS_SM4_MAX_LANES 64

/* The implementation in use (chosen once by CPU features; gmtls_sm4_impl_reset re-chooses). */
const gmtls_sm4_ops *gmtls_sm4_ops_get(void);

extern const gmtls_sm4_ops gmtls_sm4_ops_portable;
#if defined(__x86_64__) || defined(__i386__)
extern const gmtls_sm4_ops gmtls_sm4_ops_aesni;
extern const gmtls_sm4_ops gmtls_sm4_ops_gfni;
extern const gmtls_sm4_ops gmtls_sm4_ops_avx512gfni;
#endif

/* The constant-time S-box on the four bytes of a word (portable; the key schedule uses it). */
uint32_t gmtls_sm4_tau_ct(uint32_t a);

/* CTR through an implementation's ecb entry: counter blocks are written out and encrypted.
 * SIMD kernels use it when a 128-bit counter carries out of its low 32 bits inside a batch. */
void gmtls_sm4_ctr_via_ecb(void (*ecb)(const uint32_t *, const uint8_t *, uint8_t *, size_t), const uint32_t rk[32],
                           uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t nblocks, int mode);

/* Advance a counter block by n (mod 2^128 or, for GMTLS_SM4_CTR32, the last word mod 2^32). */
void gmtls_sm4_ctr_add(uint8_t ctr[16], uint64_t n, int mode);

#endif
