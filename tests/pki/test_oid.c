/* OID table and dotted text: every entry round-trips through the text form and back through the
 * table, cross-checked with the arcs' textbook dotted forms, plus malformed and huge arcs. */
#include <stdlib.h>
#include <string.h>

#include "pki/der.h"
#include "pki/oid.h"
#include "test.h"

/* Encode a dotted OID with an independent, straightforward encoder (for arcs that fit 64 bits). */
static size_t dotted_to_der(const char *s, uint8_t *out)
{
    uint64_t arcs[32];
    size_t na = 0;
    while (*s) {
        arcs[na++] = strtoull(s, (char **)&s, 10);
        if (*s == '.')
            s++;
    }
    size_t n = 0;
    for (size_t i = 1; i < na; i++) {
        uint64_t v = i == 1 ? arcs[0] * 40 + arcs[1] : arcs[i];
        uint8_t tmp[10];
        size_t k = 0;
        do {
            tmp[k++] = (uint8_t)(v & 0x7f);
            v >>= 7;
        } while (v);
        while (k--)
            out[n++] = (uint8_t)(tmp[k] | (k ? 0x80 : 0));
    }
    return n;
}

static const struct {
    int id;
    const char *dotted;
} known[] = {
    {GMTLS_OID_EC_PUBLIC_KEY, "1.2.840.10045.2.1"},   {GMTLS_OID_SM2, "1.2.156.10197.1.301"},
    {GMTLS_OID_SM3, "1.2.156.10197.1.401"},           {GMTLS_OID_SM2_WITH_SM3, "1.2.156.10197.1.501"},
    {GMTLS_OID_SM4, "1.2.156.10197.1.104"},           {GMTLS_OID_SM4_CBC, "1.2.156.10197.1.104.2"},
    {GMTLS_OID_HMAC_SM3, "1.2.156.10197.1.401.2"},    {GMTLS_OID_PBES2, "1.2.840.113549.1.5.13"},
    {GMTLS_OID_PBKDF2, "1.2.840.113549.1.5.12"},      {GMTLS_OID_HMAC_SHA256, "1.2.840.113549.2.9"},
    {GMTLS_OID_AES256_CBC, "2.16.840.1.101.3.4.1.42"}, {GMTLS_OID_AES128_CBC, "2.16.840.1.101.3.4.1.2"},
    {GMTLS_OID_AES192_CBC, "2.16.840.1.101.3.4.1.22"},
    {GMTLS_OID_AT_CN, "2.5.4.3"}, {GMTLS_OID_AT_C, "2.5.4.6"}, {GMTLS_OID_AT_L, "2.5.4.7"},
    {GMTLS_OID_AT_ST, "2.5.4.8"}, {GMTLS_OID_AT_O, "2.5.4.10"}, {GMTLS_OID_AT_OU, "2.5.4.11"},
    {GMTLS_OID_AT_SERIAL_NUMBER, "2.5.4.5"}, {GMTLS_OID_AT_STREET, "2.5.4.9"},
    {GMTLS_OID_AT_DC, "0.9.2342.19200300.100.1.25"}, {GMTLS_OID_AT_UID, "0.9.2342.19200300.100.1.1"},
    {GMTLS_OID_EMAIL_ADDRESS, "1.2.840.113549.1.9.1"},
    {GMTLS_OID_CE_BASIC_CONSTRAINTS, "2.5.29.19"}, {GMTLS_OID_CE_KEY_USAGE, "2.5.29.15"},
    {GMTLS_OID_CE_EXT_KEY_USAGE, "2.5.29.37"}, {GMTLS_OID_CE_SUBJECT_ALT_NAME, "2.5.29.17"},
    {GMTLS_OID_CE_ISSUER_ALT_NAME, "2.5.29.18"}, {GMTLS_OID_CE_SUBJECT_KEY_ID, "2.5.29.14"},
    {GMTLS_OID_CE_AUTHORITY_KEY_ID, "2.5.29.35"}, {GMTLS_OID_CE_NAME_CONSTRAINTS, "2.5.29.30"},
    {GMTLS_OID_CE_CERT_POLICIES, "2.5.29.32"}, {GMTLS_OID_CE_CRL_DIST_POINTS, "2.5.29.31"},
    {GMTLS_OID_CE_CRL_NUMBER, "2.5.29.20"}, {GMTLS_OID_CE_CRL_REASON, "2.5.29.21"},
    {GMTLS_OID_CE_POLICY_CONSTRAINTS, "2.5.29.36"}, {GMTLS_OID_CE_INHIBIT_ANY_POLICY, "2.5.29.54"},
    {GMTLS_OID_PE_AUTHORITY_INFO_ACCESS, "1.3.6.1.5.5.7.1.1"},
    {GMTLS_OID_KP_SERVER_AUTH, "1.3.6.1.5.5.7.3.1"}, {GMTLS_OID_KP_CLIENT_AUTH, "1.3.6.1.5.5.7.3.2"},
    {GMTLS_OID_KP_CODE_SIGNING, "1.3.6.1.5.5.7.3.3"}, {GMTLS_OID_KP_EMAIL_PROTECTION, "1.3.6.1.5.5.7.3.4"},
    {GMTLS_OID_KP_OCSP_SIGNING, "1.3.6.1.5.5.7.3.9"}, {GMTLS_OID_KP_TIME_STAMPING, "1.3.6.1.5.5.7.3.8"},
    {GMTLS_OID_ANY_EKU, "2.5.29.37.0"}, {GMTLS_OID_ANY_POLICY, "2.5.29.32.0"},
    {GMTLS_OID_PKCS9_EXTENSION_REQUEST, "1.2.840.113549.1.9.14"},
    {GMTLS_OID_PKCS9_CHALLENGE_PASSWORD, "1.2.840.113549.1.9.7"},
    {GMTLS_OID_HMAC_SHA1, "1.2.840.113549.2.7"}, {GMTLS_OID_SHA256, "2.16.840.1.101.3.4.2.1"},
    {GMTLS_OID_AT_GIVEN_NAME, "2.5.4.42"}, {GMTLS_OID_AT_SURNAME, "2.5.4.4"}, {GMTLS_OID_AT_TITLE, "2.5.4.12"},
};

