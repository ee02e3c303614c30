/* Constant time under valgrind: with the key, H and the plaintext marked undefined, the portable
 * GHASH and SM4-GCM encryption and decryption (also with a failing tag) must not branch on them or
 * use them as addresses. Whether the tag matched is public, so it is declassified before the
 * branch, as any caller of the AEAD does when it acts on the result. The portable paths are forced
 * (valgrind emulates no AVX-512; the accelerated ones are checked by test_sm4_gcm). */
#include <stdlib.h>

#include "core/cpu.h"
#include "crypto/sm4_ghash.h"
#include "crypto/sm4_internal.h"
#include "ctgrind.h"
#include "gmtls/sm4_gcm.h"
#include "test.h"

static void ghash_ct(void)
{
    uint8_t h[16], data[300], out[16];
    uint64_t htab[2 * GMTLS_GHASH_NPOW], y[2] = {0, 0};
    test_rand_bytes(h, sizeof h);
    test_rand_bytes(data, sizeof data);
    CT_SECRET(h, sizeof h);
    CT_SECRET(data, sizeof data);
    gmtls_ghash_make_table(htab, h);
    gmtls_ghash_portable(y, htab, data, sizeof data);
    gmtls_ghash_portable(y, htab, data, 7);
    gmtls_ghash_store(out, y);
    CT_PUBLIC(out, sizeof out);
    CT_PUBLIC(htab, sizeof htab);
    /* The result is defined again and usable. */
    CHECK(out[0] == out[0]);
}

/* Decryption as gmtls_sm4_gcm_decrypt does it, with the comparison result declassified. */
static int open_declassified(const gmtls_sm4_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                             size_t aad_len, const uint8_t *in, uint8_t *out, size_t len, const uint8_t tag[16])
{
    gmtls_gcm_cipher c;
    gmtls_gcm_open_state st;
    int err = gmtls_sm4_gcm_check_args(ctx, iv, iv_len, aad, aad_len, in, out, len, tag);
    if (err)
        return err;
    gmtls_sm4_gcm_cipher(&c, ctx);
    uint32_t eq = gmtls_gcm_open_check(&c, iv, iv_len, aad, aad_len, in, len, tag, &st);
    CT_PUBLIC(&eq, sizeof eq);
    return gmtls_gcm_open_finish(&c, &st, in, out, len, (int)(eq & 1u));
}

static void gcm_ct(size_t iv_len, size_t len)
{
    uint8_t key[16], iv[16], aad[20], tag[16];
    uint8_t *pt = malloc(len + 1), *ct = malloc(len + 1), *back = malloc(len + 1);
    gmtls_sm4_gcm_ctx ctx;
    CHECK(pt && ct && back);
    if (!pt || !ct || !back)
        goto done;
    test_rand_bytes(key, sizeof key);
    test_rand_bytes(iv, sizeof iv);
    test_rand_bytes(aad, sizeof aad);
    test_rand_bytes(pt, len);
    CT_SECRET(key, sizeof key);
    CT_SECRET(pt, len);
    gmtls_sm4_gcm_init(&ctx, key);
    CHECK_OK(gmtls_sm4_gcm_encrypt(&ctx, iv, iv_len, aad, sizeof aad, pt, ct, len, tag));
    /* Ciphertext and tag are what goes on the wire. */
    CT_PUBLIC(ct, len);
    CT_PUBLIC(tag, sizeof tag);
    CHECK_OK(open_declassified(&ctx, iv, iv_len, aad, sizeof aad, ct, back, len, tag));
    CT_PUBLIC(back, len);
    CT_PUBLIC(pt, len);
    CHECK_MEM(back, pt, len);
    tag[3] ^= 0x10;
    CHECK_ERR(open_declassified(&ctx, iv, iv_len, aad, sizeof aad, ct, back, len, tag), GMTLS_ERR_AUTH_FAILED);
    CT_PUBLIC(back, len);
    for (size_t i = 0; i < len; i++)
        CHECK_MSG(back[i] == 0, "byte %zu left after a failure", i);
    gmtls_sm4_gcm_wipe(&ctx);
done:
    free(pt), free(ct), free(back);
}

int main(void)
{
    gmtls_cpu_set_mask(0);
    gmtls_sm4_impl_reset();
    if (strcmp(gmtls_ghash_impl(), "portable-ct") != 0 || strcmp(gmtls_sm4_impl(), "portable-ct") != 0)
        CHECK_MSG(0, "portable implementations not selected");
    ghash_ct();
    gcm_ct(12, 100);
    gcm_ct(16, 33);
    gcm_ct(1, 0);
    return test_report();
}
