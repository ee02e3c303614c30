/* The TLS 1.2 PRF (RFC 5246 5) with HMAC-SM3, which TLCP uses for the master secret, the key
 * block and the Finished verify_data (GB/T 38636-2020 6.5.2):
 *   PRF(secret, label, seed) = P_SM3(secret, label || seed)
 *   P_SM3(s, x) = HMAC(s, A(1) || x) || HMAC(s, A(2) || x) || ...,  A(0) = x, A(i) = HMAC(s, A(i-1)).
 * The secret and every output block are secrets and are wiped. */
#include <string.h>

#include "crypto/sm3_internal.h"
#include "core/scrub.h"
#include "gmtls/error.h"
#include "gmtls/util.h"

int gmtls_prf_sm3(const uint8_t *secret, size_t secret_len, const uint8_t *label, size_t label_len,
                  const uint8_t *seed, size_t seed_len, uint8_t *out, size_t out_len)
{
    if ((!secret && secret_len) || (!label && label_len) || (!seed && seed_len) || (!out && out_len))
        return GMTLS_ERR_INVALID_ARG;

    gmtls_hmac_sm3_ctx key, ctx;
    uint8_t a[GMTLS_SM3_DIGEST_SIZE];
    uint8_t block[GMTLS_SM3_DIGEST_SIZE];

    /* The keyed context is computed once and copied for every HMAC. */
    gmtls_hmac_sm3_init(&key, secret, secret_len);

    /* A(1) = HMAC(secret, label || seed) */
    ctx = key;
    gmtls_hmac_sm3_update(&ctx, label, label_len);
    gmtls_hmac_sm3_update(&ctx, seed, seed_len);
    gmtls_hmac_sm3_final(&ctx, a);

    while (out_len) {
        ctx = key;
        gmtls_hmac_sm3_update(&ctx, a, sizeof(a));
        gmtls_hmac_sm3_update(&ctx, label, label_len);
        gmtls_hmac_sm3_update(&ctx, seed, seed_len);
        size_t take = out_len < sizeof(block) ? out_len : sizeof(block);
        if (take == sizeof(block)) {
            gmtls_hmac_sm3_final(&ctx, out);
        } else {
            gmtls_hmac_sm3_final(&ctx, block);
            memcpy(out, block, take);
        }
        out += take;
        out_len -= take;
        if (out_len) {
            /* A(i+1) = HMAC(secret, A(i)) */
            ctx = key;
            gmtls_hmac_sm3_update(&ctx, a, sizeof(a));
            gmtls_hmac_sm3_final(&ctx, a);
        }
    }
    gmtls_wipe(&key, sizeof(key));
    gmtls_wipe(a, sizeof(a));
    gmtls_wipe(block, sizeof(block));
    gmtls_stack_scrub(); /* the secret's blocks passed through the compression function's stack */
    return 0;
}
