/* X.509 decoding: the GmSSL and Tongsuo interop certificates (fields checked against what the
 * issuing tools put in), chain verification to their roots, the TLCP pair rules, the text dump,
 * and every truncation / extension of a real certificate. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/x509.h"
#include "pki/x509_internal.h"
#include "test.h"

/* A time inside the validity of every interop certificate: one day after the GmSSL root's
 * notBefore (the sets were made minutes apart and are valid for ten years). Set in main. */
static int64_t T_INSIDE;

static gmtls_cert **load(const char *rel, size_t *n)
{
    size_t len;
    uint8_t *data = test_read_file(test_shared_path(rel), &len);
    gmtls_cert **certs = NULL;
    *n = 0;
    if (!data)
        return NULL;
    int e = gmtls_cert_parse_any(&certs, n, data, len);
    CHECK_MSG(e == 0, "%s: %s", rel, gmtls_errname(e));
    free(data);
    return e ? NULL : certs;
}

static gmtls_trust_store *store_with(const char *rel)
{
    gmtls_trust_store *ts = NULL;
    size_t len;
    CHECK_OK(gmtls_trust_store_new(&ts));
    uint8_t *data = test_read_file(test_shared_path(rel), &len);
    if (data && ts)
        CHECK_OK(gmtls_trust_store_add_roots(ts, data, len));
    free(data);
    return ts;
}

struct interop {
    const char *file;
    gmtls_purpose purpose;
    unsigned ku;
    unsigned eku;
    const char *subject;
};

static const struct interop gmssl_certs[] = {
    {"interop/pki/gmssl/root_cert.pem", GMTLS_PURPOSE_CA, GMTLS_KU_KEY_CERT_SIGN | GMTLS_KU_CRL_SIGN,
     GMTLS_EKU_ABSENT, "/C=CN/O=GmSSL Interop/CN=GmSSL Interop Root CA"},
    {"interop/pki/gmssl/server_sign_cert.pem", GMTLS_PURPOSE_TLCP_SIGN, GMTLS_KU_DIGITAL_SIGNATURE,
     GMTLS_EKU_SERVER_AUTH, "/C=CN/O=GmSSL Interop/OU=TLCP Server/CN=localhost"},
    {"interop/pki/gmssl/server_enc_cert.pem", GMTLS_PURPOSE_TLCP_ENC, GMTLS_KU_KEY_ENCIPHERMENT,
     GMTLS_EKU_SERVER_AUTH, "/C=CN/O=GmSSL Interop/OU=TLCP Server/CN=localhost"},
    {"interop/pki/gmssl/client_sign_cert.pem", GMTLS_PURPOSE_TLCP_SIGN, GMTLS_KU_DIGITAL_SIGNATURE,
     GMTLS_EKU_CLIENT_AUTH, "/C=CN/O=GmSSL Interop/OU=TLCP Client/CN=GmSSL Interop Client"},
    {"interop/pki/gmssl/client_enc_cert.pem", GMTLS_PURPOSE_TLCP_ENC, GMTLS_KU_KEY_ENCIPHERMENT,
     GMTLS_EKU_CLIENT_AUTH, "/C=CN/O=GmSSL Interop/OU=TLCP Client/CN=GmSSL Interop Client"},
};

static const struct interop tongsuo_certs[] = {
    {"interop/pki/tongsuo/root_cert.pem", GMTLS_PURPOSE_CA,
     GMTLS_KU_DIGITAL_SIGNATURE | GMTLS_KU_KEY_CERT_SIGN | GMTLS_KU_CRL_SIGN, GMTLS_EKU_ABSENT,
     "/C=CN/O=Tongsuo Interop/CN=Tongsuo Interop Root CA"},
    {"interop/pki/tongsuo/server_sign_cert.pem", GMTLS_PURPOSE_TLCP_SIGN,
     GMTLS_KU_DIGITAL_SIGNATURE | GMTLS_KU_NON_REPUDIATION, GMTLS_EKU_ABSENT,
     "/C=CN/O=Tongsuo Interop/OU=TLCP Server/CN=localhost"},
    {"interop/pki/tongsuo/server_enc_cert.pem", GMTLS_PURPOSE_TLCP_ENC,
     GMTLS_KU_KEY_ENCIPHERMENT | GMTLS_KU_DATA_ENCIPHERMENT | GMTLS_KU_KEY_AGREEMENT, GMTLS_EKU_ABSENT,
     "/C=CN/O=Tongsuo Interop/OU=TLCP Server/CN=localhost"},
    {"interop/pki/tongsuo/client_sign_cert.pem", GMTLS_PURPOSE_TLCP_SIGN,
     GMTLS_KU_DIGITAL_SIGNATURE | GMTLS_KU_NON_REPUDIATION, GMTLS_EKU_ABSENT,
     "/C=CN/O=Tongsuo Interop/OU=TLCP Client/CN=Tongsuo Interop Client"},
    {"interop/pki/tongsuo/client_enc_cert.pem", GMTLS_PURPOSE_TLCP_ENC,
     GMTLS_KU_KEY_ENCIPHERMENT | GMTLS_KU_DATA_ENCIPHERMENT | GMTLS_KU_KEY_AGREEMENT, GMTLS_EKU_ABSENT,
     "/C=CN/O=Tongsuo Interop/OU=TLCP Client/CN=Tongsuo Interop Client"},
};

