/* Key files exchanged with OpenSSL 3 libcrypto: keys OpenSSL generates and writes (PKCS#8, SEC1
 * "type-specific", encrypted PKCS#8 with PBKDF2-HMAC-SHA256 and SM4-CBC or AES-128/192/256-CBC,
 * OpenSSL's default) are read by gmtls (DES-EDE3-CBC is named as unsupported); keys
 * gmtls writes are read by OpenSSL with the same public key; gmtls's encrypted PKCS#8
 * (PBKDF2-HMAC-SM3 + SM4-CBC, which OpenSSL 3.0's PEM reader does not know) is taken apart with
 * OpenSSL's ASN.1 decoders and decrypted with its PBKDF2/SM3/SM4 to check every field. */
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

#include "gmtls/pkey.h"
#include "gmtls/rand.h"
#include "gmtls/util.h"
#include "pki/key_internal.h"
#include "pki/oid.h"
#include "test.h"

static int ossl_pub(EVP_PKEY *pk, uint8_t out[65])
{
    size_t n = 0;
    if (EVP_PKEY_get_octet_string_param(pk, OSSL_PKEY_PARAM_PUB_KEY, out, 65, &n) != 1 || n != 65)
        return -1;
    return 0;
}

static char *bio_text(BIO *b, size_t *len)
{
    char *p;
    long n = BIO_get_mem_data(b, &p);
    char *copy = malloc((size_t)n + 1);
    memcpy(copy, p, (size_t)n);
    copy[n] = 0;
    *len = (size_t)n;
    return copy;
}

static void check_same(const gmtls_sm2_key *key, EVP_PKEY *pk)
{
    uint8_t a[65], b[65];
    size_t al;
    gmtls_sm2_pubkey_to_octets(&key->pub, 0, a, &al);
    CHECK_OK(ossl_pub(pk, b));
    CHECK_MEM(a, b, 65);
    BIGNUM *priv = NULL;
    uint8_t d[32], od[32];
    CHECK(EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_PRIV_KEY, &priv) == 1);
    CHECK(BN_bn2binpad(priv, od, 32) == 32);
    gmtls_sm2_key_to_bytes(key, d);
    CHECK_MEM(d, od, 32);
    BN_clear_free(priv);
}

