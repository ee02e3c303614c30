/* Names for issuing: a subject Name from its one-line text form, subjectAltName GeneralNames from a
 * "DNS:..,IP:.." list, and the reverse for display. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/issue.h"
#include "pki/der.h"
#include "pki/der_write.h"
#include "pki/issue_internal.h"
#include "pki/oid.h"

#define MAX_VALUE 256 /* bytes of one attribute value after unescaping */
#define MAX_RDNS 64

struct attr_type {
    const char *name;
    int oid;
    uint8_t tag;
};

/* String types: RFC 5280 4.1.2.4 and Appendix A (X520countryName and serialNumber are
 * PrintableString, emailAddress and domainComponent IA5String, the rest DirectoryString, for which
 * UTF8String is what RFC 5280 asks new certificates to use). */
static const struct attr_type attr_types[] = {
    {"C", GMTLS_OID_AT_C, GMTLS_DER_PRINTABLE_STRING},
    {"ST", GMTLS_OID_AT_ST, GMTLS_DER_UTF8_STRING},
    {"L", GMTLS_OID_AT_L, GMTLS_DER_UTF8_STRING},
    {"O", GMTLS_OID_AT_O, GMTLS_DER_UTF8_STRING},
    {"OU", GMTLS_OID_AT_OU, GMTLS_DER_UTF8_STRING},
    {"CN", GMTLS_OID_AT_CN, GMTLS_DER_UTF8_STRING},
    {"street", GMTLS_OID_AT_STREET, GMTLS_DER_UTF8_STRING},
    {"serialNumber", GMTLS_OID_AT_SERIAL_NUMBER, GMTLS_DER_PRINTABLE_STRING},
    {"DC", GMTLS_OID_AT_DC, GMTLS_DER_IA5_STRING},
    {"UID", GMTLS_OID_AT_UID, GMTLS_DER_UTF8_STRING},
    {"emailAddress", GMTLS_OID_EMAIL_ADDRESS, GMTLS_DER_IA5_STRING},
    {"email", GMTLS_OID_EMAIL_ADDRESS, GMTLS_DER_IA5_STRING},
    {"GN", GMTLS_OID_AT_GIVEN_NAME, GMTLS_DER_UTF8_STRING},
    {"SN", GMTLS_OID_AT_SURNAME, GMTLS_DER_UTF8_STRING},
    {"title", GMTLS_OID_AT_TITLE, GMTLS_DER_UTF8_STRING},
};

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* Case-insensitive comparison of s[0..n) with the NUL-terminated name. */
static int name_eq(const char *s, size_t n, const char *name)
{
    if (strlen(name) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != lower((unsigned char)name[i]))
            return 0;
    return 1;
}

/* X.680 41.4 PrintableString characters. */
static int printable_char(uint8_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return 1;
    return strchr(" '()+,-./:=?", c) != NULL && c != 0;
}

/* Well-formed UTF-8 (RFC 3629: shortest form, no surrogates, at most U+10FFFF) without C0/C1
 * control characters or DEL. */
static int valid_utf8(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        uint32_t cp;
        size_t k;
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f)
                return 0;
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            cp = c & 0x1fu;
            k = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            cp = c & 0x0fu;
            k = 2;
        } else if (c >= 0xf0 && c <= 0xf4) {
            cp = c & 0x07u;
            k = 3;
        } else {
            return 0;
        }
        if (k >= n - i) /* needs k continuation bytes after s[i] */
            return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + j] & 0x3fu);
        }
        if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp < 0xa0))
            return 0;
        i += k + 1;
    }
    return 1;
}

static int value_ok(uint8_t tag, int oid, const uint8_t *v, size_t n)
{
    if (n == 0)
        return 0;
    if (tag == GMTLS_DER_PRINTABLE_STRING) {
        for (size_t i = 0; i < n; i++)
            if (!printable_char(v[i]))
                return 0;
        /* RFC 5280 Appendix A: X520countryName is exactly two characters (ISO 3166). */
        if (oid == GMTLS_OID_AT_C) {
            if (n != 2)
                return 0;
            for (size_t i = 0; i < 2; i++)
                if (!((v[i] >= 'A' && v[i] <= 'Z') || (v[i] >= 'a' && v[i] <= 'z')))
                    return 0;
        }
        return 1;
    }
    if (tag == GMTLS_DER_IA5_STRING) {
        for (size_t i = 0; i < n; i++)
            if (v[i] < 0x20 || v[i] >= 0x7f)
                return 0;
        return 1;
    }
    return valid_utf8(v, n);
}

