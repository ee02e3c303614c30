/* Certificate extensions (RFC 5280 4.2): decoding and validation of the ones gmtls understands.
 * A malformed value of a known extension makes the certificate invalid (GMTLS_ERR_CERT_BAD),
 * whatever its criticality; unknown extensions are only remembered when critical. */
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/x509.h"
#include "pki/der.h"
#include "pki/oid.h"
#include "pki/x509_internal.h"

static int ia5_ok(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] >= 0x80 || p[i] == 0)
            return 0;
    return 1;
}

/* GeneralName ::= CHOICE { otherName [0], rfc822Name [1] IA5String, dNSName [2] IA5String,
 * x400Address [3], directoryName [4] Name, ediPartyName [5], uniformResourceIdentifier [6],
 * iPAddress [7] OCTET STRING, registeredID [8] OID } (RFC 5280 4.2.1.6; implicit tags except [4],
 * which is explicit because Name is a CHOICE). */
int gmtls_x509_general_name(gmtls_der *d, int in_constraint, int *type, const uint8_t **val, size_t *len)
{
    uint8_t tag;
    const uint8_t *v;
    size_t l;
    int e = gmtls_der_any(d, &tag, &v, &l, NULL, NULL);
    if (e)
        return e;
    if ((tag & 0xc0) != 0x80)
        return GMTLS_ERR_CERT_BAD;
    int n = tag & 0x1f, constructed = (tag & 0x20) != 0;
    switch (n) {
    case GMTLS_GN_EMAIL:
    case GMTLS_GN_DNS:
    case GMTLS_GN_URI:
        if (constructed || !ia5_ok(v, l))
            return GMTLS_ERR_CERT_BAD;
        break;
    case GMTLS_GN_IP:
        if (constructed)
            return GMTLS_ERR_CERT_BAD;
        if (in_constraint ? (l != 8 && l != 32) : (l != 4 && l != 16))
            return GMTLS_ERR_CERT_BAD;
        break;
    case GMTLS_GN_RID:
        if (constructed || l == 0)
            return GMTLS_ERR_CERT_BAD;
        break;
    case GMTLS_GN_DIRNAME: {
        if (!constructed)
            return GMTLS_ERR_CERT_BAD;
        gmtls_der in;
        uint8_t nt;
        const uint8_t *tlv;
        size_t tlv_len;
        gmtls_der_init(&in, v, l);
        if (gmtls_der_any(&in, &nt, NULL, NULL, &tlv, &tlv_len) != 0 || nt != GMTLS_DER_SEQUENCE ||
            gmtls_der_end(&in) != 0 || gmtls_name_check(tlv, tlv_len) != 0)
            return GMTLS_ERR_CERT_BAD;
        v = tlv;
        l = tlv_len;
        break;
    }
    case GMTLS_GN_OTHER:
    case GMTLS_GN_X400:
    case GMTLS_GN_EDI_PARTY:
        if (!constructed)
            return GMTLS_ERR_CERT_BAD;
        break;
    default:
        return GMTLS_ERR_CERT_BAD;
    }
    *type = n;
    *val = v;
    *len = l;
    return 0;
}

/* GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName; returns the content. */
static int general_names(const uint8_t *p, size_t n, gmtls_slice *out)
{
    gmtls_der d, seq;
    gmtls_der_init(&d, p, n);
    if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq) != 0 || gmtls_der_end(&d) != 0)
        return GMTLS_ERR_CERT_BAD;
    out->p = gmtls_reader_ptr(&seq.r);
    out->len = gmtls_reader_left(&seq.r);
    if (gmtls_der_at_end(&seq))
        return GMTLS_ERR_CERT_BAD;
    while (!gmtls_der_at_end(&seq)) {
        int t;
        const uint8_t *v;
        size_t l;
        if (gmtls_x509_general_name(&seq, 0, &t, &v, &l) != 0)
            return GMTLS_ERR_CERT_BAD;
    }
    return 0;
}

/* BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
 * (4.2.1.9). An explicit cA FALSE is not DER but is tolerated: some GM issuers write it. */
