/* OpenSSL 3 as the independent oracle for issuing: certificates and requests made by gmtls verify in
 * OpenSSL (SM2 with the distinguishing ID 1234567812345678), OpenSSL decodes the names, serial and
 * extensions as gmtls meant them, and requests made by OpenSSL parse and verify in gmtls. */
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>

#include "gmtls/issue.h"
#include "gmtls/rand.h"
#include "gmtls/sm2.h"
#include "gmtls/util.h"
#include "gmtls/x509.h"
#include "test.h"

#define NOW 1760000000

static const char ID[] = "1234567812345678";

static void set_id_cert(X509 *x)
{
    ASN1_OCTET_STRING *id = ASN1_OCTET_STRING_new();
    if (id && ASN1_OCTET_STRING_set(id, (const unsigned char *)ID, 16))
        X509_set0_distinguishing_id(x, id);
    else
        ASN1_OCTET_STRING_free(id);
}

static X509 *to_x509(const uint8_t *der, size_t len)
{
    const unsigned char *p = der;
    X509 *x = d2i_X509(NULL, &p, (long)len);
    CHECK(x != NULL && p == der + len);
    if (x)
        set_id_cert(x);
    return x;
}

static uint8_t *issue(gmtls_profile prof, const char *subj, const char *san, const gmtls_sm2_key *key,
                      const gmtls_issuer *iss, size_t *len)
{
    uint8_t *s = NULL, *a = NULL, *der = NULL;
    size_t sl = 0, al = 0;
    gmtls_issue_params p;
    CHECK_OK(gmtls_subject_from_text(subj, &s, &sl));
    if (san)
        CHECK_OK(gmtls_san_from_text(san, &a, &al));
    memset(&p, 0, sizeof(p));
    p.profile = prof;
    p.subject = s;
    p.subject_len = sl;
    p.pubkey = &key->pub;
    p.san = a;
    p.san_len = al;
    p.days = prof == GMTLS_PROFILE_CA ? 3650 : 365;
    p.path_len = prof == GMTLS_PROFILE_CA ? 0 : -1;
    p.now = NOW;
    if (iss)
        CHECK_OK(gmtls_cert_issue(&p, iss, &der, len));
    else
        CHECK_OK(gmtls_cert_self_sign(&p, key, &der, len));
    free(s);
    free(a);
    return der;
}

