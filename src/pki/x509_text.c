/* A readable description of a certificate, laid out like `openssl x509 -text`. Every extension
 * is decoded from the bytes kept at parse time; anything unrecognised is shown in hex. */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/x509.h"
#include "pki/der.h"
#include "pki/oid.h"
#include "pki/x509_internal.h"

struct sb {
    char *p;
    size_t len, cap;
    int err;
};

static void sb_add(struct sb *s, const char *t, size_t n)
{
    if (s->err)
        return;
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 1024;
        while (cap < s->len + n + 1)
            cap *= 2;
        char *np = realloc(s->p, cap);
        if (!np) {
            s->err = GMTLS_ERR_NO_MEMORY;
            return;
        }
        s->p = np;
        s->cap = cap;
    }
    memcpy(s->p + s->len, t, n);
    s->len += n;
    s->p[s->len] = 0;
}

#define sb_lit(s, lit) sb_add((s), (lit), sizeof(lit) - 1)

static void sb_printf(struct sb *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(struct sb *s, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    sb_add(s, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

/* Colon-separated hex, `per_line` bytes per line, each line indented. */
static void sb_hex(struct sb *s, int indent, const uint8_t *p, size_t n, size_t per_line, int upper)
{
    for (size_t i = 0; i < n; i++) {
        if (i % per_line == 0)
            sb_printf(s, "%*s", indent, "");
        sb_printf(s, upper ? "%02X%s" : "%02x%s", p[i], i + 1 == n ? "" : ":");
        if ((i + 1) % per_line == 0 || i + 1 == n)
            sb_lit(s, "\n");
    }
}

static void sb_time(struct sb *s, int64_t t)
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400, y;
    unsigned m, d;
    gmtls_der_civil_from_days(days, &y, &m, &d);
    sb_printf(s, "%04lld-%02u-%02u %02d:%02d:%02d UTC", (long long)y, m, d, (int)(secs / 3600),
              (int)(secs / 60 % 60), (int)(secs % 60));
}

static void sb_name(struct sb *s, const uint8_t *p, size_t n)
{
    char buf[1024];
    int e = gmtls_name_to_text(p, n, buf, sizeof(buf));
    sb_add(s, buf, strlen(buf));
    if (e == GMTLS_ERR_BUFFER_TOO_SMALL)
        sb_lit(s, "...");
}

static void sb_oid(struct sb *s, const uint8_t *oid, size_t len)
{
    int id = gmtls_oid_lookup(oid, len);
    if (id != GMTLS_OID_UNKNOWN) {
        const char *nm = gmtls_oid_name(id);
        sb_add(s, nm, strlen(nm));
        return;
    }
    char buf[128];
    if (gmtls_oid_to_text(oid, len, buf, sizeof(buf)) < 0)
        snprintf(buf, sizeof(buf), "(bad OID)");
    sb_add(s, buf, strlen(buf));
}

/* Printable ASCII as is, anything else as \xHH. */
static void sb_ascii(struct sb *s, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] >= 0x20 && p[i] < 0x7f)
            sb_add(s, (const char *)p + i, 1);
        else
            sb_printf(s, "\\x%02X", p[i]);
    }
}

static void sb_ip(struct sb *s, const uint8_t *p, size_t n)
{
    char buf[64];
    if (n == 4 || n == 16) {
        if (inet_ntop(n == 4 ? AF_INET : AF_INET6, p, buf, sizeof(buf)))
            sb_add(s, buf, strlen(buf));
    } else if (n == 8 || n == 32) { /* a name constraint: address / mask */
        sb_ip(s, p, n / 2);
        sb_lit(s, "/");
        sb_ip(s, p + n / 2, n / 2);
    }
}