static void openssl_to_gmtls(void)
{
    for (int i = 0; i < 5; i++) {
        EVP_PKEY *pk = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");
        CHECK(pk != NULL);
        if (!pk)
            return;
        gmtls_sm2_key key;
        gmtls_keyfmt fmt;
        size_t len;
        /* PKCS#8 PEM */
        BIO *b = BIO_new(BIO_s_mem());
        CHECK(PEM_write_bio_PrivateKey(b, pk, NULL, NULL, 0, NULL, NULL) == 1);
        char *text = bio_text(b, &len);
        CHECK_OK(gmtls_key_parse_ex(&key, (uint8_t *)text, len, NULL, &fmt, NULL, 0));
        CHECK_EQ(fmt, GMTLS_KEYFMT_PKCS8);
        check_same(&key, pk);
        free(text);
        BIO_free(b);
        /* PKCS#8 DER */
        unsigned char *der = NULL;
        int dl = i2d_PrivateKey(pk, &der);
        CHECK(dl > 0);
        CHECK_OK(gmtls_key_parse(&key, der, (size_t)dl, NULL));
        OPENSSL_free(der);
        /* SEC1 ("type-specific" encoder, as "openssl ec" writes) */
        b = BIO_new(BIO_s_mem());
        OSSL_ENCODER_CTX *ec = OSSL_ENCODER_CTX_new_for_pkey(pk, EVP_PKEY_KEYPAIR, "PEM", "type-specific", NULL);
        CHECK(ec != NULL && OSSL_ENCODER_to_bio(ec, b) == 1);
        OSSL_ENCODER_CTX_free(ec);
        text = bio_text(b, &len);
        CHECK(strstr(text, "PRIVATE KEY-----") != NULL);
        CHECK_OK(gmtls_key_parse_ex(&key, (uint8_t *)text, len, NULL, &fmt, NULL, 0));
        CHECK_EQ(fmt, GMTLS_KEYFMT_SEC1);
        check_same(&key, pk);
        free(text);
        BIO_free(b);
        /* Encrypted PKCS#8: SM4-CBC with OpenSSL's default PRF (hmacWithSHA256) */
        b = BIO_new(BIO_s_mem());
        CHECK(PEM_write_bio_PKCS8PrivateKey(b, pk, EVP_sm4_cbc(), NULL, 0, NULL, (void *)"ossl pw") == 1);
        text = bio_text(b, &len);
        CHECK_OK(gmtls_key_parse_ex(&key, (uint8_t *)text, len, "ossl pw", &fmt, NULL, 0));
        CHECK_EQ(fmt, GMTLS_KEYFMT_PKCS8_ENCRYPTED);
        check_same(&key, pk);
        CHECK_ERR(gmtls_key_parse(&key, (uint8_t *)text, len, "wrong"), GMTLS_ERR_BAD_PASSWORD);
        free(text);
        BIO_free(b);
        /* AES-CBC (AES-256-CBC is OpenSSL's default cipher), PEM and DER */
        {
            const EVP_CIPHER *aes[] = {EVP_aes_256_cbc(), EVP_aes_128_cbc(), EVP_aes_192_cbc()};
            const EVP_CIPHER *c = aes[i % 3];
            b = BIO_new(BIO_s_mem());
            CHECK(PEM_write_bio_PKCS8PrivateKey(b, pk, c, NULL, 0, NULL, (void *)"aes pw") == 1);
            text = bio_text(b, &len);
            CHECK_OK(gmtls_key_parse_ex(&key, (uint8_t *)text, len, "aes pw", &fmt, NULL, 0));
            CHECK_EQ(fmt, GMTLS_KEYFMT_PKCS8_ENCRYPTED);
            check_same(&key, pk);
            CHECK_ERR(gmtls_key_parse(&key, (uint8_t *)text, len, "aes pW"), GMTLS_ERR_BAD_PASSWORD);
            CHECK_ERR(gmtls_key_parse(&key, (uint8_t *)text, len, ""), GMTLS_ERR_BAD_PASSWORD);
            free(text);
            BIO_free(b);
            b = BIO_new(BIO_s_mem());
            CHECK(i2d_PKCS8PrivateKey_bio(b, pk, c, NULL, 0, NULL, (void *)"aes pw") == 1);
            text = bio_text(b, &len);
            CHECK_OK(gmtls_key_parse(&key, (uint8_t *)text, len, "aes pw"));
            check_same(&key, pk);
            free(text);
            BIO_free(b);
        }
        /* DES-EDE3-CBC is named as unsupported */
        if (i == 0) {
            char what[128];
            b = BIO_new(BIO_s_mem());
            CHECK(PEM_write_bio_PKCS8PrivateKey(b, pk, EVP_des_ede3_cbc(), NULL, 0, NULL, (void *)"pw") == 1);
            text = bio_text(b, &len);
            CHECK_ERR(gmtls_key_parse_ex(&key, (uint8_t *)text, len, "pw", &fmt, what, sizeof(what)),
                      GMTLS_ERR_UNKNOWN_ALGORITHM);
            CHECK_MSG(strcmp(what, "1.2.840.113549.3.7") == 0, "what = %s", what);
            free(text);
            BIO_free(b);
        }
        /* public key */
        unsigned char *spki = NULL;
        int sl = i2d_PUBKEY(pk, &spki);
        gmtls_sm2_pubkey pub;
        CHECK_OK(gmtls_pubkey_parse(&pub, spki, (size_t)sl));
        uint8_t mine[65], theirs[65];
        size_t ml;
        gmtls_sm2_pubkey_to_octets(&pub, 0, mine, &ml);
        CHECK_OK(ossl_pub(pk, theirs));
        CHECK_MEM(mine, theirs, 65);
        OPENSSL_free(spki);
        EVP_PKEY_free(pk);
    }
}

