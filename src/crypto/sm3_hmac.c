/* HMAC-SM3 (RFC 2104 with SM3: B = 64, L = 32), as GB/T 38636-2020 uses it for record MACs and
 * the PRF. The key and the padded key blocks are secrets and are wiped before returning. */
#include <string.h>

#include "crypto/sm3_internal.h"
#include "core/scrub.h"
#include "gmtls/util.h"

void gmtls_hmac_sm3_init(gmtls_hmac_sm3_ctx *ctx, const void *key, size_t key_len)
{
    uint8_t k[GMTLS_SM3_BLOCK_SIZE];
    uint8_t pad[GMTLS_SM3_BLOCK_SIZE];

    memset(k, 0, sizeof(k));
    /* RFC 2104 2: keys longer than B bytes are first hashed to L bytes. */
    if (key_len > GMTLS_SM3_BLOCK_SIZE)
        gmtls_sm3(key, key_len, k);
    else if (key_len)
        memcpy(k, key, key_len);

    for (size_t i = 0; i < sizeof(pad); i++)
        pad[i] = (uint8_t)(k[i] ^ 0x36);
    gmtls_sm3_init(&ctx->inner);
    gmtls_sm3_update(&ctx->inner, pad, sizeof(pad));
    for (size_t i = 0; i < sizeof(pad); i++)
        pad[i] = (uint8_t)(k[i] ^ 0x5c);
    gmtls_sm3_init(&ctx->outer);
    gmtls_sm3_update(&ctx->outer, pad, sizeof(pad));

    gmtls_wipe(k, sizeof(k));
    gmtls_wipe(pad, sizeof(pad));
    /* The compression function's message schedule held key ^ pad, which can be run backwards to
     * the block: clear that stack once here rather than in every compression. */
    gmtls_stack_scrub();
}

void gmtls_hmac_sm3_update(gmtls_hmac_sm3_ctx *ctx, const void *data, size_t len)
{
    gmtls_sm3_update(&ctx->inner, data, len);
}

void gmtls_hmac_sm3_final(gmtls_hmac_sm3_ctx *ctx, uint8_t out[32])
{
    uint8_t ih[GMTLS_SM3_DIGEST_SIZE];
    gmtls_sm3_final(&ctx->inner, ih);
    gmtls_sm3_update(&ctx->outer, ih, sizeof(ih));
    gmtls_sm3_final(&ctx->outer, out);
    gmtls_wipe(ih, sizeof(ih));
    gmtls_wipe(ctx, sizeof(*ctx));
}

void gmtls_hmac_sm3(const void *key, size_t key_len, const void *data, size_t len, uint8_t out[32])
{
    gmtls_hmac_sm3_ctx ctx;
    gmtls_hmac_sm3_init(&ctx, key, key_len);
    gmtls_hmac_sm3_update(&ctx, data, len);
    gmtls_hmac_sm3_final(&ctx, out);
}