static void test_certs(void)
{
    gmtls_sm2_key ca_key, key;
    size_t ca_len = 0;
    uint8_t *ca_der;
    gmtls_cert *ca = NULL;
    gmtls_issuer iss;

    CHECK_OK(gmtls_sm2_keygen(&ca_key));
    CHECK_OK(gmtls_sm2_keygen(&key));
    ca_der = issue(GMTLS_PROFILE_CA, "/C=CN/O=Org1/CN=ca.org1", NULL, &ca_key, NULL, &ca_len);
    if (!ca_der)
        return;
    CHECK_OK(gmtls_cert_parse(&ca, ca_der, ca_len));
    CHECK_OK(gmtls_issuer_from_cert(&iss, ca, &ca_key));
    X509 *root = to_x509(ca_der, ca_len);
    if (!root)
        goto out;
    EVP_PKEY *ca_pub = X509_get0_pubkey(root);
    CHECK(ca_pub != NULL);
    CHECK_EQ(X509_verify(root, ca_pub), 1);
    CHECK_EQ(X509_check_ca(root), 1);
    CHECK((X509_get_key_usage(root) & (KU_KEY_CERT_SIGN | KU_CRL_SIGN)) == (KU_KEY_CERT_SIGN | KU_CRL_SIGN));
    CHECK_EQ(X509_get_pathlen(root), 0);

    for (int prof = GMTLS_PROFILE_SIGN; prof < GMTLS_PROFILE_COUNT; prof++) {
        size_t len = 0;
        uint8_t *der = issue((gmtls_profile)prof, "/C=CN/O=Org1/CN=peer0.org1.example.com",
                             "DNS:peer0.org1.example.com,IP:127.0.0.1", &key, &iss, &len);
        if (!der)
            continue;
        X509 *x = to_x509(der, len);
        if (x) {
            CHECK_MSG(X509_verify(x, ca_pub) == 1, "OpenSSL rejects the %s certificate", gmtls_profile_name(prof));
            CHECK_EQ(X509_check_ca(x), 0);
            CHECK(X509_get_ext_by_NID(x, NID_basic_constraints, -1) < 0);
            CHECK_EQ(X509_check_host(x, "peer0.org1.example.com", 0, 0, NULL), 1);
            CHECK_EQ(X509_check_ip_asc(x, "127.0.0.1", 0), 1);
            CHECK_EQ(X509_check_issued(root, x), X509_V_OK);
            /* RFC 5280 4.2.1.3 bits as OpenSSL reads them: KU_DIGITAL_SIGNATURE 0x80, ... */
            uint32_t oku = X509_get_key_usage(x), want = 0, gku = gmtls_profile_key_usage((gmtls_profile)prof);
            static const uint32_t map[9] = {KU_DIGITAL_SIGNATURE, KU_NON_REPUDIATION, KU_KEY_ENCIPHERMENT,
                                            KU_DATA_ENCIPHERMENT, KU_KEY_AGREEMENT, KU_KEY_CERT_SIGN,
                                            KU_CRL_SIGN, KU_ENCIPHER_ONLY, KU_DECIPHER_ONLY};
            for (int b = 0; b < 9; b++)
                if (gku & (1u << b))
                    want |= map[b];
            CHECK_EQ(oku, want);
            uint32_t xku = X509_get_extended_key_usage(x);
            unsigned geku = gmtls_profile_ext_key_usage((gmtls_profile)prof);
            CHECK_EQ(!!(xku & XKU_SSL_SERVER), !!(geku & GMTLS_PROFILE_EKU_SERVER));
            CHECK_EQ(!!(xku & XKU_SSL_CLIENT), !!(geku & GMTLS_PROFILE_EKU_CLIENT));
            const ASN1_INTEGER *sn = X509_get0_serialNumber(x);
            CHECK(sn && sn->length == GMTLS_ISSUE_SERIAL_LEN && sn->type == V_ASN1_INTEGER);
            char buf[256];
            X509_NAME_oneline(X509_get_subject_name(x), buf, sizeof(buf));
            CHECK(strcmp(buf, "/C=CN/O=Org1/CN=peer0.org1.example.com") == 0);
            CHECK_EQ(X509_NAME_cmp(X509_get_issuer_name(x), X509_get_subject_name(root)), 0);
            const ASN1_TIME *nb = X509_get0_notBefore(x), *na = X509_get0_notAfter(x);
            int days = 0, secs = 0;
            CHECK(ASN1_TIME_diff(&days, &secs, nb, na) == 1 && days == 365 && secs == 0);
            /* tampering breaks OpenSSL's verification too */
            X509_free(x);
            der[len - 1] ^= 1;
            x = to_x509(der, len);
            if (x)
                CHECK(X509_verify(x, ca_pub) != 1);
            X509_free(x);
        }
        free(der);
    }
    X509_free(root);
out:
    gmtls_cert_free(ca);
    free(ca_der);
    gmtls_wipe(&ca_key, sizeof(ca_key));
    gmtls_wipe(&key, sizeof(key));
}

