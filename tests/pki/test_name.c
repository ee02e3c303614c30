/* Distinguished names: the one-line text form (escaping, string types, multi-valued RDNs,
 * unknown attributes), structure errors with exact codes, and the buffer contract. */
#include <string.h>

#include "gmtls/x509.h"
#include "pki/x509_internal.h"
#include "test.h"

static const uint8_t OID_C[] = {0x55, 0x04, 0x06};
static const uint8_t OID_O[] = {0x55, 0x04, 0x0a};
static const uint8_t OID_CN[] = {0x55, 0x04, 0x03};
static const uint8_t OID_EMAIL[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01};
static const uint8_t OID_X[] = {0x2a, 0x03, 0x04}; /* 1.2.3.4, unknown */

struct attr {
    const uint8_t *oid;
    size_t oid_len;
    uint8_t tag;
    const char *val;
    size_t val_len; /* 0: strlen(val) */
    int same_rdn;   /* joined to the previous attribute's RDN */
};

/* Build a Name (short-form lengths only: the test names are small). */
static size_t build(uint8_t *out, const struct attr *a, size_t n)
{
    uint8_t body[512];
    size_t blen = 0;
    for (size_t i = 0; i < n;) {
        uint8_t set[256];
        size_t slen = 0;
        size_t j = i;
        do {
            size_t vl = a[j].val_len ? a[j].val_len : strlen(a[j].val);
            set[slen++] = 0x30;
            set[slen++] = (uint8_t)(2 + a[j].oid_len + 2 + vl);
            set[slen++] = 0x06;
            set[slen++] = (uint8_t)a[j].oid_len;
            memcpy(set + slen, a[j].oid, a[j].oid_len);
            slen += a[j].oid_len;
            set[slen++] = a[j].tag;
            set[slen++] = (uint8_t)vl;
            memcpy(set + slen, a[j].val, vl);
            slen += vl;
            j++;
        } while (j < n && a[j].same_rdn);
        body[blen++] = 0x31;
        body[blen++] = (uint8_t)slen;
        memcpy(body + blen, set, slen);
        blen += slen;
        i = j;
    }
    out[0] = 0x30;
    out[1] = (uint8_t)blen;
    memcpy(out + 2, body, blen);
    return blen + 2;
}

static void expect(const struct attr *a, size_t n, const char *want)
{
    uint8_t der[600];
    char buf[512];
    size_t len = build(der, a, n);
    int got = gmtls_name_to_text(der, len, buf, sizeof(buf));
    CHECK_MSG(got == (int)strlen(want) && strcmp(buf, want) == 0, "got '%s' (%d), want '%s'", buf, got, want);
    CHECK_OK(gmtls_name_check(der, len));
}

static void test_text(void)
{
    const struct attr basic[] = {{OID_C, 3, 0x13, "CN", 0, 0}, {OID_O, 3, 0x0c, "Org1", 0, 0},
                                 {OID_CN, 3, 0x0c, "peer0", 0, 0}};
    expect(basic, 3, "/C=CN/O=Org1/CN=peer0");
    const struct attr esc[] = {{OID_CN, 3, 0x0c, "a/b+c=d\\e", 0, 0}};
    expect(esc, 1, "/CN=a\\/b\\+c\\=d\\\\e");
    const struct attr ctl[] = {{OID_CN, 3, 0x0c, "x\ny\x7f", 0, 0}};
    expect(ctl, 1, "/CN=x\\x0Ay\\x7F");
    /* Valid UTF-8 passes through; invalid bytes are escaped. */
    const struct attr utf8[] = {{OID_O, 3, 0x0c, "\xe4\xb8\xad\xe5\x9b\xbd", 0, 0}};
    expect(utf8, 1, "/O=\xe4\xb8\xad\xe5\x9b\xbd");
    const struct attr badutf8[] = {{OID_O, 3, 0x0c, "a\xc0\xafz\xed\xa0\x80", 0, 0}};
    expect(badutf8, 1, "/O=a\\xC0\\xAFz\\xED\\xA0\\x80");
    /* T61String / PrintableString / IA5String: bytes >= 0x80 are escaped, not guessed. */
    const struct attr t61[] = {{OID_O, 3, 0x14, "caf\xe9", 0, 0}, {OID_EMAIL, 9, 0x16, "a@b.c", 0, 0}};
    expect(t61, 2, "/O=caf\\xE9/emailAddress=a@b.c");
    /* BMPString (UCS-2 big-endian) becomes UTF-8, with the same escaping. */
    const struct attr bmp[] = {{OID_CN, 3, 0x1e, "\x4e\x2d\x00/\x00\x41", 6, 0}};
    expect(bmp, 1, "/CN=\xe4\xb8\xad\\/A");
    /* A multi-valued RDN and an unknown attribute type. */
    const struct attr multi[] = {{OID_O, 3, 0x0c, "X", 0, 0}, {OID_CN, 3, 0x0c, "y", 0, 1},
                                 {OID_X, 3, 0x0c, "z", 0, 0}};
    expect(multi, 3, "/O=X+CN=y/1.2.3.4=z");
    /* The empty Name. */
    uint8_t empty[2] = {0x30, 0x00};
    char buf[16];
    CHECK_EQ(gmtls_name_to_text(empty, 2, buf, sizeof(buf)), 0);
    CHECK_EQ(buf[0], 0);
}