static void check_set(const struct interop *set, size_t count, const char *root)
{
    gmtls_trust_store *ts = store_with(root);
    if (!ts)
        return;
    CHECK_EQ(gmtls_trust_store_root_count(ts), 1);
    for (size_t i = 0; i < count; i++) {
        size_t n;
        gmtls_cert **certs = load(set[i].file, &n);
        if (!certs)
            continue;
        CHECK_EQ(n, 1);
        const gmtls_cert *c = certs[0];
        char buf[256];
        const uint8_t *p;
        size_t len;
        CHECK_EQ(gmtls_cert_version(c), 3);
        gmtls_cert_subject_der(c, &p, &len);
        CHECK(gmtls_name_to_text(p, len, buf, sizeof(buf)) > 0);
        CHECK_MSG(strcmp(buf, set[i].subject) == 0, "%s: subject %s", set[i].file, buf);
        CHECK_EQ(gmtls_cert_key_usage(c), set[i].ku);
        CHECK_EQ(gmtls_cert_ext_key_usage(c), set[i].eku);
        CHECK(gmtls_cert_pubkey(c) != NULL);
        CHECK_EQ(gmtls_cert_is_ca(c), set[i].purpose == GMTLS_PURPOSE_CA);
        CHECK_OK(gmtls_cert_subject_key_id(c, &p, &len));
        int64_t nb, na;
        gmtls_cert_validity(c, &nb, &na);
        CHECK(nb < T_INSIDE && T_INSIDE < na);

        gmtls_verify_opts o = {set[i].purpose, T_INSIDE, NULL, 0, GMTLS_VERIFY_STRICT_TLCP};
        if (set[i].purpose == GMTLS_PURPOSE_CA)
            o.flags = 0;
        gmtls_verify_result res;
        int e = gmtls_verify_chain(ts, (const gmtls_cert *const *)certs, 1, &o, &res);
        CHECK_MSG(e == 0, "%s: verify %s", set[i].file, gmtls_errname(e));
        CHECK_EQ(res.path_len, set[i].purpose == GMTLS_PURPOSE_CA ? 1 : 2);
        /* The opposite TLCP role is refused with the exact code. */
        if (set[i].purpose == GMTLS_PURPOSE_TLCP_SIGN || set[i].purpose == GMTLS_PURPOSE_TLCP_ENC) {
            o.purpose = set[i].purpose == GMTLS_PURPOSE_TLCP_SIGN ? GMTLS_PURPOSE_TLCP_ENC : GMTLS_PURPOSE_TLCP_SIGN;
            CHECK_ERR(gmtls_verify_chain(ts, (const gmtls_cert *const *)certs, 1, &o, &res),
                      GMTLS_ERR_CERT_KEY_USAGE);
            CHECK_EQ(res.error_depth, 0);
            o.purpose = GMTLS_PURPOSE_CA;
            CHECK_ERR(gmtls_verify_chain(ts, (const gmtls_cert *const *)certs, 1, &o, NULL), GMTLS_ERR_CERT_NOT_CA);
            /* Outside the validity period. */
            o.purpose = set[i].purpose;
            o.time = nb - 1;
            CHECK_ERR(gmtls_verify_chain(ts, (const gmtls_cert *const *)certs, 1, &o, NULL),
                      GMTLS_ERR_CERT_NOT_YET_VALID);
            o.time = na + 1;
            CHECK_ERR(gmtls_verify_chain(ts, (const gmtls_cert *const *)certs, 1, &o, NULL),
                      GMTLS_ERR_CERT_EXPIRED);
        }
        /* The text dump mentions the subject and every extension. */
        char *text = NULL;
        size_t tlen = 0;
        CHECK_OK(gmtls_cert_to_text(c, &text, &tlen));
        if (text) {
            CHECK(strstr(text, set[i].subject) != NULL);
            CHECK(strstr(text, "SM2-with-SM3") != NULL);
            CHECK(strstr(text, "X509v3 Key Usage") != NULL);
            CHECK_EQ(strlen(text), tlen);
            free(text);
        }
        gmtls_cert_free_all(certs, n);
    }
    gmtls_trust_store_free(ts);
}