static void test_table(void)
{
    int seen[GMTLS_OID_COUNT] = {0};
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        size_t n;
        const uint8_t *der = gmtls_oid_der(known[i].id, &n);
        CHECK_MSG(der != NULL, "id %d missing", known[i].id);
        if (!der)
            continue;
        uint8_t mine[32];
        size_t ml = dotted_to_der(known[i].dotted, mine);
        CHECK_EQ(n, ml);
        CHECK_MEM(der, mine, ml);
        char text[128];
        CHECK_EQ(gmtls_oid_to_text(der, n, text, sizeof(text)), (int)strlen(known[i].dotted));
        CHECK_MSG(strcmp(text, known[i].dotted) == 0, "%s != %s", text, known[i].dotted);
        CHECK_EQ(gmtls_oid_lookup(der, n), known[i].id);
        CHECK(gmtls_oid_is(der, n, known[i].id));
        CHECK(strcmp(gmtls_oid_name(known[i].id), "unknown") != 0);
        seen[known[i].id] = 1;
        /* and it passes the strict decoder */
        uint8_t tlv[40];
        tlv[0] = 0x06;
        tlv[1] = (uint8_t)n;
        memcpy(tlv + 2, der, n);
        gmtls_der d;
        const uint8_t *p;
        size_t pl;
        gmtls_der_init(&d, tlv, n + 2);
        CHECK_OK(gmtls_der_oid(&d, &p, &pl));
    }
    for (int id = 1; id < GMTLS_OID_COUNT; id++)
        CHECK_MSG(seen[id], "id %d not covered by the test", id);
    CHECK(strcmp(gmtls_oid_name(GMTLS_OID_SM2), "SM2") == 0);
    CHECK(strcmp(gmtls_oid_name(GMTLS_OID_AT_CN), "CN") == 0);
    CHECK(strcmp(gmtls_oid_name(GMTLS_OID_CE_KEY_USAGE), "keyUsage") == 0);
    size_t n;
    CHECK(gmtls_oid_der(GMTLS_OID_UNKNOWN, &n) == NULL && n == 0);
    CHECK(gmtls_oid_der(GMTLS_OID_COUNT, &n) == NULL);
    CHECK(strcmp(gmtls_oid_name(9999), "unknown") == 0);
    uint8_t x[] = {0x2a, 0x03};
    CHECK_EQ(gmtls_oid_lookup(x, 2), GMTLS_OID_UNKNOWN);
}