/* Parse and (when w writes) encode the subject text. Both passes run the same checks. */
static int write_subject(gmtls_writer *w, const void *ctx)
{
    const char *t = ctx;
    size_t n = strlen(t), i = 0, rdns = 0;
    uint8_t val[MAX_VALUE];
    gmtls_derw_mark name, set, seq;
    int e;

    if (n == 0 || t[0] != '/')
        return GMTLS_ERR_INVALID_ARG;
    if ((e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &name)) != 0)
        return e;
    while (i < n) {
        i++; /* the '/' */
        size_t k0 = i;
        while (i < n && t[i] != '=' && t[i] != '/')
            i++;
        if (i >= n || t[i] != '=' || i == k0)
            return GMTLS_ERR_INVALID_ARG;
        const struct attr_type *at = NULL;
        for (size_t a = 0; a < sizeof(attr_types) / sizeof(attr_types[0]); a++)
            if (name_eq(t + k0, i - k0, attr_types[a].name))
                at = &attr_types[a];
        if (!at)
            return GMTLS_ERR_INVALID_ARG;
        i++; /* the '=' */
        size_t vl = 0;
        while (i < n && t[i] != '/') {
            char c = t[i++];
            if (c == '\\') {
                if (i >= n)
                    return GMTLS_ERR_INVALID_ARG; /* trailing backslash */
                c = t[i++];
            }
            if (vl >= MAX_VALUE)
                return GMTLS_ERR_INVALID_ARG;
            val[vl++] = (uint8_t)c;
        }
        if (!value_ok(at->tag, at->oid, val, vl) || ++rdns > MAX_RDNS)
            return GMTLS_ERR_INVALID_ARG;
        /* RFC 5280 4.1.2.4: RelativeDistinguishedName ::= SET OF AttributeTypeAndValue */
        if ((e = gmtls_derw_begin(w, GMTLS_DER_SET, &set)) != 0 ||
            (e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &seq)) != 0 || (e = gmtls_derw_oid(w, at->oid)) != 0 ||
            (e = gmtls_derw_tlv(w, at->tag, val, vl)) != 0 || (e = gmtls_derw_end(w, &seq)) != 0 ||
            (e = gmtls_derw_end(w, &set)) != 0)
            return e;
    }
    return gmtls_derw_end(w, &name);
}

int gmtls_subject_from_text(const char *text, uint8_t **der, size_t *der_len)
{
    if (!text || !der || !der_len)
        return GMTLS_ERR_INVALID_ARG;
    return gmtls_derw_alloc(write_subject, text, der, der_len);
}

/* ---- subjectAltName ---- */

static int dns_ok(const char *s, size_t n)
{
    if (n >= 2 && s[0] == '*' && s[1] == '.') { /* a wildcard as the whole left-most label */
        s += 2;
        n -= 2;
    }
    if (n == 0 || n > 253)
        return 0;
    size_t label = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.') {
            if (label == 0)
                return 0;
            label = 0;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return 0;
        if (++label > 63)
            return 0;
    }
    return label > 0;
}

static int ia5_visible(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
            return 0;
    return n > 0;
}

static int email_ok(const char *s, size_t n)
{
    const char *at = memchr(s, '@', n);
    if (!ia5_visible(s, n) || !at || at == s || at == s + n - 1 || memchr(at + 1, '@', (size_t)(s + n - at - 1)))
        return 0;
    return 1;
}

static int uri_ok(const char *s, size_t n)
{
    /* RFC 3986 3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) followed by ':' */
    if (!ia5_visible(s, n))
        return 0;
    size_t i = 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return 0;
    while (i < n && s[i] != ':') {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
              c == '.'))
            return 0;
        i++;
    }
    return i < n && i + 1 < n;
}