static int basic_constraints(struct gmtls_cert *c, const uint8_t *p, size_t n)
{
    gmtls_der d, seq;
    uint8_t tag;
    gmtls_der_init(&d, p, n);
    if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq) != 0 || gmtls_der_end(&d) != 0)
        return GMTLS_ERR_CERT_BAD;
    if (!gmtls_der_at_end(&seq) && gmtls_der_peek_tag(&seq, &tag) == 0 && tag == GMTLS_DER_BOOLEAN) {
        if (gmtls_der_boolean(&seq, &c->is_ca) != 0)
            return GMTLS_ERR_CERT_BAD;
    }
    if (!gmtls_der_at_end(&seq)) {
        uint64_t v;
        if (gmtls_der_small_uint(&seq, &v) != 0)
            return GMTLS_ERR_CERT_BAD;
        c->path_len = v > 1000 ? 1000 : (int)v;
    }
    return gmtls_der_end(&seq) ? GMTLS_ERR_CERT_BAD : 0;
}

/* KeyUsage ::= BIT STRING (4.2.1.3): bit 0 is the most significant bit of the first octet. */
static int key_usage(struct gmtls_cert *c, const uint8_t *p, size_t n)
{
    gmtls_der d;
    const uint8_t *bits;
    size_t len;
    unsigned unused;
    gmtls_der_init(&d, p, n);
    if (gmtls_der_bit_string(&d, &bits, &len, &unused) != 0 || gmtls_der_end(&d) != 0)
        return GMTLS_ERR_CERT_BAD;
    unsigned ku = 0;
    for (unsigned i = 0; i < 9 && i / 8 < len; i++)
        if (bits[i / 8] & (0x80u >> (i % 8)))
            ku |= 1u << i;
    c->key_usage = ku;
    return 0;
}

/* ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId (4.2.1.12). */
static int ext_key_usage(struct gmtls_cert *c, const uint8_t *p, size_t n)
{
    gmtls_der d, seq;
    gmtls_der_init(&d, p, n);
    if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq) != 0 || gmtls_der_end(&d) != 0 || gmtls_der_at_end(&seq))
        return GMTLS_ERR_CERT_BAD;
    unsigned eku = 0;
    while (!gmtls_der_at_end(&seq)) {
        const uint8_t *oid;
        size_t len;
        if (gmtls_der_oid(&seq, &oid, &len) != 0)
            return GMTLS_ERR_CERT_BAD;
        switch (gmtls_oid_lookup(oid, len)) {
        case GMTLS_OID_KP_SERVER_AUTH: eku |= GMTLS_EKU_SERVER_AUTH; break;
        case GMTLS_OID_KP_CLIENT_AUTH: eku |= GMTLS_EKU_CLIENT_AUTH; break;
        case GMTLS_OID_KP_CODE_SIGNING: eku |= GMTLS_EKU_CODE_SIGNING; break;
        case GMTLS_OID_KP_EMAIL_PROTECTION: eku |= GMTLS_EKU_EMAIL_PROTECTION; break;
        case GMTLS_OID_KP_TIME_STAMPING: eku |= GMTLS_EKU_TIME_STAMPING; break;
        case GMTLS_OID_KP_OCSP_SIGNING: eku |= GMTLS_EKU_OCSP_SIGNING; break;
        case GMTLS_OID_ANY_EKU: eku |= GMTLS_EKU_ANY; break;
        default: eku |= GMTLS_EKU_OTHER; break;
        }
    }
    c->eku = eku;
    return 0;
}

/* SubjectKeyIdentifier ::= KeyIdentifier (OCTET STRING) (4.2.1.2). */
static int subject_key_id(struct gmtls_cert *c, const uint8_t *p, size_t n)
{
    gmtls_der d;
    gmtls_der_init(&d, p, n);
    if (gmtls_der_octet_string(&d, &c->ski.p, &c->ski.len) != 0 || gmtls_der_end(&d) != 0)
        return GMTLS_ERR_CERT_BAD;
    return 0;
}

/* AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0], authorityCertIssuer [1] GeneralNames,
 * authorityCertSerialNumber [2] } (4.2.1.1). Only the key identifier is used for chaining. */
