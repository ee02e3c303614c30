/* PBKDF2 (RFC 8018 5.2): the loop for any 32-byte PRF, and HMAC-SM3 as the PRF (GM/T 0091-2020
 * uses hmacWithSM3, OID 1.2.156.10197.1.401.2, in PBES2 as GmSSL does). The password-keyed HMAC
 * state is computed once and copied for every iteration, so each iteration costs two compressions. */
#include <string.h>

#include "core/bytes.h"
#include "gmtls/error.h"
#include "gmtls/pkey.h"
#include "gmtls/sm3.h"
#include "gmtls/util.h"
#include "pki/pbkdf2_internal.h"

int gmtls_pbkdf2_run(const gmtls_pbkdf2_prf_ops *prf, void *keyed, void *work, const uint8_t *pass, size_t pass_len,
                     const uint8_t *salt, size_t salt_len, uint32_t iter, uint8_t *out, size_t out_len)
{
    if (iter == 0 || out_len == 0 || !out || (!pass && pass_len) || (!salt && salt_len))
        return GMTLS_ERR_INVALID_ARG;
    /* RFC 8018 5.2 step 1: dkLen <= (2^32 - 1) * hLen. */
    if (out_len / 32 >= 0xffffffffu)
        return GMTLS_ERR_BAD_LENGTH;
    uint8_t u[32], t[32];
    prf->init(keyed, pass, pass_len);
    uint32_t block = 1;
    for (size_t off = 0; off < out_len; off += 32, block++) {
        uint8_t ctr[4];
        gmtls_store_be32(ctr, block);
        /* U_1 = PRF(P, S || INT(i)); T_i = U_1 ^ U_2 ^ ... ^ U_c */
        memcpy(work, keyed, prf->ctx_size);
        prf->update(work, salt, salt_len);
        prf->update(work, ctr, 4);
        prf->final(work, u);
        memcpy(t, u, 32);
        for (uint32_t j = 1; j < iter; j++) {
            memcpy(work, keyed, prf->ctx_size);
            prf->update(work, u, 32);
            prf->final(work, u);
            for (int k = 0; k < 32; k++)
                t[k] ^= u[k];
        }
        size_t n = out_len - off < 32 ? out_len - off : 32;
        memcpy(out + off, t, n);
    }
    gmtls_wipe(keyed, prf->ctx_size);
    gmtls_wipe(work, prf->ctx_size);
    gmtls_wipe(u, sizeof(u));
    gmtls_wipe(t, sizeof(t));
    return 0;
}

static void sm3_prf_init(void *ctx, const uint8_t *key, size_t len)
{
    gmtls_hmac_sm3_init(ctx, key, len);
}

static void sm3_prf_update(void *ctx, const uint8_t *p, size_t len)
{
    gmtls_hmac_sm3_update(ctx, p, len);
}

static void sm3_prf_final(void *ctx, uint8_t out[32])
{
    gmtls_hmac_sm3_final(ctx, out);
}

static const gmtls_pbkdf2_prf_ops hmac_sm3_prf = {sizeof(gmtls_hmac_sm3_ctx), sm3_prf_init, sm3_prf_update,
                                                  sm3_prf_final};

int gmtls_pbkdf2_hmac_sm3(const uint8_t *pass, size_t pass_len, const uint8_t *salt, size_t salt_len, uint32_t iter,
                          uint8_t *out, size_t out_len)
{
    gmtls_hmac_sm3_ctx keyed, work;
    return gmtls_pbkdf2_run(&hmac_sm3_prf, &keyed, &work, pass, pass_len, salt, salt_len, iter, out, out_len);
}
