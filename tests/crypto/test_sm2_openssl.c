/* Cross-check of SM2 against OpenSSL 3 libcrypto (an independent implementation), both ways:
 * public keys derived from the same d, gmtls signatures verified by EVP_DigestVerify and OpenSSL
 * signatures verified by gmtls (with the distinguishing ID set through EVP_PKEY_CTX_set1_id), and
 * GM/T 0009 DER ciphertexts made by one and decrypted by the other. 250 random cases each way. */
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "gmtls/sm2.h"
#include "test.h"

#define CASES 250

/* An OpenSSL SM2 key from gmtls's d and public point. */
static EVP_PKEY *ossl_key(const gmtls_sm2_key *key, int with_private)
{
    uint8_t pub[65], d[32];
    size_t n;
    EVP_PKEY *pkey = NULL;
    gmtls_sm2_pubkey_to_octets(&key->pub, 0, pub, &n);
    gmtls_sm2_key_to_bytes(key, d);
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    BIGNUM *bn = BN_bin2bn(d, 32, NULL);
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
    if (!bld || !bn || !ctx || !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0) ||
        !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, n) ||
        (with_private && !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, bn)) ||
        !(params = OSSL_PARAM_BLD_to_param(bld)) || EVP_PKEY_fromdata_init(ctx) <= 0 ||
        EVP_PKEY_fromdata(ctx, &pkey, with_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) <= 0)
        pkey = NULL;
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_clear_free(bn);
    EVP_PKEY_CTX_free(ctx);
    return pkey;
}

static int ossl_verify(EVP_PKEY *pkey, const uint8_t *id, size_t id_len, const uint8_t *msg, size_t len,
                       const uint8_t *der, size_t der_len)
{
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    EVP_PKEY_CTX *p = EVP_PKEY_CTX_new(pkey, NULL);
    int ok = m && p && EVP_PKEY_CTX_set1_id(p, id, (int)id_len) > 0;
    if (ok) {
        EVP_MD_CTX_set_pkey_ctx(m, p);
        ok = EVP_DigestVerifyInit(m, NULL, EVP_sm3(), NULL, pkey) == 1 &&
             EVP_DigestVerify(m, der, der_len, msg, len) == 1;
    }
    EVP_MD_CTX_free(m);
    EVP_PKEY_CTX_free(p);
    return ok;
}

static int ossl_sign(EVP_PKEY *pkey, const uint8_t *id, size_t id_len, const uint8_t *msg, size_t len, uint8_t *der,
                     size_t *der_len)
{
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    EVP_PKEY_CTX *p = EVP_PKEY_CTX_new(pkey, NULL);
    int ok = m && p && EVP_PKEY_CTX_set1_id(p, id, (int)id_len) > 0;
    if (ok) {
        EVP_MD_CTX_set_pkey_ctx(m, p);
        ok = EVP_DigestSignInit(m, NULL, EVP_sm3(), NULL, pkey) == 1 &&
             EVP_DigestSign(m, der, der_len, msg, len) == 1;
    }
    EVP_MD_CTX_free(m);
    EVP_PKEY_CTX_free(p);
    return ok;
}

static void random_id(uint8_t *id, size_t *len)
{
    /* Mostly the default ID, sometimes any bytes of 1 to 40 bytes. */
    if (test_rand_u32() % 3 == 0) {
        memcpy(id, GMTLS_SM2_DEFAULT_ID, 16);
        *len = 16;
    } else {
        *len = 1 + test_rand_u32() % 40;
        test_rand_bytes(id, *len);
    }
}

static void test_keys(void)
{
    /* OpenSSL generates; gmtls derives the same public key from d. */
    for (int i = 0; i < 50; i++) {
        EVP_PKEY *pk = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");
        BIGNUM *bn = NULL;
        uint8_t d[32], pub[65];
        size_t n = 0;
        CHECK(pk != NULL);
        if (!pk)
            continue;
        CHECK(EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_PRIV_KEY, &bn) == 1);
        CHECK(BN_bn2binpad(bn, d, 32) == 32);
        CHECK(EVP_PKEY_get_octet_string_param(pk, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub, &n) == 1);
        CHECK_EQ(n, 65);
        gmtls_sm2_key key;
        int rc = gmtls_sm2_key_from_bytes(&key, d);
        /* OpenSSL's range is [1, n - 2] too (the last value is excluded for SM2). */
        CHECK_OK(rc);
        if (rc == 0) {
            CHECK_MEM(key.pub.x, pub + 1, 32);
            CHECK_MEM(key.pub.y, pub + 33, 32);
        }
        BN_clear_free(bn);
        EVP_PKEY_free(pk);
    }
}