static int authority_key_id(struct gmtls_cert *c, const uint8_t *p, size_t n)
{
    gmtls_der d, seq, names;
    int present;
    gmtls_der_init(&d, p, n);
    if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq) != 0 || gmtls_der_end(&d) != 0)
        return GMTLS_ERR_CERT_BAD;
    if (gmtls_der_expect_optional(&seq, GMTLS_DER_CONTEXT_PRIM(0), &c->aki.p, &c->aki.len, &present) != 0)
        return GMTLS_ERR_CERT_BAD;
    c->has_aki_id = present;
    if (gmtls_der_enter_optional(&seq, GMTLS_DER_CONTEXT(1), &names, &present) != 0)
        return GMTLS_ERR_CERT_BAD;
    while (present && !gmtls_der_at_end(&names)) {
        int t;
        const uint8_t *v;
        size_t l;
        if (gmtls_x509_general_name(&names, 0, &t, &v, &l) != 0)
            return GMTLS_ERR_CERT_BAD;
    }
    const uint8_t *serial;
    size_t slen;
    if (gmtls_der_expect_optional(&seq, GMTLS_DER_CONTEXT_PRIM(2), &serial, &slen, &present) != 0)
        return GMTLS_ERR_CERT_BAD;
    return gmtls_der_end(&seq) ? GMTLS_ERR_CERT_BAD : 0;
}

/* GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree; GeneralSubtree ::= SEQUENCE {
 * base GeneralName, minimum [0] DEFAULT 0, maximum [1] OPTIONAL } (4.2.1.10). */
static int subtrees(gmtls_der *in, gmtls_slice *out)
{
    out->p = gmtls_reader_ptr(&in->r);
    out->len = gmtls_reader_left(&in->r);
    if (gmtls_der_at_end(in))
        return GMTLS_ERR_CERT_BAD;
    while (!gmtls_der_at_end(in)) {
        gmtls_der st;
        int t, present;
        const uint8_t *v;
        size_t l;
        if (gmtls_der_enter(in, GMTLS_DER_SEQUENCE, &st) != 0 || gmtls_x509_general_name(&st, 1, &t, &v, &l) != 0)
            return GMTLS_ERR_CERT_BAD;
        if (gmtls_der_expect_optional(&st, GMTLS_DER_CONTEXT_PRIM(0), &v, &l, &present) != 0)
            return GMTLS_ERR_CERT_BAD;
        /* minimum must be 0 (absent in DER) and maximum absent in this profile (4.2.1.10). */
        if (present)
            return GMTLS_ERR_CERT_BAD;
        if (gmtls_der_expect_optional(&st, GMTLS_DER_CONTEXT_PRIM(1), &v, &l, &present) != 0 || present)
            return GMTLS_ERR_CERT_BAD;
        if (gmtls_der_end(&st) != 0)
            return GMTLS_ERR_CERT_BAD;
    }
    return 0;
}

static int name_constraints(struct gmtls_cert *c, const uint8_t *p, size_t n)
{
    gmtls_der d, seq, sub;
    gmtls_der_init(&d, p, n);
    if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq) != 0 || gmtls_der_end(&d) != 0)
        return GMTLS_ERR_CERT_BAD;
    if (gmtls_der_enter_optional(&seq, GMTLS_DER_CONTEXT(0), &sub, &c->has_nc_permitted) != 0)
        return GMTLS_ERR_CERT_BAD;
    if (c->has_nc_permitted && subtrees(&sub, &c->nc_permitted) != 0)
        return GMTLS_ERR_CERT_BAD;
    if (gmtls_der_enter_optional(&seq, GMTLS_DER_CONTEXT(1), &sub, &c->has_nc_excluded) != 0)
        return GMTLS_ERR_CERT_BAD;
    if (c->has_nc_excluded && subtrees(&sub, &c->nc_excluded) != 0)
        return GMTLS_ERR_CERT_BAD;
    /* 4.2.1.10: an empty sequence MUST NOT be used. */
    if ((!c->has_nc_permitted && !c->has_nc_excluded) || gmtls_der_end(&seq) != 0)
        return GMTLS_ERR_CERT_BAD;
    return 0;
}

