/* Subject text, subjectAltName text and PKCS#10 requests (RFC 2986): encodings, round trips through
 * the parser and gmtls_name_to_text, exact errors for bad input, tampered and truncated requests.
 * Requests made by OpenSSL are checked in tests/tools/test_cli_req.sh. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/issue.h"
#include "gmtls/pem.h"
#include "gmtls/rand.h"
#include "gmtls/sm2.h"
#include "gmtls/x509.h"
#include "pki/oid.h"
#include "test.h"

static gmtls_drbg_test drbg;

static void subject_roundtrip(const char *text, const char *want_text)
{
    uint8_t *der = NULL;
    size_t len = 0;
    char buf[512];
    CHECK_OK(gmtls_subject_from_text(text, &der, &len));
    if (!der)
        return;
    int n = gmtls_name_to_text(der, len, buf, sizeof(buf));
    CHECK(n > 0);
    CHECK_MSG(n > 0 && strcmp(buf, want_text) == 0, "subject %s -> %s", text, n > 0 ? buf : "(error)");
    free(der);
}

static void test_subject(void)
{
    uint8_t *der = NULL, want[64];
    size_t len = 0, wl;

    subject_roundtrip("/C=CN/O=Org1/CN=peer0.org1.example.com", "/C=CN/O=Org1/CN=peer0.org1.example.com");
    subject_roundtrip("/C=CN/ST=Beijing/L=Haidian/O=Org1/OU=peer/CN=x", "/C=CN/ST=Beijing/L=Haidian/O=Org1/OU=peer/CN=x");
    subject_roundtrip("/O=a\\/b/CN=x\\\\y", "/O=a\\/b/CN=x\\\\y");
    subject_roundtrip("/cn=lower", "/CN=lower");
    subject_roundtrip("/CN=\xe4\xb8\xad\xe6\x96\x87", "/CN=\xe4\xb8\xad\xe6\x96\x87"); /* UTF-8 */

    /* String types (RFC 5280 Appendix A): C PrintableString, CN UTF8String, emailAddress IA5String */
    CHECK_OK(gmtls_subject_from_text("/C=CN/CN=a/emailAddress=x@y", &der, &len));
    {
        static const char *parts[] = {"310b300906035504061302434e", "310a30080603550403" "0c0161",
                                      "3112301006092a864886f70d010901" "1603784079"};
        uint8_t body[64];
        size_t bl = 0;
        for (size_t i = 0; i < 3; i++)
            bl += test_unhex(parts[i], body + bl, sizeof(body) - bl);
        want[0] = 0x30;
        want[1] = (uint8_t)bl;
        memcpy(want + 2, body, bl);
        wl = bl + 2;
    }
    CHECK_EQ(len, wl);
    if (der && len == wl)
        CHECK_MEM(der, want, wl);
    free(der);

    static const char *bad[] = {"",          "C=CN",         "/",          "/C=CHN",      "/C=C1",
                                "/XX=1",     "/CN=",         "/CN",        "/CN=a\\",     "//CN=a",
                                "/CN=a/",    "/CN=\x01",     "/CN=\xff",   "/=x",         "/C=C\xc3\xa9",
                                "/CN=\xc0\xaf", "/CN=\xed\xa0\x80", "/emailAddress=\xe4\xb8\xad", "/serialNumber=a@b",
                                "/CN=a\x7f"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        der = (uint8_t *)1;
        CHECK_ERR(gmtls_subject_from_text(bad[i], &der, &len), GMTLS_ERR_INVALID_ARG);
        CHECK(der == NULL);
    }
    /* value length limit: 256 bytes fit, 257 do not */
    char big[300];
    strcpy(big, "/CN=");
    memset(big + 4, 'a', 256);
    big[260] = 0;
    CHECK_OK(gmtls_subject_from_text(big, &der, &len));
    free(der);
    big[260] = 'a';
    big[261] = 0;
    CHECK_ERR(gmtls_subject_from_text(big, &der, &len), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_subject_from_text(NULL, &der, &len), GMTLS_ERR_INVALID_ARG);
}

