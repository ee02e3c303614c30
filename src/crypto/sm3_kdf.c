/* The SM2 key derivation function (GB/T 32918.3-2016 5.4.3, GB/T 32918.4-2016 5.4.3).
 * Its input Z and its output are secrets (shared keys, encryption masks): every intermediate
 * block is wiped. */
#include <string.h>

#include "core/bytes.h"
#include "crypto/sm3_internal.h"
#include "core/scrub.h"
#include "gmtls/error.h"
#include "gmtls/util.h"

int gmtls_sm3_kdf(const uint8_t *z, size_t z_len, uint8_t *out, size_t out_len)
{
    if ((!z && z_len) || (!out && out_len))
        return GMTLS_ERR_INVALID_ARG;
    /* The counter ct is 32 bits and starts at 1, so at most 2^32 - 1 blocks of 32 bytes
     * (klen <= (2^32 - 1) v in the standard). */
    if ((uint64_t)out_len > (uint64_t)0xffffffffu * GMTLS_SM3_DIGEST_SIZE)
        return GMTLS_ERR_BAD_LENGTH;

    gmtls_sm3_ctx zctx, ctx;
    uint8_t ct[4];
    uint8_t block[GMTLS_SM3_DIGEST_SIZE];
    uint32_t counter = 1;

    /* Z is the same prefix for every block: absorb it once and copy the context. */
    gmtls_sm3_init(&zctx);
    gmtls_sm3_update(&zctx, z, z_len);
    while (out_len) {
        gmtls_store_be32(ct, counter++);
        ctx = zctx;
        gmtls_sm3_update(&ctx, ct, sizeof(ct));
        if (out_len >= GMTLS_SM3_DIGEST_SIZE) {
            gmtls_sm3_final(&ctx, out);
            out += GMTLS_SM3_DIGEST_SIZE;
            out_len -= GMTLS_SM3_DIGEST_SIZE;
        } else {
            gmtls_sm3_final(&ctx, block);
            memcpy(out, block, out_len);
            out_len = 0;
        }
    }
    gmtls_wipe(&zctx, sizeof(zctx));
    gmtls_wipe(block, sizeof(block));
    /* Z and the output are secrets (SM2 shared points, premasters): clear what the compression
     * function left on the stack. */
    gmtls_stack_scrub();
    return 0;
}