/* Decrypt gmtls's EncryptedPrivateKeyInfo with OpenSSL's pieces only. */
static EVP_PKEY *ossl_decrypt(const uint8_t *der, size_t len, const char *pw, long *iter_out)
{
    const unsigned char *p = der;
    X509_SIG *sig = d2i_X509_SIG(NULL, &p, (long)len);
    EVP_PKEY *pk = NULL;
    if (!sig)
        return NULL;
    const X509_ALGOR *alg;
    const ASN1_OCTET_STRING *ct;
    X509_SIG_get0(sig, &alg, &ct);
    const ASN1_OBJECT *aobj;
    const void *pval;
    int ptype;
    X509_ALGOR_get0(&aobj, &ptype, &pval, alg);
    PBE2PARAM *pbe2 = NULL;
    PBKDF2PARAM *kdf = NULL;
    if (OBJ_obj2nid(aobj) != NID_pbes2 || ptype != V_ASN1_SEQUENCE)
        goto out;
    pbe2 = ASN1_item_unpack((const ASN1_STRING *)pval, ASN1_ITEM_rptr(PBE2PARAM));
    if (!pbe2 || OBJ_obj2nid(pbe2->keyfunc->algorithm) != NID_id_pbkdf2)
        goto out;
    kdf = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBKDF2PARAM), pbe2->keyfunc->parameter);
    if (!kdf || kdf->salt->type != V_ASN1_OCTET_STRING || !kdf->prf)
        goto out;
    char txt[64];
    OBJ_obj2txt(txt, sizeof(txt), kdf->prf->algorithm, 1);
    if (strcmp(txt, "1.2.156.10197.1.401.2") != 0)
        goto out;
    OBJ_obj2txt(txt, sizeof(txt), pbe2->encryption->algorithm, 1);
    if (strcmp(txt, "1.2.156.10197.1.104.2") != 0 || pbe2->encryption->parameter->type != V_ASN1_OCTET_STRING)
        goto out;
    const ASN1_OCTET_STRING *salt = kdf->salt->value.octet_string;
    const ASN1_OCTET_STRING *iv = pbe2->encryption->parameter->value.octet_string;
    long iter = ASN1_INTEGER_get(kdf->iter);
    *iter_out = iter;
    if (salt->length != 16 || iv->length != 16 || (kdf->keylength && ASN1_INTEGER_get(kdf->keylength) != 16))
        goto out;
    unsigned char key[16], plain[512];
    if (PKCS5_PBKDF2_HMAC(pw, (int)strlen(pw), salt->data, salt->length, (int)iter, EVP_sm3(), 16, key) != 1)
        goto out;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int l1 = 0, l2 = 0;
    if (ct->length > (int)sizeof(plain) || EVP_DecryptInit_ex(c, EVP_sm4_cbc(), NULL, key, iv->data) != 1 ||
        EVP_DecryptUpdate(c, plain, &l1, ct->data, ct->length) != 1 || EVP_DecryptFinal_ex(c, plain + l1, &l2) != 1) {
        EVP_CIPHER_CTX_free(c);
        goto out;
    }
    EVP_CIPHER_CTX_free(c);
    const unsigned char *pp = plain;
    PKCS8_PRIV_KEY_INFO *p8 = d2i_PKCS8_PRIV_KEY_INFO(NULL, &pp, l1 + l2);
    if (p8 && pp == plain + l1 + l2)
        pk = EVP_PKCS82PKEY(p8);
    PKCS8_PRIV_KEY_INFO_free(p8);
    OPENSSL_cleanse(plain, sizeof(plain));
out:
    PBKDF2PARAM_free(kdf);
    PBE2PARAM_free(pbe2);
    X509_SIG_free(sig);
    return pk;
}