static void test_san(void)
{
    uint8_t *der = NULL;
    size_t len = 0;
    gmtls_general_name gn;
    char buf[128];
    static const char *want[] = {"DNS:peer0.org1.example.com", "DNS:*.example.com", "IP:127.0.0.1", "IP:::1",
                                 "email:x@y.example", "URI:https://x.example/p"};

    CHECK_OK(gmtls_san_from_text("DNS:peer0.org1.example.com, dns:*.example.com,IP:127.0.0.1,IP:::1,"
                                 "email:x@y.example,URI:https://x.example/p",
                                 &der, &len));
    size_t i = 0;
    while (der && gmtls_san_get(der, len, i, &gn) == 0) {
        CHECK(i < 6);
        if (i >= 6)
            break;
        CHECK_OK(gmtls_general_name_to_text(&gn, buf, sizeof(buf)));
        CHECK_MSG(strcmp(buf, want[i]) == 0, "san %zu: %s", i, buf);
        i++;
    }
    CHECK_EQ(i, 6);
    if (der) {
        CHECK_ERR(gmtls_san_get(der, len, 6, &gn), GMTLS_ERR_NOT_FOUND);
        CHECK_OK(gmtls_san_get(der, len, 2, &gn));
        CHECK_EQ(gn.type, GMTLS_SAN_IP);
        CHECK_EQ(gn.len, 4);
        CHECK_OK(gmtls_san_get(der, len, 3, &gn));
        CHECK_EQ(gn.len, 16);
        CHECK_OK(gmtls_san_get(der, len, 0, &gn));
        CHECK_ERR(gmtls_general_name_to_text(&gn, buf, 5), GMTLS_ERR_BUFFER_TOO_SMALL);
        CHECK_ERR(gmtls_san_get(der, len - 1, 0, &gn), GMTLS_ERR_DER_TRUNCATED);
    }
    free(der);

    static const char *bad[] = {"",          "DNS:",      "FOO:x",       "IP:1.2.3",   "DNS:a..b",
                                "email:xy",  "URI:noscheme", "DNS:a,",   ",DNS:a",     "DNS:a b",
                                "email:@y",  "email:x@",  "IP:",         "DNS:.a",     "DNS:a.",
                                "DNS:*",     "URI:h:",    "IP:1.2.3.4.5", "DNS"};
    for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        CHECK_MSG(gmtls_san_from_text(bad[k], &der, &len) == GMTLS_ERR_INVALID_ARG, "bad san '%s' accepted", bad[k]);
    }
}

/* Offset of the last occurrence of needle in hay, or -1. */
static long find_last(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m)
{
    for (size_t i = n >= m ? n - m + 1 : 0; i-- > 0;)
        if (memcmp(hay + i, needle, m) == 0)
            return (long)i;
    return -1;
}

