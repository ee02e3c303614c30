/* GHASH and the GCM composition against OpenSSL. OpenSSL 3.0 has no SM4-GCM, but GHASH and the
 * GCM construction do not depend on the block cipher: gmtls's GCM code (gmtls_gcm_seal / open)
 * run with OpenSSL's AES-128 block as the cipher must give exactly OpenSSL's AES-128-GCM, for
 * every GHASH implementation, random keys, data and AAD, and IVs of 1..100 bytes (the non-12-byte
 * IVs exercise the GHASH-derived J0 of SP 800-38D 7.1), including IVs crafted so that the 32-bit
 * counter wraps inside the message. */
#include <openssl/evp.h>
#include <stdlib.h>

#include "core/cpu.h"
#include "crypto/sm4_ghash.h"
#include "gcm_model.h"
#include "test.h"

/* AES-128 single blocks through OpenSSL (ECB, no padding), as the block cipher of gmtls_gcm_cipher. */
static void aes_block(const void *key, const uint8_t in[16], uint8_t out[16])
{
    int n = 0;
    if (EVP_EncryptUpdate((EVP_CIPHER_CTX *)(uintptr_t)key, out, &n, in, 16) != 1 || n != 16)
        test_fail_at(__FILE__, __LINE__, "EVP_EncryptUpdate failed");
}

/* Counter mode with inc32 (SP 800-38D 6.2) over aes_block. */
static void aes_ctr32(const void *key, uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t len)
{
    uint8_t ks[16];
    while (len) {
        size_t n = len < 16 ? len : 16;
        aes_block(key, ctr, ks);
        for (size_t i = 0; i < n; i++)
            out[i] = in[i] ^ ks[i];
        uint32_t c = ((uint32_t)ctr[12] << 24 | (uint32_t)ctr[13] << 16 | (uint32_t)ctr[14] << 8 | ctr[15]) + 1;
        ctr[12] = (uint8_t)(c >> 24), ctr[13] = (uint8_t)(c >> 16), ctr[14] = (uint8_t)(c >> 8), ctr[15] = (uint8_t)c;
        in += n, out += n, len -= n;
    }
}

/* OpenSSL's AES-128-GCM with a 16-byte tag. Returns 1 on success. */
static int openssl_gcm(const uint8_t key[16], const uint8_t *iv, size_t iv_len, const uint8_t *aad, size_t aad_len,
                       const uint8_t *in, uint8_t *out, size_t len, uint8_t tag[16])
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int n = 0, ok = c != NULL;
    ok = ok && EVP_EncryptInit_ex(c, EVP_aes_128_gcm(), NULL, NULL, NULL) == 1;
    ok = ok && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, (int)iv_len, NULL) == 1;
    ok = ok && EVP_EncryptInit_ex(c, NULL, NULL, key, iv) == 1;
    ok = ok && (aad_len == 0 || EVP_EncryptUpdate(c, NULL, &n, aad, (int)aad_len) == 1);
    ok = ok && (len == 0 || (EVP_EncryptUpdate(c, out, &n, in, (int)len) == 1 && (size_t)n == len));
    ok = ok && EVP_EncryptFinal_ex(c, out + len, &n) == 1 && n == 0;
    ok = ok && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, tag) == 1;
    EVP_CIPHER_CTX_free(c);
    return ok;
}

/* wrap: a 16-byte IV crafted so that J0 ends in FFFFFFF0 + wrap - 1 and the 32-bit counter
 * wraps inside the message (inc32, SP 800-38D 6.2). */
