/* PBKDF2 (RFC 8018 5.2) with HMAC-SM3 as the PRF (GM/T 0091-2020 uses hmacWithSM3,
 * OID 1.2.156.10197.1.401.2, in PBES2 as GmSSL does). The password-keyed HMAC state is computed
 * once and copied for every iteration, so each iteration costs two SM3 compressions. */
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/pkey.h"
#include "gmtls/sm3.h"
#include "gmtls/util.h"

int gmtls_pbkdf2_hmac_sm3(const uint8_t *pass, size_t pass_len, const uint8_t *salt, size_t salt_len, uint32_t iter,
                          uint8_t *out, size_t out_len)
{
    if (iter == 0 || out_len == 0 || !out || (!pass && pass_len) || (!salt && salt_len))
        return GMTLS_ERR_INVALID_ARG;
    /* RFC 8018 5.2 step 1: dkLen <= (2^32 - 1) * hLen. */
    if (out_len / 32 >= 0xffffffffu)
        return GMTLS_ERR_BAD_LENGTH;
    gmtls_hmac_sm3_ctx keyed, c;
    uint8_t u[32], t[32];
    gmtls_hmac_sm3_init(&keyed, pass, pass_len);
    uint32_t block = 1;
    for (size_t off = 0; off < out_len; off += 32, block++) {
        uint8_t ctr[4] = {(uint8_t)(block >> 24), (uint8_t)(block >> 16), (uint8_t)(block >> 8), (uint8_t)block};
        /* U_1 = PRF(P, S || INT(i)); T_i = U_1 ^ U_2 ^ ... ^ U_c */
        memcpy(&c, &keyed, sizeof(c));
        gmtls_hmac_sm3_update(&c, salt, salt_len);
        gmtls_hmac_sm3_update(&c, ctr, 4);
        gmtls_hmac_sm3_final(&c, u);
        memcpy(t, u, 32);
        for (uint32_t j = 1; j < iter; j++) {
            memcpy(&c, &keyed, sizeof(c));
            gmtls_hmac_sm3_update(&c, u, 32);
            gmtls_hmac_sm3_final(&c, u);
            for (int k = 0; k < 32; k++)
                t[k] ^= u[k];
        }
        size_t n = out_len - off < 32 ? out_len - off : 32;
        memcpy(out + off, t, n);
    }
    gmtls_wipe(&keyed, sizeof(keyed));
    gmtls_wipe(&c, sizeof(c));
    gmtls_wipe(u, sizeof(u));
    gmtls_wipe(t, sizeof(t));
    return 0;
}