static void sb_general_name(struct sb *s, int type, const uint8_t *v, size_t l)
{
    switch (type) {
    case GMTLS_GN_DNS: sb_lit(s, "DNS:"); sb_ascii(s, v, l); break;
    case GMTLS_GN_EMAIL: sb_lit(s, "email:"); sb_ascii(s, v, l); break;
    case GMTLS_GN_URI: sb_lit(s, "URI:"); sb_ascii(s, v, l); break;
    case GMTLS_GN_IP: sb_lit(s, "IP Address:"); sb_ip(s, v, l); break;
    case GMTLS_GN_DIRNAME: sb_lit(s, "DirName:"); sb_name(s, v, l); break;
    case GMTLS_GN_RID: sb_lit(s, "Registered ID:"); sb_oid(s, v, l); break;
    case GMTLS_GN_OTHER: sb_lit(s, "othername:<unsupported>"); break;
    default: sb_printf(s, "GeneralName[%d]:<unsupported>", type); break;
    }
}

/* A GeneralNames content as "A, B, C". */
static void sb_general_names(struct sb *s, const uint8_t *p, size_t n)
{
    gmtls_der d;
    gmtls_der_init(&d, p, n);
    for (int first = 1; !gmtls_der_at_end(&d); first = 0) {
        int t;
        const uint8_t *v;
        size_t l;
        if (gmtls_x509_general_name(&d, 0, &t, &v, &l) != 0)
            break;
        if (!first)
            sb_lit(s, ", ");
        sb_general_name(s, t, v, l);
    }
}

static const char *const ku_names[9] = {"Digital Signature", "Non Repudiation", "Key Encipherment",
                                        "Data Encipherment", "Key Agreement", "Certificate Sign",
                                        "CRL Sign", "Encipher Only", "Decipher Only"};

static void show_subtrees(struct sb *s, const char *label, const gmtls_slice *t)
{
    gmtls_der d;
    sb_printf(s, "                %s:\n", label);
    gmtls_der_init(&d, t->p, t->len);
    while (!gmtls_der_at_end(&d)) {
        gmtls_der st;
        int type;
        const uint8_t *v;
        size_t l;
        if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &st) != 0 || gmtls_x509_general_name(&st, 1, &type, &v, &l) != 0)
            return;
        sb_lit(s, "                  ");
        sb_general_name(s, type, v, l);
        sb_lit(s, "\n");
    }
}

/* Policies, CRL distribution points and AIA share the "SEQUENCE OF SEQUENCE" walk. */
static void show_list(struct sb *s, int id, const uint8_t *val, size_t len)
{
    gmtls_der d, seq;
    gmtls_der_init(&d, val, len);
    if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq) != 0)
        return;
    while (!gmtls_der_at_end(&seq)) {
        gmtls_der item, a, b;
        const uint8_t *oid, *v;
        size_t ol, l;
        int t, present;
        if (gmtls_der_enter(&seq, GMTLS_DER_SEQUENCE, &item) != 0)
            return;
        if (id == GMTLS_OID_CE_CRL_DIST_POINTS) {
            if (gmtls_der_enter_optional(&item, GMTLS_DER_CONTEXT(0), &a, &present) != 0 || !present)
                continue;
            if (gmtls_der_enter_optional(&a, GMTLS_DER_CONTEXT(0), &b, &present) != 0 || !present)
                continue;
            sb_lit(s, "                Full Name:\n");
            while (!gmtls_der_at_end(&b) && gmtls_x509_general_name(&b, 0, &t, &v, &l) == 0) {
                sb_lit(s, "                  ");
                sb_general_name(s, t, v, l);
                sb_lit(s, "\n");
            }
            continue;
        }
        if (gmtls_der_oid(&item, &oid, &ol) != 0)
            return;
        if (id == GMTLS_OID_CE_CERT_POLICIES) {
            sb_lit(s, "                Policy: ");
            sb_oid(s, oid, ol);
            sb_lit(s, "\n");
        } else {
            static const uint8_t ocsp[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01};
            static const uint8_t ca_issuers[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02};
            sb_lit(s, "                ");
            if (ol == sizeof(ocsp) && memcmp(oid, ocsp, ol) == 0)
                sb_lit(s, "OCSP");
            else if (ol == sizeof(ca_issuers) && memcmp(oid, ca_issuers, ol) == 0)
                sb_lit(s, "CA Issuers");
            else
                sb_oid(s, oid, ol);
            sb_lit(s, " - ");
            if (gmtls_x509_general_name(&item, 0, &t, &v, &l) == 0)
                sb_general_name(s, t, v, l);
            sb_lit(s, "\n");
        }
    }
}