static void test_text(void)
{
    char buf[700];
    uint8_t b[300];
    size_t n;
    n = test_unhex("8837", b, sizeof(b)); /* 2.999 */
    CHECK_EQ(gmtls_oid_to_text(b, n, buf, sizeof(buf)), 5);
    CHECK(strcmp(buf, "2.999") == 0);
    n = test_unhex("00", b, sizeof(b));
    CHECK(gmtls_oid_to_text(b, n, buf, sizeof(buf)) > 0 && strcmp(buf, "0.0") == 0);
    n = test_unhex("27", b, sizeof(b));
    CHECK(gmtls_oid_to_text(b, n, buf, sizeof(buf)) > 0 && strcmp(buf, "0.39") == 0);
    n = test_unhex("4f", b, sizeof(b));
    CHECK(gmtls_oid_to_text(b, n, buf, sizeof(buf)) > 0 && strcmp(buf, "1.39") == 0);
    n = test_unhex("50", b, sizeof(b));
    CHECK(gmtls_oid_to_text(b, n, buf, sizeof(buf)) > 0 && strcmp(buf, "2.0") == 0);
    /* 2.25.<128-bit UUID> = 2.25.340282366920938463463374607431768211455 (2^128 - 1) */
    n = test_unhex("6983ffffffffffffffffffffffffffffffffff7f", b, sizeof(b));
    CHECK(gmtls_oid_to_text(b, n, buf, sizeof(buf)) > 0);
    CHECK(strcmp(buf, "2.25.340282366920938463463374607431768211455") == 0);
    /* 2^64 as one arc: 1.2.18446744073709551616 */
    n = test_unhex("2a82808080808080808000", b, sizeof(b));
    CHECK(gmtls_oid_to_text(b, n, buf, sizeof(buf)) > 0 && strcmp(buf, "1.2.18446744073709551616") == 0);
    /* first arc 2 with a large second arc: 2.100000000000 (100000000080 in the first subidentifier) */
    n = test_unhex("82f4c3dbd050", b, sizeof(b));
    CHECK(gmtls_oid_to_text(b, n, buf, sizeof(buf)) > 0 && strcmp(buf, "2.100000000000") == 0);
    /* malformed */
    n = test_unhex("2a80", b, sizeof(b));
    CHECK_ERR(gmtls_oid_to_text(b, n, buf, sizeof(buf)), GMTLS_ERR_OID);
    n = test_unhex("2a8001", b, sizeof(b));
    CHECK_ERR(gmtls_oid_to_text(b, n, buf, sizeof(buf)), GMTLS_ERR_OID);
    CHECK_ERR(gmtls_oid_to_text(b, 0, buf, sizeof(buf)), GMTLS_ERR_OID);
    /* buffer too small, and exactly enough */
    n = test_unhex("2a811ccf5501822d", b, sizeof(b));
    CHECK_ERR(gmtls_oid_to_text(b, n, buf, 19), GMTLS_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ(gmtls_oid_to_text(b, n, buf, 20), 19);
    /* one arc of 255 octets: the longest accepted */
    memset(b, 0xff, 254);
    b[254] = 0x7f;
    CHECK(gmtls_oid_to_text(b, 255, buf, sizeof(buf)) > 500);
    CHECK_ERR(gmtls_oid_to_text(b, 255, buf, 100), GMTLS_ERR_BUFFER_TOO_SMALL);
}

int main(void)
{
    test_table();
    test_text();
    return test_report();
}