static void test_pairs(void)
{
    static const char *const pairs[][2] = {
        {"interop/pki/gmssl/server_sign_cert.pem", "interop/pki/gmssl/server_enc_cert.pem"},
        {"interop/pki/gmssl/client_sign_cert.pem", "interop/pki/gmssl/client_enc_cert.pem"},
        {"interop/pki/tongsuo/server_sign_cert.pem", "interop/pki/tongsuo/server_enc_cert.pem"},
        {"interop/pki/tongsuo/client_sign_cert.pem", "interop/pki/tongsuo/client_enc_cert.pem"},
    };
    for (size_t i = 0; i < 4; i++) {
        size_t ns, ne;
        gmtls_cert **s = load(pairs[i][0], &ns), **e = load(pairs[i][1], &ne);
        if (s && e) {
            /* All four real pairs satisfy even the strict (GmSSL) rules. */
            CHECK_OK(gmtls_tlcp_pair_check(s[0], e[0], GMTLS_PAIR_DEFAULT));
            CHECK_OK(gmtls_tlcp_pair_check(s[0], e[0], GMTLS_PAIR_STRICT));
            /* Swapped roles: the precise cause is the key usage. */
            CHECK_ERR(gmtls_tlcp_pair_check(e[0], s[0], GMTLS_PAIR_DEFAULT), GMTLS_ERR_CERT_KEY_USAGE);
            /* One certificate twice is not a pair, and neither is Fabric mode with two certs. */
            CHECK_ERR(gmtls_tlcp_pair_check(s[0], s[0], GMTLS_PAIR_DEFAULT), GMTLS_ERR_CERT_KEY_USAGE);
            CHECK_ERR(gmtls_tlcp_pair_check(s[0], e[0], GMTLS_PAIR_FABRIC), GMTLS_ERR_CERT_PAIR);
            /* Fabric mode with a single-purpose cert lacks keyEncipherment. */
            CHECK_ERR(gmtls_tlcp_pair_check(s[0], s[0], GMTLS_PAIR_FABRIC), GMTLS_ERR_CERT_KEY_USAGE);
        }
        gmtls_cert_free_all(s, ns);
        gmtls_cert_free_all(e, ne);
    }
    /* Pairs across vendors or across roles have different subjects. */
    size_t n1, n2, n3;
    gmtls_cert **a = load("interop/pki/gmssl/server_sign_cert.pem", &n1);
    gmtls_cert **b = load("interop/pki/tongsuo/server_enc_cert.pem", &n2);
    gmtls_cert **c = load("interop/pki/gmssl/client_enc_cert.pem", &n3);
    if (a && b && c) {
        CHECK_ERR(gmtls_tlcp_pair_check(a[0], b[0], GMTLS_PAIR_DEFAULT), GMTLS_ERR_CERT_PAIR);
        CHECK_ERR(gmtls_tlcp_pair_check(a[0], c[0], GMTLS_PAIR_DEFAULT), GMTLS_ERR_CERT_PAIR);
    }
    gmtls_cert_free_all(a, n1);
    gmtls_cert_free_all(b, n2);
    gmtls_cert_free_all(c, n3);
}