static void test_csr(void)
{
    gmtls_sm2_key key;
    uint8_t *subj = NULL, *san = NULL, *der = NULL;
    size_t subj_len = 0, san_len = 0, der_len = 0;
    gmtls_csr *csr = NULL;
    const uint8_t *p, *oid, *val;
    size_t n, oid_len, val_len;
    int crit = -1;

    CHECK_OK(gmtls_sm2_keygen(&key));
    CHECK_OK(gmtls_subject_from_text("/C=CN/O=Org1/CN=peer0.org1.example.com", &subj, &subj_len));
    CHECK_OK(gmtls_san_from_text("DNS:peer0.org1.example.com,DNS:peer0,DNS:localhost,IP:127.0.0.1", &san, &san_len));
    CHECK_OK(gmtls_csr_create(&key, subj, subj_len, san, san_len, &der, &der_len));
    if (!der)
        goto out;
    CHECK_OK(gmtls_csr_parse(&csr, der, der_len));
    if (!csr)
        goto out;
    CHECK_OK(gmtls_csr_verify(csr));
    CHECK_ERR(gmtls_csr_verify_id(csr, (const uint8_t *)"other", 5), GMTLS_ERR_VERIFY_FAILED);
    gmtls_csr_subject_der(csr, &p, &n);
    CHECK_EQ(n, subj_len);
    CHECK_MEM(p, subj, subj_len);
    CHECK(gmtls_sm2_pubkey_equal(gmtls_csr_pubkey(csr), &key.pub));
    CHECK_OK(gmtls_csr_san(csr, &p, &n));
    CHECK_EQ(n, san_len);
    CHECK_MEM(p, san, san_len);
    CHECK_EQ(gmtls_csr_ext_count(csr), 1);
    CHECK_OK(gmtls_csr_ext(csr, 0, &oid, &oid_len, &crit, &val, &val_len));
    CHECK(gmtls_oid_is(oid, oid_len, GMTLS_OID_CE_SUBJECT_ALT_NAME));
    CHECK_EQ(crit, 0);
    CHECK_ERR(gmtls_csr_ext(csr, 1, NULL, NULL, NULL, NULL, NULL), GMTLS_ERR_NOT_FOUND);
    gmtls_csr_der(csr, &p, &n);
    CHECK_EQ(n, der_len);
    gmtls_csr_free(csr);
    csr = NULL;

    /* PEM, with text around it, and the legacy label */
    char *pem = NULL;
    size_t pem_len = 0;
    CHECK_OK(gmtls_pem_encode("CERTIFICATE REQUEST", der, der_len, &pem, &pem_len));
    if (pem) {
        CHECK_OK(gmtls_csr_parse(&csr, (const uint8_t *)pem, pem_len));
        CHECK(csr && gmtls_csr_verify(csr) == 0);
        gmtls_csr_free(csr);
        csr = NULL;
        free(pem);
    }
    CHECK_OK(gmtls_pem_encode("NEW CERTIFICATE REQUEST", der, der_len, &pem, &pem_len));
    if (pem) {
        CHECK_OK(gmtls_csr_parse(&csr, (const uint8_t *)pem, pem_len));
        gmtls_csr_free(csr);
        csr = NULL;
        free(pem);
    }
    CHECK_ERR(gmtls_csr_parse(&csr, (const uint8_t *)"hello", 5), GMTLS_ERR_NOT_FOUND);

    /* Tampered signature (last byte of s) and tampered content: parse fine, verify fails exactly. */
    uint8_t *t = malloc(der_len + 1);
    if (!t)
        goto out;
    memcpy(t, der, der_len);
    t[der_len - 1] ^= 0x01;
    CHECK_OK(gmtls_csr_parse(&csr, t, der_len));
    if (csr)
        CHECK_ERR(gmtls_csr_verify(csr), GMTLS_ERR_VERIFY_FAILED);
    gmtls_csr_free(csr);
    csr = NULL;
    memcpy(t, der, der_len);
    long cn = find_last(t, der_len, (const uint8_t *)"peer0.org1", 10);
    CHECK(cn > 0);
    if (cn > 0) {
        t[cn] = 'P';
        CHECK_OK(gmtls_csr_parse(&csr, t, der_len));
        if (csr)
            CHECK_ERR(gmtls_csr_verify(csr), GMTLS_ERR_VERIFY_FAILED);
        gmtls_csr_free(csr);
        csr = NULL;
    }

    /* Outer signature algorithm changed: not SM2-with-SM3 */
    static const uint8_t sm2sm3[] = {0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75};
    memcpy(t, der, der_len);
    long a = find_last(t, der_len, sm2sm3, sizeof(sm2sm3));
    CHECK(a > 0);
    if (a > 0) {
        t[a + 9] = 0x76;
        CHECK_ERR(gmtls_csr_parse(&csr, t, der_len), GMTLS_ERR_UNKNOWN_ALGORITHM);
    }
    /* version 1 instead of 0: the first INTEGER 0 in the request */
    static const uint8_t v0[] = {0x02, 0x01, 0x00, 0x30};
    memcpy(t, der, der_len);
    for (size_t i = 0; i + 4 <= der_len; i++)
        if (memcmp(t + i, v0, 4) == 0) {
            t[i + 2] = 1;
            break;
        }
    CHECK_ERR(gmtls_csr_parse(&csr, t, der_len), GMTLS_ERR_DER_VALUE);

    /* Trailing byte */
    memcpy(t, der, der_len);
    t[der_len] = 0;
    CHECK_ERR(gmtls_csr_parse(&csr, t, der_len + 1), GMTLS_ERR_DER_TRAILING);

    /* Every truncation is a DER truncation error, never a crash. */
    size_t trunc_ok = 0;
    for (size_t l = 0; l < der_len; l++) {
        uint8_t *cp = malloc(l ? l : 1); /* exact-size copy so ASan sees any over-read */
        if (!cp)
            break;
        memcpy(cp, der, l);
        int e = gmtls_csr_parse(&csr, cp, l);
        if (e == GMTLS_ERR_DER_TRUNCATED && csr == NULL)
            trunc_ok++;
        else
            test_fail_at(__FILE__, __LINE__, "truncated to %zu: %s", l, gmtls_errname(e));
        free(cp);
    }
    CHECK_EQ(trunc_ok, der_len);

    /* Every single-byte change: an error or a request (whose verify then fails), never a crash. */
    for (size_t i = 0; i < der_len; i++) {
        memcpy(t, der, der_len);
        t[i] ^= (uint8_t)(1u << (i % 8));
        int e = gmtls_csr_parse(&csr, t, der_len);
        if (e == 0) {
            int v = gmtls_csr_verify(csr);
            CHECK_MSG(v == GMTLS_ERR_VERIFY_FAILED || v == GMTLS_ERR_BAD_SIGNATURE, "flip at %zu verified", i);
            gmtls_csr_free(csr);
            csr = NULL;
        } else {
            CHECK(e < 0 && csr == NULL);
        }
    }
    free(t);
    free(der);
    der = NULL;

    /* Without SAN: an empty attribute set */
    CHECK_OK(gmtls_csr_create(&key, subj, subj_len, NULL, 0, &der, &der_len));
    CHECK_OK(gmtls_csr_parse(&csr, der, der_len));
    if (csr) {
        CHECK_OK(gmtls_csr_verify(csr));
        CHECK_EQ(gmtls_csr_ext_count(csr), 0);
        CHECK_ERR(gmtls_csr_san(csr, &p, &n), GMTLS_ERR_NOT_FOUND);
    }
    gmtls_csr_free(csr);
    csr = NULL;
    free(der);
    der = NULL;

    /* Bad arguments */
    CHECK_ERR(gmtls_csr_create(&key, subj, subj_len - 1, NULL, 0, &der, &der_len), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_csr_create(&key, (const uint8_t *)"\x30\x00", 2, NULL, 0, &der, &der_len), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_csr_create(&key, subj, subj_len, san, san_len - 1, &der, &der_len), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_csr_create(NULL, subj, subj_len, NULL, 0, &der, &der_len), GMTLS_ERR_INVALID_ARG);
    CHECK(der == NULL);
out:
    gmtls_csr_free(csr);
    free(der);
    free(subj);
    free(san);
}

int main(void)
{
    gmtls_drbg_test_init(&drbg, "csr", 3);
    gmtls_rand_set_source(gmtls_drbg_test_fill, &drbg);
    test_subject();
    test_san();
    test_csr();
    gmtls_rand_set_source(NULL, NULL);
    return test_report();
}