static void test_errors(void)
{
    uint8_t der[600];
    char buf[64];
    const struct attr basic[] = {{OID_C, 3, 0x13, "CN", 0, 0}, {OID_CN, 3, 0x0c, "peer0", 0, 0}};
    size_t len = build(der, basic, 2);
    /* Too small a buffer: a NUL-terminated prefix and the exact code. */
    CHECK_ERR(gmtls_name_to_text(der, len, buf, 6), GMTLS_ERR_BUFFER_TOO_SMALL);
    CHECK(strcmp(buf, "/C=CN") == 0);
    CHECK_ERR(gmtls_name_to_text(der, len, buf, 0), GMTLS_ERR_INVALID_ARG);
    /* Every truncation. */
    for (size_t cut = 0; cut < len; cut++)
        CHECK_ERR(gmtls_name_to_text(der, cut, buf, sizeof(buf)), GMTLS_ERR_DER_TRUNCATED);
    /* Trailing bytes after the Name. */
    der[len] = 0;
    CHECK_ERR(gmtls_name_to_text(der, len + 1, buf, sizeof(buf)), GMTLS_ERR_DER_TRAILING);
    /* An empty RDN (SET SIZE (1..MAX)). */
    static const uint8_t empty_rdn[] = {0x30, 0x02, 0x31, 0x00};
    CHECK_ERR(gmtls_name_check(empty_rdn, sizeof(empty_rdn)), GMTLS_ERR_CERT_BAD);
    /* A SEQUENCE where the RDN SET should be. */
    static const uint8_t not_set[] = {0x30, 0x02, 0x30, 0x00};
    CHECK_ERR(gmtls_name_check(not_set, sizeof(not_set)), GMTLS_ERR_DER_TAG);
    /* An attribute with a type but no value. */
    static const uint8_t no_value[] = {0x30, 0x09, 0x31, 0x07, 0x30, 0x05, 0x06, 0x03, 0x55, 0x04, 0x03};
    CHECK_ERR(gmtls_name_check(no_value, sizeof(no_value)), GMTLS_ERR_DER_TRUNCATED);
    /* Equality is byte-exact. */
    const struct attr other[] = {{OID_C, 3, 0x13, "CN", 0, 0}, {OID_CN, 3, 0x0c, "peer1", 0, 0}};
    uint8_t der2[600];
    size_t len2 = build(der2, other, 2);
    CHECK_EQ(gmtls_name_equal(der, len, der, len), 1);
    CHECK_EQ(gmtls_name_equal(der, len, der2, len2), 0);
    const uint8_t *cn;
    size_t cn_len;
    uint8_t tag;
    CHECK_OK(gmtls_name_find_cn(der2, len2, &cn, &cn_len, &tag));
    CHECK(cn_len == 5 && memcmp(cn, "peer1", 5) == 0 && tag == 0x0c);
    static const uint8_t no_cn[] = {0x30, 0x00};
    CHECK_ERR(gmtls_name_find_cn(no_cn, 2, &cn, &cn_len, &tag), GMTLS_ERR_NOT_FOUND);
}

int main(void)
{
    test_text();
    test_errors();
    return test_report();
}