static void test_multi_pem_and_host(void)
{
    size_t n;
    gmtls_cert **certs = load("interop/pki/gmssl/server_certs.pem", &n);
    if (!certs)
        return;
    CHECK_EQ(n, 2);
    gmtls_trust_store *ts = store_with("interop/pki/gmssl/root_cert.pem");
    gmtls_verify_opts o = {GMTLS_PURPOSE_TLCP_SIGN, T_INSIDE, "localhost", 0, GMTLS_VERIFY_TLCP_SERVER};
    CHECK_OK(gmtls_verify_chain(ts, (const gmtls_cert *const *)certs, 1, &o, NULL));
    o.hostname = "LOCALHOST.";
    CHECK_OK(gmtls_verify_chain(ts, (const gmtls_cert *const *)certs, 1, &o, NULL));
    o.hostname = "example.com";
    CHECK_ERR(gmtls_verify_chain(ts, (const gmtls_cert *const *)certs, 1, &o, NULL), GMTLS_ERR_CERT_NAME_MISMATCH);
    o.hostname = "127.0.0.1";
    CHECK_ERR(gmtls_verify_chain(ts, (const gmtls_cert *const *)certs, 1, &o, NULL), GMTLS_ERR_CERT_NAME_MISMATCH);
    o.hostname = NULL;
    o.flags = GMTLS_VERIFY_TLCP_CLIENT; /* a server certificate with serverAuth only */
    CHECK_ERR(gmtls_verify_chain(ts, (const gmtls_cert *const *)certs, 1, &o, NULL), GMTLS_ERR_CERT_EXT_KEY_USAGE);
    o.flags = 0;
    o.purpose = GMTLS_PURPOSE_TLS_CLIENT;
    CHECK_ERR(gmtls_verify_chain(ts, (const gmtls_cert *const *)certs, 1, &o, NULL), GMTLS_ERR_CERT_EXT_KEY_USAGE);
    o.purpose = GMTLS_PURPOSE_TLS_SERVER;
    CHECK_OK(gmtls_verify_chain(ts, (const gmtls_cert *const *)certs, 1, &o, NULL));
    const uint8_t *v;
    size_t l;
    int t;
    CHECK_OK(gmtls_cert_san(certs[0], 0, &t, &v, &l));
    CHECK_EQ(t, GMTLS_GN_DNS);
    CHECK(l == 9 && memcmp(v, "localhost", 9) == 0);
    CHECK_ERR(gmtls_cert_san(certs[0], 1, &t, &v, &l), GMTLS_ERR_NOT_FOUND);
    /* The other vendor's root is not an issuer of these. */
    gmtls_trust_store *other = store_with("interop/pki/tongsuo/root_cert.pem");
    gmtls_verify_result res;
    CHECK_ERR(gmtls_verify_chain(other, (const gmtls_cert *const *)certs, 1, NULL, &res), GMTLS_ERR_CERT_UNKNOWN_CA);
    CHECK_EQ(res.error_depth, 0);
    /* Alerts for the common failures. */
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CERT_UNKNOWN_CA), 48);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CERT_EXPIRED), 45);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CERT_REVOKED), 44);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CERT_UNSUPPORTED), 43);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CERT_SIGNATURE), 42);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_DER_TRUNCATED), 50);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CRL_SIGNATURE), 46);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CERT_CRITICAL_EXT), 43);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CERT_KEY_USAGE), 43);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CERT_NAME_MISMATCH), 42);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CERT_CHAIN_TOO_LONG), 42);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CERT_NOT_YET_VALID), 45);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CRL_EXPIRED), 45);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_TIME_FORMAT), 50);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_NO_MEMORY), 46);
    CHECK_EQ(gmtls_cert_error_alert(0), 0);
    gmtls_trust_store_free(other);
    gmtls_trust_store_free(ts);
    gmtls_cert_free_all(certs, n);
}

/* Every truncation and a few extensions of a real certificate fail with a DER code, never crash. */
static void test_truncations(void)
{
    size_t n;
    gmtls_cert **certs = load("interop/pki/gmssl/server_sign_cert.pem", &n);
    if (!certs)
        return;
    const uint8_t *der;
    size_t len;
    gmtls_cert_der(certs[0], &der, &len);
    uint8_t *buf = malloc(len + 2);
    memcpy(buf, der, len);
    int bad = 0;
    for (size_t cut = 0; cut < len; cut++) {
        gmtls_cert *c = NULL;
        int e = gmtls_cert_parse(&c, buf, cut);
        if (e != GMTLS_ERR_DER_TRUNCATED) {
            bad++;
            if (bad < 5)
                test_fail_at(__FILE__, __LINE__, "truncated at %zu: %s", cut, gmtls_errname(e));
        }
        gmtls_cert_free(c);
    }
    CHECK_EQ(bad, 0);
    buf[len] = 0;
    buf[len + 1] = 0;
    gmtls_cert *c = NULL;
    CHECK_ERR(gmtls_cert_parse(&c, buf, len + 2), GMTLS_ERR_DER_TRAILING);
    CHECK_ERR(gmtls_cert_parse(&c, buf, len + 1), GMTLS_ERR_DER_TRAILING);
    CHECK(c == NULL);
    /* Every single-byte change parses or fails cleanly (no crash, no leak: ASan/valgrind runs). */
    size_t ok = 0;
    for (size_t i = 0; i < len; i++) {
        buf[i] ^= 0x01;
        if (gmtls_cert_parse(&c, buf, len) == 0) {
            ok++;
            char *text;
            if (gmtls_cert_to_text(c, &text, NULL) == 0)
                free(text);
            gmtls_cert_free(c);
        }
        buf[i] ^= 0x01;
    }
    CHECK(ok > 0 && ok < len);
    free(buf);
    gmtls_cert_free_all(certs, n);
}

int main(void)
{
    size_t n;
    gmtls_cert **root = load("interop/pki/gmssl/root_cert.pem", &n);
    if (root) {
        int64_t nb;
        gmtls_cert_validity(root[0], &nb, NULL);
        T_INSIDE = nb + 86400;
        gmtls_cert_free_all(root, n);
    }
    check_set(gmssl_certs, sizeof(gmssl_certs) / sizeof(gmssl_certs[0]), "interop/pki/gmssl/root_cert.pem");
    check_set(tongsuo_certs, sizeof(tongsuo_certs) / sizeof(tongsuo_certs[0]), "interop/pki/tongsuo/root_cert.pem");
    test_pairs();
    test_multi_pem_and_host();
    test_truncations();
    return test_report();
}