static void gmtls_to_openssl(void)
{
    for (int i = 0; i < 4; i++) {
        gmtls_sm2_key key;
        CHECK_OK(gmtls_sm2_keygen(&key));
        /* PKCS#8 and SEC1 PEM */
        for (int f = 0; f < 2; f++) {
            char *pem;
            size_t pl;
            CHECK_OK(gmtls_key_to_pem(&key, f == 0 ? GMTLS_KEYFMT_PKCS8 : GMTLS_KEYFMT_SEC1, NULL, &pem, &pl));
            BIO *b = BIO_new_mem_buf(pem, (int)pl);
            EVP_PKEY *pk = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
            CHECK_MSG(pk != NULL, "OpenSSL cannot read gmtls %s", f == 0 ? "PKCS#8" : "SEC1");
            if (pk) {
                check_same(&key, pk);
                CHECK(EVP_PKEY_is_a(pk, "SM2") || EVP_PKEY_is_a(pk, "EC"));
                EVP_PKEY_free(pk);
            }
            BIO_free(b);
            gmtls_free_secret(pem, pl);
        }
        /* encrypted with PBKDF2-HMAC-SHA256: OpenSSL's own reader decrypts it */
        {
            char *pem;
            size_t pl;
            CHECK_OK(gmtls_key_to_pem_ex(&key, GMTLS_KEYFMT_PKCS8_ENCRYPTED, "gmtls pw", GMTLS_PBKDF2_HMAC_SHA256,
                                         12345, &pem, &pl));
            BIO *b = BIO_new_mem_buf(pem, (int)pl);
            EVP_PKEY *pk = PEM_read_bio_PrivateKey(b, NULL, NULL, (void *)"gmtls pw");
            CHECK_MSG(pk != NULL, "OpenSSL cannot decrypt gmtls's PBKDF2-HMAC-SHA256 key");
            if (pk) {
                check_same(&key, pk);
                EVP_PKEY_free(pk);
            }
            BIO_free(b);
            gmtls_free_secret(pem, pl);
        }
        /* AES-CBC written by gmtls (PBKDF2-HMAC-SHA256): OpenSSL's own reader decrypts it */
        {
            static const int ciphers[] = {GMTLS_OID_AES128_CBC, GMTLS_OID_AES192_CBC, GMTLS_OID_AES256_CBC};
            gmtls_writer w;
            uint8_t p8[256], *enc;
            size_t p8l, el;
            gmtls_writer_init(&w, p8, sizeof(p8));
            CHECK_OK(gmtls_key_encode_pkcs8(&w, &key));
            CHECK_OK(gmtls_writer_finish(&w, &p8l));
            CHECK_OK(gmtls_pbes2_encrypt_cipher(p8, p8l, "aes pw", GMTLS_PBKDF2_HMAC_SHA256, 1000, ciphers[i % 3], &enc,
                                                &el));
            BIO *b = BIO_new_mem_buf(enc, (int)el);
            EVP_PKEY *pk = d2i_PKCS8PrivateKey_bio(b, NULL, NULL, (void *)"aes pw");
            CHECK_MSG(pk != NULL, "OpenSSL cannot decrypt gmtls's AES-CBC key");
            if (pk) {
                check_same(&key, pk);
                EVP_PKEY_free(pk);
            }
            BIO_free(b);
            gmtls_sm2_key back;
            CHECK_OK(gmtls_key_parse(&back, enc, el, "aes pw"));
            uint8_t d1[32], d2[32];
            gmtls_sm2_key_to_bytes(&back, d1);
            gmtls_sm2_key_to_bytes(&key, d2);
            CHECK_MEM(d1, d2, 32);
            CHECK_ERR(gmtls_key_parse(&back, enc, el, "aes"), GMTLS_ERR_BAD_PASSWORD);
            gmtls_free_secret(enc, el);
            gmtls_wipe(p8, sizeof(p8));
            CHECK_ERR(gmtls_pbes2_encrypt_cipher(p8, p8l, "aes pw", GMTLS_PBKDF2_HMAC_SHA256, 1000, GMTLS_OID_SM4,
                                                 &enc, &el),
                      GMTLS_ERR_INVALID_ARG);
        }
        /* encrypted, default iteration count */
        uint8_t *der;
        size_t dl;
        long iter = 0;
        CHECK_OK(gmtls_key_to_der(&key, GMTLS_KEYFMT_PKCS8_ENCRYPTED, "gmtls pw", &der, &dl));
        EVP_PKEY *pk = ossl_decrypt(der, dl, "gmtls pw", &iter);
        CHECK_MSG(pk != NULL, "OpenSSL pieces cannot decrypt gmtls's encrypted key");
        CHECK(iter >= 10000);
        if (pk) {
            check_same(&key, pk);
            EVP_PKEY_free(pk);
        }
        gmtls_free_secret(der, dl);
        /* public key */
        uint8_t *spki;
        size_t sl;
        CHECK_OK(gmtls_pubkey_to_der(&key.pub, &spki, &sl));
        const unsigned char *p = spki;
        EVP_PKEY *pub = d2i_PUBKEY(NULL, &p, (long)sl);
        CHECK(pub != NULL && p == spki + sl);
        if (pub) {
            uint8_t a[65], b65[65];
            size_t al;
            gmtls_sm2_pubkey_to_octets(&key.pub, 0, a, &al);
            CHECK_OK(ossl_pub(pub, b65));
            CHECK_MEM(a, b65, 65);
            EVP_PKEY_free(pub);
        }
        free(spki);
    }
}

int main(void)
{
    openssl_to_gmtls();
    gmtls_to_openssl();
    return test_report();
}
