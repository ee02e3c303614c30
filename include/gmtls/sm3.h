/* gmtls: the SM3 hash (GB/T 32905-2016), HMAC-SM3 (RFC 2104), the SM2 key derivation function
 * (GB/T 32918.3/.4-2016 5.4.3), the TLS 1.2 PRF with HMAC-SM3 that TLCP uses (RFC 5246 5,
 * GB/T 38636-2020 6.5), and multi-buffer hashing of many independent messages at once.
 *
 * Contexts are caller-allocated and never allocate. A context may be copied with memcpy to fork
 * a computation (e.g. keep a keyed HMAC context and copy it for each message). */
#ifndef GMTLS_SM3_H
#define GMTLS_SM3_H

#include "api.h"

#define GMTLS_SM3_DIGEST_SIZE 32
#define GMTLS_SM3_BLOCK_SIZE 64

typedef struct {
    uint32_t state[8]; /* chaining value V_i */
    uint64_t nblocks;  /* 64-byte blocks compressed so far */
    uint8_t buf[64];   /* pending bytes of an incomplete block */
    size_t num;        /* bytes pending in buf (0..63) */
} gmtls_sm3_ctx;

GMTLS_API void gmtls_sm3_init(gmtls_sm3_ctx *ctx);
GMTLS_API void gmtls_sm3_update(gmtls_sm3_ctx *ctx, const void *data, size_t len);
/* Writes the digest and wipes ctx (call gmtls_sm3_init to reuse it). */
GMTLS_API void gmtls_sm3_final(gmtls_sm3_ctx *ctx, uint8_t out[32]);
GMTLS_API void gmtls_sm3(const void *data, size_t len, uint8_t out[32]);

/* HMAC-SM3. `inner` has absorbed key^ipad (and the data so far); `outer` has absorbed key^opad. */
typedef struct {
    gmtls_sm3_ctx inner, outer;
} gmtls_hmac_sm3_ctx;

/* Keys longer than 64 bytes are hashed first (RFC 2104 2). key may be NULL when key_len is 0. */
GMTLS_API void gmtls_hmac_sm3_init(gmtls_hmac_sm3_ctx *ctx, const void *key, size_t key_len);
GMTLS_API void gmtls_hmac_sm3_update(gmtls_hmac_sm3_ctx *ctx, const void *data, size_t len);
/* Writes the MAC and wipes ctx. */
GMTLS_API void gmtls_hmac_sm3_final(gmtls_hmac_sm3_ctx *ctx, uint8_t out[32]);
GMTLS_API void gmtls_hmac_sm3(const void *key, size_t key_len, const void *data, size_t len, uint8_t out[32]);

/* SM2 KDF, GB/T 32918.3-2016 5.4.3 / .4 5.4.3: out = SM3(z||ct1)||SM3(z||ct2)..., 32-bit big-endian
 * counter from 1, truncated to out_len bytes. GMTLS_ERR_BAD_LENGTH when out_len needs more than
 * 2^32 - 1 blocks; GMTLS_ERR_INVALID_ARG for NULL pointers with non-zero lengths. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm3_kdf(const uint8_t *z, size_t z_len, uint8_t *out, size_t out_len);

/* TLS 1.2 PRF (RFC 5246 5) with HMAC-SM3, as TLCP uses it: out = P_SM3(secret, label || seed).
 * GMTLS_ERR_INVALID_ARG for NULL pointers with non-zero lengths. out must not overlap label or
 * seed (they are read again for every output block). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_prf_sm3(const uint8_t *secret, size_t secret_len, const uint8_t *label,
                                             size_t label_len, const uint8_t *seed, size_t seed_len, uint8_t *out,
                                             size_t out_len);

/* Multi-buffer: out[i] = SM3(msgs[i][0..lens[i])) for i < n. Uses 16 lanes (AVX-512) or 8 lanes
 * (AVX2) when available; messages may have any, different, lengths. msgs[i] may be NULL when
 * lens[i] is 0. */
GMTLS_API void gmtls_sm3_mb(size_t n, const uint8_t *const msgs[], const size_t lens[], uint8_t (*out)[32]);

/* Multi-buffer continuation: for i < n, absorb msgs[i] into *ctxs[i] (which may already hold data),
 * finish it into out[i], and wipe *ctxs[i]. The contexts must be distinct. */
GMTLS_API void gmtls_sm3_mb_final(size_t n, gmtls_sm3_ctx *const ctxs[], const uint8_t *const msgs[],
                                  const size_t lens[], uint8_t (*out)[32]);

/* Multi-buffer HMAC: for i < n, out[i] = MAC of *ctxs[i] (initialised with a key, possibly already
 * updated, e.g. with a record's sequence number and header) continued with msgs[i]. Each *ctxs[i]
 * is finished and wiped, exactly as gmtls_hmac_sm3_update + gmtls_hmac_sm3_final would do. To MAC
 * many records under one key, init one context, copy it into each ctxs[i], update each with its
 * header, then call this once. The contexts must be distinct. */
GMTLS_API void gmtls_hmac_sm3_mb(size_t n, gmtls_hmac_sm3_ctx *const ctxs[], const uint8_t *const msgs[],
                                 const size_t lens[], uint8_t (*out)[32]);

/* Name of the single-stream compression in use: "avx512vl-msg", "bmi2" or "portable". */
GMTLS_API const char *gmtls_sm3_impl(void);
/* Name of the multi-buffer implementation in use: "avx512x16", "avx2x8" or "portable". */
GMTLS_API const char *gmtls_sm3_mb_impl(void);

#endif