/* gmtls request -> OpenSSL X509_REQ_verify */
static void test_gmtls_csr(void)
{
    gmtls_sm2_key key;
    uint8_t *s = NULL, *a = NULL, *der = NULL;
    size_t sl = 0, al = 0, dl = 0;
    CHECK_OK(gmtls_sm2_keygen(&key));
    CHECK_OK(gmtls_subject_from_text("/C=CN/O=Org1/OU=a\\/b/CN=peer0.org1.example.com", &s, &sl));
    CHECK_OK(gmtls_san_from_text("DNS:peer0.org1.example.com,IP:::1,email:a@b.c,URI:urn:x", &a, &al));
    CHECK_OK(gmtls_csr_create(&key, s, sl, a, al, &der, &dl));
    if (der) {
        const unsigned char *p = der;
        X509_REQ *r = d2i_X509_REQ(NULL, &p, (long)dl);
        CHECK(r != NULL && p == der + dl);
        if (r) {
            ASN1_OCTET_STRING *id = ASN1_OCTET_STRING_new();
            if (id && ASN1_OCTET_STRING_set(id, (const unsigned char *)ID, 16))
                X509_REQ_set0_distinguishing_id(r, id);
            EVP_PKEY *pk = X509_REQ_get0_pubkey(r);
            CHECK_EQ(X509_REQ_verify(r, pk), 1);
            char buf[256];
            X509_NAME_oneline(X509_REQ_get_subject_name(r), buf, sizeof(buf));
            CHECK_MSG(strcmp(buf, "/C=CN/O=Org1/OU=a\\/b/CN=peer0.org1.example.com") == 0, "subject %s", buf);
            STACK_OF(X509_EXTENSION) *exts = X509_REQ_get_extensions(r);
            CHECK(exts != NULL && sk_X509_EXTENSION_num(exts) == 1);
            if (exts) {
                GENERAL_NAMES *gns = X509V3_get_d2i(exts, NID_subject_alt_name, NULL, NULL);
                CHECK(gns != NULL && sk_GENERAL_NAME_num(gns) == 4);
                GENERAL_NAMES_free(gns);
                sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
            }
            X509_REQ_free(r);
        }
    }
    free(s);
    free(a);
    free(der);
    gmtls_wipe(&key, sizeof(key));
}

/* OpenSSL request (SM2 key, SM3, distid) -> gmtls parse + verify */
static void test_openssl_csr(void)
{
    EVP_PKEY *pk = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");
    X509_REQ *r = X509_REQ_new();
    X509_NAME *n = X509_NAME_new();
    EVP_MD_CTX *mctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    unsigned char *der = NULL;
    CHECK(pk && r && n && mctx);
    if (!pk || !r || !n || !mctx)
        goto out;
    X509_NAME_add_entry_by_txt(n, "C", MBSTRING_ASC, (const unsigned char *)"CN", -1, -1, 0);
    X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8, (const unsigned char *)"openssl.example.com", -1, -1, 0);
    X509_REQ_set_subject_name(r, n);
    X509_REQ_set_pubkey(r, pk);
    STACK_OF(X509_EXTENSION) *exts = sk_X509_EXTENSION_new_null();
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, NULL, NID_subject_alt_name, "DNS:openssl.example.com,IP:10.1.2.3");
    sk_X509_EXTENSION_push(exts, ext);
    X509_REQ_add_extensions(r, exts);
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    CHECK_EQ(EVP_DigestSignInit_ex(mctx, &pctx, "SM3", NULL, NULL, pk, NULL), 1);
    CHECK_EQ(EVP_PKEY_CTX_set1_id(pctx, ID, 16), 1);
    CHECK(X509_REQ_sign_ctx(r, mctx) > 0);
    int dl = i2d_X509_REQ(r, &der);
    CHECK(dl > 0);
    if (dl > 0) {
        gmtls_csr *csr = NULL;
        CHECK_OK(gmtls_csr_parse(&csr, der, (size_t)dl));
        if (csr) {
            CHECK_OK(gmtls_csr_verify(csr));
            const uint8_t *san;
            size_t san_len;
            gmtls_general_name gn;
            char buf[64];
            CHECK_OK(gmtls_csr_san(csr, &san, &san_len));
            CHECK_OK(gmtls_san_get(san, san_len, 1, &gn));
            CHECK_OK(gmtls_general_name_to_text(&gn, buf, sizeof(buf)));
            CHECK(strcmp(buf, "IP:10.1.2.3") == 0);
            const uint8_t *sd;
            size_t sdl;
            gmtls_csr_subject_der(csr, &sd, &sdl);
            CHECK(gmtls_name_to_text(sd, sdl, buf, sizeof(buf)) > 0 && strcmp(buf, "/C=CN/CN=openssl.example.com") == 0);
        }
        gmtls_csr_free(csr);
    }
out:
    OPENSSL_free(der);
    EVP_MD_CTX_free(mctx);
    X509_NAME_free(n);
    X509_REQ_free(r);
    EVP_PKEY_free(pk);
}

int main(void)
{
    gmtls_drbg_test d;
    gmtls_drbg_test_init(&d, "issue-openssl", 13);
    gmtls_rand_set_source(gmtls_drbg_test_fill, &d);
    test_certs();
    test_gmtls_csr();
    gmtls_rand_set_source(NULL, NULL);
    test_openssl_csr();
    return test_report();
}