static int write_san(gmtls_writer *w, const void *ctx)
{
    const char *s = ctx;
    size_t n = strlen(s), i = 0, count = 0;
    gmtls_derw_mark seq;
    int e;

    if ((e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &seq)) != 0)
        return e;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t start = i;
        while (i < n && s[i] != ',')
            i++;
        size_t end = i;
        if (i < n)
            i++; /* the ',' */
        while (end > start && s[end - 1] == ' ')
            end--;
        const char *item = s + start;
        size_t len = end - start;
        const char *colon = memchr(item, ':', len);
        if (!colon)
            return GMTLS_ERR_INVALID_ARG;
        size_t tl = (size_t)(colon - item);
        const char *v = colon + 1;
        size_t vl = len - tl - 1;
        char buf[64];
        uint8_t ip[16];
        if (name_eq(item, tl, "DNS")) {
            if (!dns_ok(v, vl))
                return GMTLS_ERR_INVALID_ARG;
            e = gmtls_derw_tlv(w, GMTLS_DER_CONTEXT_PRIM(GMTLS_SAN_DNS), v, vl);
        } else if (name_eq(item, tl, "email")) {
            if (!email_ok(v, vl))
                return GMTLS_ERR_INVALID_ARG;
            e = gmtls_derw_tlv(w, GMTLS_DER_CONTEXT_PRIM(GMTLS_SAN_EMAIL), v, vl);
        } else if (name_eq(item, tl, "URI")) {
            if (!uri_ok(v, vl))
                return GMTLS_ERR_INVALID_ARG;
            e = gmtls_derw_tlv(w, GMTLS_DER_CONTEXT_PRIM(GMTLS_SAN_URI), v, vl);
        } else if (name_eq(item, tl, "IP")) {
            if (vl == 0 || vl >= sizeof(buf))
                return GMTLS_ERR_INVALID_ARG;
            memcpy(buf, v, vl);
            buf[vl] = 0;
            /* RFC 5280 4.2.1.6: 4 octets for IPv4, 16 for IPv6, network byte order */
            if (inet_pton(AF_INET, buf, ip) == 1)
                e = gmtls_derw_tlv(w, GMTLS_DER_CONTEXT_PRIM(GMTLS_SAN_IP), ip, 4);
            else if (inet_pton(AF_INET6, buf, ip) == 1)
                e = gmtls_derw_tlv(w, GMTLS_DER_CONTEXT_PRIM(GMTLS_SAN_IP), ip, 16);
            else
                return GMTLS_ERR_INVALID_ARG;
        } else {
            return GMTLS_ERR_INVALID_ARG;
        }
        if (e)
            return e;
        count++;
    }
    if (count == 0 || (n > 0 && s[n - 1] == ','))
        return GMTLS_ERR_INVALID_ARG;
    return gmtls_derw_end(w, &seq);
}

int gmtls_san_from_text(const char *spec, uint8_t **der, size_t *der_len)
{
    if (!spec || !der || !der_len)
        return GMTLS_ERR_INVALID_ARG;
    return gmtls_derw_alloc(write_san, spec, der, der_len);
}

int gmtls_san_get(const uint8_t *der, size_t len, size_t index, gmtls_general_name *gn)
{
    gmtls_der d, seq;
    int e;
    if (!der || !gn)
        return GMTLS_ERR_INVALID_ARG;
    gmtls_der_init(&d, der, len);
    if ((e = gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq)) != 0)
        return e;
    for (size_t i = 0;; i++) {
        uint8_t tag;
        const uint8_t *val;
        size_t vl;
        if (gmtls_der_at_end(&seq))
            return GMTLS_ERR_NOT_FOUND;
        if ((e = gmtls_der_any(&seq, &tag, &val, &vl, NULL, NULL)) != 0)
            return e;
        /* GeneralName is a CHOICE of context-specific tags [0]..[8] (RFC 5280 4.2.1.6) */
        if ((tag & 0xc0) != 0x80 || (tag & 0x1f) > 8)
            return GMTLS_ERR_DER_TAG;
        if (i == index) {
            gn->type = tag & 0x1f;
            gn->value = val;
            gn->len = vl;
            return 0;
        }
    }
}