static void show_extension(struct sb *s, const struct gmtls_cert *c, int id, const uint8_t *oid, size_t oid_len,
                           int critical, const uint8_t *val, size_t len)
{
    static const struct {
        int id;
        const char *title;
    } titles[] = {
        {GMTLS_OID_CE_BASIC_CONSTRAINTS, "X509v3 Basic Constraints"},
        {GMTLS_OID_CE_KEY_USAGE, "X509v3 Key Usage"},
        {GMTLS_OID_CE_EXT_KEY_USAGE, "X509v3 Extended Key Usage"},
        {GMTLS_OID_CE_SUBJECT_ALT_NAME, "X509v3 Subject Alternative Name"},
        {GMTLS_OID_CE_ISSUER_ALT_NAME, "X509v3 Issuer Alternative Name"},
        {GMTLS_OID_CE_SUBJECT_KEY_ID, "X509v3 Subject Key Identifier"},
        {GMTLS_OID_CE_AUTHORITY_KEY_ID, "X509v3 Authority Key Identifier"},
        {GMTLS_OID_CE_NAME_CONSTRAINTS, "X509v3 Name Constraints"},
        {GMTLS_OID_CE_CERT_POLICIES, "X509v3 Certificate Policies"},
        {GMTLS_OID_CE_CRL_DIST_POINTS, "X509v3 CRL Distribution Points"},
        {GMTLS_OID_CE_POLICY_CONSTRAINTS, "X509v3 Policy Constraints"},
        {GMTLS_OID_CE_INHIBIT_ANY_POLICY, "X509v3 Inhibit Any Policy"},
        {GMTLS_OID_PE_AUTHORITY_INFO_ACCESS, "Authority Information Access"},
    };
    const char *title = NULL;
    for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
        if (titles[i].id == id)
            title = titles[i].title;
    sb_lit(s, "            ");
    if (title)
        sb_add(s, title, strlen(title));
    else
        sb_oid(s, oid, oid_len);
    sb_printf(s, ":%s\n", critical ? " critical" : "");
    switch (id) {
    case GMTLS_OID_CE_BASIC_CONSTRAINTS:
        sb_printf(s, "                CA:%s", c->is_ca ? "TRUE" : "FALSE");
        if (c->path_len >= 0)
            sb_printf(s, ", pathlen:%d", c->path_len);
        sb_lit(s, "\n");
        return;
    case GMTLS_OID_CE_KEY_USAGE:
        sb_lit(s, "                ");
        for (unsigned i = 0, first = 1; i < 9; i++)
            if (c->key_usage & (1u << i)) {
                sb_printf(s, "%s%s", first ? "" : ", ", ku_names[i]);
                first = 0;
            }
        sb_lit(s, "\n");
        return;
    case GMTLS_OID_CE_EXT_KEY_USAGE: {
        gmtls_der d, seq;
        gmtls_der_init(&d, val, len);
        if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq) != 0)
            return;
        sb_lit(s, "                ");
        for (int first = 1; !gmtls_der_at_end(&seq); first = 0) {
            const uint8_t *o;
            size_t ol;
            if (gmtls_der_oid(&seq, &o, &ol) != 0)
                break;
            if (!first)
                sb_lit(s, ", ");
            sb_oid(s, o, ol);
        }
        sb_lit(s, "\n");
        return;
    }
    case GMTLS_OID_CE_SUBJECT_ALT_NAME:
    case GMTLS_OID_CE_ISSUER_ALT_NAME:
        sb_lit(s, "                ");
        sb_general_names(s, id == GMTLS_OID_CE_SUBJECT_ALT_NAME ? c->san.p : c->ian.p,
                         id == GMTLS_OID_CE_SUBJECT_ALT_NAME ? c->san.len : c->ian.len);
        sb_lit(s, "\n");
        return;
    case GMTLS_OID_CE_SUBJECT_KEY_ID:
        sb_hex(s, 16, c->ski.p, c->ski.len, 64, 1);
        return;
    case GMTLS_OID_CE_AUTHORITY_KEY_ID:
        if (c->has_aki_id)
            sb_hex(s, 16, c->aki.p, c->aki.len, 64, 1);
        else
            sb_lit(s, "                (no key identifier)\n");
        return;
    case GMTLS_OID_CE_NAME_CONSTRAINTS:
        if (c->has_nc_permitted)
            show_subtrees(s, "Permitted", &c->nc_permitted);
        if (c->has_nc_excluded)
            show_subtrees(s, "Excluded", &c->nc_excluded);
        return;
    case GMTLS_OID_CE_CERT_POLICIES:
    case GMTLS_OID_CE_CRL_DIST_POINTS:
    case GMTLS_OID_PE_AUTHORITY_INFO_ACCESS:
        show_list(s, id, val, len);
        return;
    default:
        sb_hex(s, 16, val, len, 18, 0);
        return;
    }
}