static unsigned long one(size_t len, size_t iv_len, size_t aad_len, unsigned wrap)
{
    uint8_t key[16], iv[100], h[16] = {0}, tag[16], want_tag[16];
    gmtls_gcm_open_state st;
    uint64_t htab[2 * GMTLS_GHASH_NPOW];
    uint8_t *aad = malloc(aad_len + 1), *pt = malloc(len + 1), *ct = malloc(len + 16), *want = malloc(len + 16);
    unsigned long bad = 0;
    EVP_CIPHER_CTX *ecb = EVP_CIPHER_CTX_new();
    if (!aad || !pt || !ct || !want || !ecb || EVP_EncryptInit_ex(ecb, EVP_aes_128_ecb(), NULL, NULL, NULL) != 1) {
        bad = 1;
        goto done;
    }
    test_rand_bytes(key, sizeof key);
    test_rand_bytes(iv, sizeof iv);
    test_rand_bytes(aad, aad_len);
    test_rand_bytes(pt, len);
    EVP_CIPHER_CTX_set_padding(ecb, 0);
    if (EVP_EncryptInit_ex(ecb, NULL, NULL, key, NULL) != 1) {
        bad = 1;
        goto done;
    }
    aes_block(ecb, h, h);
    if (wrap) {
        uint8_t j0[16];
        test_rand_bytes(j0, 12);
        j0[12] = j0[13] = j0[14] = 0xFF;
        j0[15] = (uint8_t)(0xF0 + wrap - 1);
        gcm_model_craft_iv(iv, h, j0);
        iv_len = 16;
        /* The crafted IV really gives that J0 (by the bitwise model of GHASH). */
        uint8_t y[16] = {0};
        gcm_model_ghash(y, h, iv, 16);
        gcm_model_lens(y, h, 0, 16);
        bad += memcmp(y, j0, 16) != 0;
    }
    if (!openssl_gcm(key, iv, iv_len, aad, aad_len, pt, want, len, want_tag)) {
        bad = 1;
        goto done;
    }
    gmtls_ghash_make_table(htab, h);
    gmtls_gcm_cipher c = {aes_ctr32, ecb, htab};
    gmtls_gcm_seal(&c, iv, iv_len, aad, aad_len, pt, ct, len, tag);
    bad += memcmp(ct, want, len) != 0;
    bad += memcmp(tag, want_tag, 16) != 0;
    /* Opening OpenSSL's output; then a changed tag. */
    uint32_t eq = gmtls_gcm_open_check(&c, iv, iv_len, aad, aad_len, want, len, want_tag, &st);
    bad += eq != 0xFFFFFFFFu;
    bad += gmtls_gcm_open_finish(&c, &st, want, ct, len, (int)(eq & 1)) != GMTLS_OK;
    bad += memcmp(ct, pt, len) != 0;
    want_tag[len % 16] ^= 0x01;
    eq = gmtls_gcm_open_check(&c, iv, iv_len, aad, aad_len, want, len, want_tag, &st);
    bad += eq != 0;
    bad += gmtls_gcm_open_finish(&c, &st, want, ct, len, (int)(eq & 1)) != GMTLS_ERR_AUTH_FAILED;
    for (size_t i = 0; i < len; i++)
        bad += ct[i] != 0;
done:
    EVP_CIPHER_CTX_free(ecb);
    free(aad), free(pt), free(ct), free(want);
    return bad;
}

int main(void)
{
    static const size_t iv_lens[] = {12, 1, 8, 13, 16, 17, 32, 60, 64, 100};
    const uint32_t masks[] = {0, GMTLS_GHASH_NEED_PCLMUL, 0xFFFFFFFFu};
    for (size_t m = 0; m < 3; m++) {
        gmtls_cpu_set_mask(masks[m]);
        const char *name = gmtls_ghash_impl();
        fprintf(stderr, "GHASH %s\n", name);
        for (size_t i = 0; i < 400; i++) {
            size_t len = i < 300 ? i : test_rand_u32() % 5000;
            size_t iv_len = iv_lens[i % 10], aad_len = test_rand_u32() % 90;
            unsigned long bad = one(len, iv_len, aad_len, 0);
            CHECK_MSG(bad == 0, "GHASH %s: len %zu, iv_len %zu, aad_len %zu", name, len, iv_len, aad_len);
        }
        CHECK_MSG(one(70000, 12, 1000, 0) == 0, "GHASH %s: 70000 bytes", name);
        CHECK_MSG(one(4096 + 7, 16, 5000, 0) == 0, "GHASH %s: long AAD", name);
        /* The counter wraps after 1..16 blocks, in the first call or a later chunk. */
        for (unsigned w = 1; w <= 16; w++)
            CHECK_MSG(one(w * 37 + 9000 * (w % 2), 16, w, w) == 0, "GHASH %s: counter wrap %u", name, w);
    }
    return test_report();
}