/* A SEQUENCE OF SEQUENCE { OID, ... } (certificatePolicies 4.2.1.4, authorityInfoAccess 4.2.2.1):
 * checked for shape; with gn set, the element after the OID must be one GeneralName. */
static int seq_of_oid_items(const uint8_t *p, size_t n, int gn)
{
    gmtls_der d, seq;
    gmtls_der_init(&d, p, n);
    if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq) != 0 || gmtls_der_end(&d) != 0 || gmtls_der_at_end(&seq))
        return GMTLS_ERR_CERT_BAD;
    while (!gmtls_der_at_end(&seq)) {
        gmtls_der item;
        const uint8_t *oid, *v;
        size_t len, l;
        int t;
        if (gmtls_der_enter(&seq, GMTLS_DER_SEQUENCE, &item) != 0 || gmtls_der_oid(&item, &oid, &len) != 0)
            return GMTLS_ERR_CERT_BAD;
        if (gn) {
            if (gmtls_x509_general_name(&item, 0, &t, &v, &l) != 0 || gmtls_der_end(&item) != 0)
                return GMTLS_ERR_CERT_BAD;
        } else if (!gmtls_der_at_end(&item)) {
            gmtls_der q;
            if (gmtls_der_enter(&item, GMTLS_DER_SEQUENCE, &q) != 0 || gmtls_der_end(&item) != 0)
                return GMTLS_ERR_CERT_BAD;
        }
    }
    return 0;
}

/* CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint; DistributionPoint ::=
 * SEQUENCE { distributionPoint [0] { fullName [0] GeneralNames | nameRelativeToCRLIssuer [1] },
 * reasons [1] ReasonFlags, cRLIssuer [2] GeneralNames } (4.2.1.13). */
static int crl_dist_points(const uint8_t *p, size_t n)
{
    gmtls_der d, seq;
    gmtls_der_init(&d, p, n);
    if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq) != 0 || gmtls_der_end(&d) != 0 || gmtls_der_at_end(&seq))
        return GMTLS_ERR_CERT_BAD;
    while (!gmtls_der_at_end(&seq)) {
        gmtls_der dp, dpn, names;
        int present, t;
        const uint8_t *v;
        size_t l;
        if (gmtls_der_enter(&seq, GMTLS_DER_SEQUENCE, &dp) != 0)
            return GMTLS_ERR_CERT_BAD;
        if (gmtls_der_enter_optional(&dp, GMTLS_DER_CONTEXT(0), &dpn, &present) != 0)
            return GMTLS_ERR_CERT_BAD;
        if (present) {
            if (gmtls_der_enter_optional(&dpn, GMTLS_DER_CONTEXT(0), &names, &present) != 0)
                return GMTLS_ERR_CERT_BAD;
            if (present) {
                while (!gmtls_der_at_end(&names))
                    if (gmtls_x509_general_name(&names, 0, &t, &v, &l) != 0)
                        return GMTLS_ERR_CERT_BAD;
            } else if (gmtls_der_enter(&dpn, GMTLS_DER_CONTEXT(1), &names) != 0) {
                return GMTLS_ERR_CERT_BAD;
            }
            if (gmtls_der_end(&dpn) != 0)
                return GMTLS_ERR_CERT_BAD;
        }
        if (gmtls_der_expect_optional(&dp, GMTLS_DER_CONTEXT_PRIM(1), &v, &l, &present) != 0)
            return GMTLS_ERR_CERT_BAD;
        if (gmtls_der_enter_optional(&dp, GMTLS_DER_CONTEXT(2), &names, &present) != 0)
            return GMTLS_ERR_CERT_BAD;
        while (present && !gmtls_der_at_end(&names))
            if (gmtls_x509_general_name(&names, 0, &t, &v, &l) != 0)
                return GMTLS_ERR_CERT_BAD;
        if (gmtls_der_end(&dp) != 0)
            return GMTLS_ERR_CERT_BAD;
    }
    return 0;
}