static void test_signatures(void)
{
    unsigned bad_ossl_verify = 0, bad_gmtls_verify = 0;
    for (int i = 0; i < CASES; i++) {
        gmtls_sm2_key key;
        gmtls_sm2_sign_key sk;
        uint8_t id[40], msg[300], sig[64], der[80];
        size_t id_len, len = test_rand_u32() % sizeof msg, der_len;
        CHECK_OK(gmtls_sm2_keygen(&key));
        gmtls_sm2_sign_key_init(&sk, &key);
        random_id(id, &id_len);
        test_rand_bytes(msg, len);
        EVP_PKEY *priv = ossl_key(&key, 1), *pub = ossl_key(&key, 0);
        CHECK(priv && pub);
        if (!priv || !pub) {
            EVP_PKEY_free(priv);
            EVP_PKEY_free(pub);
            continue;
        }
        /* gmtls signs (one-shot and cached key alternately), OpenSSL verifies. */
        if (i & 1)
            CHECK_OK(gmtls_sm2_sign(&key, id, id_len, msg, len, sig));
        else
            CHECK_OK(gmtls_sm2_sign_key_sign(&sk, id, id_len, msg, len, sig));
        CHECK_OK(gmtls_sm2_sig_to_der(sig, der, &der_len));
        bad_ossl_verify += !ossl_verify(pub, id, id_len, msg, len, der, der_len);
        /* ... and rejects it for another message. */
        msg[0] ^= 1;
        CHECK(len == 0 || !ossl_verify(pub, id, id_len, msg, len, der, der_len));
        msg[0] ^= 1;
        /* OpenSSL signs, gmtls verifies (strict DER decoding included). */
        der_len = sizeof der;
        CHECK(ossl_sign(priv, id, id_len, msg, len, der, &der_len));
        int rc = gmtls_sm2_sig_from_der(der, der_len, sig);
        if (rc == 0)
            rc = gmtls_sm2_verify(&key.pub, id, id_len, msg, len, sig);
        bad_gmtls_verify += rc != 0;
        CHECK_ERR(gmtls_sm2_verify(&key.pub, id, id_len, msg, len + 1, sig), GMTLS_ERR_VERIFY_FAILED);
        EVP_PKEY_free(priv);
        EVP_PKEY_free(pub);
    }
    CHECK_MSG(bad_ossl_verify == 0, "%u gmtls signatures rejected by OpenSSL", bad_ossl_verify);
    CHECK_MSG(bad_gmtls_verify == 0, "%u OpenSSL signatures rejected by gmtls", bad_gmtls_verify);
}

static void test_encryption(void)
{
    unsigned bad_ossl = 0, bad_gmtls = 0;
    for (int i = 0; i < CASES; i++) {
        gmtls_sm2_key key;
        uint8_t msg[400], ct[600], pt[600];
        size_t len = 1 + test_rand_u32() % (i < 200 ? 64 : sizeof msg - 1), ct_len, pt_len;
        if (i % 10 == 0)
            len = 48; /* the TLCP premaster size */
        CHECK_OK(gmtls_sm2_keygen(&key));
        test_rand_bytes(msg, len);
        EVP_PKEY *priv = ossl_key(&key, 1);
        CHECK(priv != NULL);
        if (!priv)
            continue;
        /* gmtls encrypts (DER), OpenSSL decrypts. */
        CHECK_OK(gmtls_sm2_encrypt(&key.pub, msg, len, GMTLS_SM2_DER, ct, sizeof ct, &ct_len));
        EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(priv, NULL);
        pt_len = sizeof pt;
        int ok = c && EVP_PKEY_decrypt_init(c) == 1 && EVP_PKEY_decrypt(c, pt, &pt_len, ct, ct_len) == 1 &&
                 pt_len == len && memcmp(pt, msg, len) == 0;
        bad_ossl += !ok;
        EVP_PKEY_CTX_free(c);
        /* OpenSSL encrypts, gmtls decrypts. */
        c = EVP_PKEY_CTX_new(priv, NULL);
        ct_len = sizeof ct;
        CHECK(c && EVP_PKEY_encrypt_init(c) == 1 && EVP_PKEY_encrypt(c, ct, &ct_len, msg, len) == 1);
        EVP_PKEY_CTX_free(c);
        int rc = gmtls_sm2_decrypt(&key, GMTLS_SM2_DER, ct, ct_len, pt, sizeof pt, &pt_len);
        bad_gmtls += !(rc == 0 && pt_len == len && memcmp(pt, msg, len) == 0);
        /* A flipped C2 byte is refused by gmtls. */
        ct[ct_len - 1] ^= 0x40;
        CHECK_ERR(gmtls_sm2_decrypt(&key, GMTLS_SM2_DER, ct, ct_len, pt, sizeof pt, &pt_len),
                  GMTLS_ERR_DECRYPT_FAILED);
        EVP_PKEY_free(priv);
    }
    CHECK_MSG(bad_ossl == 0, "%u gmtls ciphertexts not decrypted by OpenSSL", bad_ossl);
    CHECK_MSG(bad_gmtls == 0, "%u OpenSSL ciphertexts not decrypted by gmtls", bad_gmtls);
}

int main(void)
{
    test_rand_seed(0x055l);
    test_keys();
    test_signatures();
    test_encryption();
    ERR_clear_error();
    return test_report();
}