int gmtls_general_name_to_text(const gmtls_general_name *gn, char *buf, size_t cap)
{
    const char *prefix;
    char tmp[64];
    if (!gn || !buf || cap == 0)
        return GMTLS_ERR_INVALID_ARG;
    switch (gn->type) {
    case GMTLS_SAN_DNS: prefix = "DNS"; break;
    case GMTLS_SAN_EMAIL: prefix = "email"; break;
    case GMTLS_SAN_URI: prefix = "URI"; break;
    case GMTLS_SAN_IP:
        if ((gn->len != 4 && gn->len != 16) ||
            !inet_ntop(gn->len == 4 ? AF_INET : AF_INET6, gn->value, tmp, sizeof(tmp)))
            snprintf(tmp, sizeof(tmp), "<%zu bytes>", gn->len);
        if ((size_t)snprintf(buf, cap, "IP:%s", tmp) >= cap)
            return GMTLS_ERR_BUFFER_TOO_SMALL;
        return 0;
    default:
        if ((size_t)snprintf(buf, cap, "othername:<tag %d>", gn->type) >= cap)
            return GMTLS_ERR_BUFFER_TOO_SMALL;
        return 0;
    }
    size_t pl = strlen(prefix);
    if (pl + 1 + gn->len + 1 > cap)
        return GMTLS_ERR_BUFFER_TOO_SMALL;
    memcpy(buf, prefix, pl);
    buf[pl] = ':';
    for (size_t i = 0; i < gn->len; i++) {
        uint8_t c = gn->value[i];
        buf[pl + 1 + i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?'; /* never print control bytes */
    }
    buf[pl + 1 + gn->len] = 0;
    return 0;
}

/* ---- checks on caller-supplied encodings ---- */

int gmtls_issue_check_name(const uint8_t *der, size_t len)
{
    gmtls_der d, name, rdn, atv;
    size_t rdns = 0;
    if (!der || len == 0)
        return GMTLS_ERR_INVALID_ARG;
    gmtls_der_init(&d, der, len);
    if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &name) != 0 || gmtls_der_end(&d) != 0)
        return GMTLS_ERR_INVALID_ARG;
    while (!gmtls_der_at_end(&name)) {
        if (gmtls_der_enter(&name, GMTLS_DER_SET, &rdn) != 0 || gmtls_der_at_end(&rdn))
            return GMTLS_ERR_INVALID_ARG;
        while (!gmtls_der_at_end(&rdn)) {
            const uint8_t *oid;
            size_t ol;
            if (gmtls_der_enter(&rdn, GMTLS_DER_SEQUENCE, &atv) != 0 || gmtls_der_oid(&atv, &oid, &ol) != 0 ||
                gmtls_der_any(&atv, NULL, NULL, NULL, NULL, NULL) != 0 || gmtls_der_end(&atv) != 0)
                return GMTLS_ERR_INVALID_ARG;
        }
        rdns++;
    }
    return rdns ? 0 : GMTLS_ERR_INVALID_ARG;
}

int gmtls_issue_check_san(const uint8_t *der, size_t len)
{
    gmtls_der d, seq;
    size_t count = 0;
    if (!der || len == 0)
        return GMTLS_ERR_INVALID_ARG;
    gmtls_der_init(&d, der, len);
    if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq) != 0 || gmtls_der_end(&d) != 0)
        return GMTLS_ERR_INVALID_ARG;
    while (!gmtls_der_at_end(&seq)) {
        uint8_t tag;
        if (gmtls_der_any(&seq, &tag, NULL, NULL, NULL, NULL) != 0 || (tag & 0xc0) != 0x80 || (tag & 0x1f) > 8)
            return GMTLS_ERR_INVALID_ARG;
        count++;
    }
    return count ? 0 : GMTLS_ERR_INVALID_ARG;
}