int gmtls_x509_parse_extension(struct gmtls_cert *c, int oid_id, int critical, const uint8_t *val, size_t len)
{
    unsigned bit;
    int e;
    switch (oid_id) {
    case GMTLS_OID_CE_BASIC_CONSTRAINTS: bit = GMTLS_X509_EXT_BC; e = basic_constraints(c, val, len); break;
    case GMTLS_OID_CE_KEY_USAGE: bit = GMTLS_X509_EXT_KU; e = key_usage(c, val, len); break;
    case GMTLS_OID_CE_EXT_KEY_USAGE: bit = GMTLS_X509_EXT_EKU; e = ext_key_usage(c, val, len); break;
    case GMTLS_OID_CE_SUBJECT_ALT_NAME: bit = GMTLS_X509_EXT_SAN; e = general_names(val, len, &c->san); break;
    case GMTLS_OID_CE_ISSUER_ALT_NAME: bit = GMTLS_X509_EXT_IAN; e = general_names(val, len, &c->ian); break;
    case GMTLS_OID_CE_SUBJECT_KEY_ID: bit = GMTLS_X509_EXT_SKI; e = subject_key_id(c, val, len); break;
    case GMTLS_OID_CE_AUTHORITY_KEY_ID: bit = GMTLS_X509_EXT_AKI; e = authority_key_id(c, val, len); break;
    case GMTLS_OID_CE_NAME_CONSTRAINTS: bit = GMTLS_X509_EXT_NC; e = name_constraints(c, val, len); break;
    case GMTLS_OID_CE_CERT_POLICIES: bit = GMTLS_X509_EXT_CP; e = seq_of_oid_items(val, len, 0); break;
    case GMTLS_OID_CE_CRL_DIST_POINTS: bit = GMTLS_X509_EXT_CRLDP; e = crl_dist_points(val, len); break;
    case GMTLS_OID_PE_AUTHORITY_INFO_ACCESS: bit = GMTLS_X509_EXT_AIA; e = seq_of_oid_items(val, len, 1); break;
    case GMTLS_OID_CE_POLICY_CONSTRAINTS:
    case GMTLS_OID_CE_INHIBIT_ANY_POLICY:
        /* Recognised but not enforced: gmtls does not process certificate policies (RFC 5280
         * 6.1.3 (d)-(f)); a critical instance is accepted rather than treated as unknown. */
        return 0;
    default:
        if (critical)
            c->unknown_critical = 1;
        return 0;
    }
    if (e)
        return GMTLS_ERR_CERT_BAD;
    c->ext_seen |= bit;
    return 0;
}

int gmtls_x509_read_ext(gmtls_der *seq, int false_err, const uint8_t **oid, size_t *oid_len, int *critical,
                        const uint8_t **val, size_t *val_len)
{
    gmtls_der ext;
    uint8_t tag;
    int e;
    *critical = 0;
    if ((e = gmtls_der_enter(seq, GMTLS_DER_SEQUENCE, &ext)) != 0 || (e = gmtls_der_oid(&ext, oid, oid_len)) != 0 ||
        (e = gmtls_der_peek_tag(&ext, &tag)) != 0)
        return e;
    if (tag == GMTLS_DER_BOOLEAN) {
        if ((e = gmtls_der_boolean(&ext, critical)) != 0)
            return e;
        if (!*critical && false_err)
            return false_err;
    }
    if ((e = gmtls_der_octet_string(&ext, val, val_len)) != 0)
        return e;
    return gmtls_der_end(&ext);
}

int gmtls_x509_ext_repeated(const uint8_t *exts, size_t len, const uint8_t *oid, size_t oid_len)
{
    gmtls_der prev;
    gmtls_der_init(&prev, exts, len);
    while (!gmtls_der_at_end(&prev)) {
        gmtls_der pe;
        const uint8_t *po;
        size_t pl;
        if (gmtls_der_enter(&prev, GMTLS_DER_SEQUENCE, &pe) != 0 || gmtls_der_oid(&pe, &po, &pl) != 0)
            break; /* read before; cannot fail */
        if (pl == oid_len && memcmp(po, oid, pl) == 0)
            return 1;
    }
    return 0;
}