static void show_extensions(struct sb *s, const struct gmtls_cert *c)
{
    gmtls_der d;
    sb_lit(s, "        X509v3 extensions:\n");
    gmtls_der_init(&d, c->exts.p, c->exts.len);
    while (!gmtls_der_at_end(&d)) {
        const uint8_t *oid, *val;
        size_t oid_len, len;
        int critical;
        if (gmtls_x509_read_ext(&d, 0, &oid, &oid_len, &critical, &val, &len) != 0)
            return; /* decoded when the certificate was parsed: cannot fail */
        show_extension(s, c, gmtls_oid_lookup(oid, oid_len), oid, oid_len, critical, val, len);
    }
}

int gmtls_cert_to_text(const gmtls_cert *c, char **out, size_t *out_len)
{
    if (!c || !out)
        return GMTLS_ERR_INVALID_ARG;
    struct sb s = {NULL, 0, 0, 0};
    sb_lit(&s, "Certificate:\n    Data:\n");
    sb_printf(&s, "        Version: %d (0x%x)\n", c->version, (unsigned)c->version - 1);
    sb_lit(&s, "        Serial Number:\n");
    sb_hex(&s, 12, c->serial.p, c->serial.len, 32, 0);
    sb_lit(&s, "        Signature Algorithm: ");
    sb_oid(&s, c->sig_alg_oid.p, c->sig_alg_oid.len);
    sb_lit(&s, "\n        Issuer: ");
    sb_name(&s, c->issuer.p, c->issuer.len);
    sb_lit(&s, "\n        Validity\n            Not Before: ");
    sb_time(&s, c->not_before);
    sb_lit(&s, "\n            Not After : ");
    sb_time(&s, c->not_after);
    sb_lit(&s, "\n        Subject: ");
    sb_name(&s, c->subject.p, c->subject.len);
    sb_lit(&s, "\n        Subject Public Key Info:\n            Public Key Algorithm: ");
    sb_oid(&s, c->spki_alg_oid.p, c->spki_alg_oid.len);
    if (c->has_key) {
        sb_lit(&s, "\n                Public-Key: (256 bit, SM2)\n                pub:\n");
        uint8_t pt[65];
        size_t pl;
        gmtls_sm2_pubkey_to_octets(&c->pub, 0, pt, &pl);
        sb_hex(&s, 20, pt, pl, 15, 0);
    } else {
        sb_lit(&s, " (not an SM2 key: cannot be used)\n                key:\n");
        sb_hex(&s, 20, c->spki_key.p, c->spki_key.len, 15, 0);
    }
    if (c->has_exts)
        show_extensions(&s, c);
    sb_lit(&s, "    Signature Algorithm: ");
    sb_oid(&s, c->sig_alg_oid.p, c->sig_alg_oid.len);
    sb_lit(&s, "\n    Signature Value:\n");
    sb_hex(&s, 8, c->sig.p, c->sig.len, 18, 0);
    if (s.err) {
        free(s.p);
        return s.err;
    }
    *out = s.p;
    if (out_len)
        *out_len = s.len;
    return 0;
}
