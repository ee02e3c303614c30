/* PKCS#10 certification requests (RFC 2986): parsing, signature verification and accessors. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/issue.h"
#include "gmtls/pem.h"
#include "gmtls/sm2.h"
#include "pki/der.h"
#include "pki/issue_internal.h"
#include "pki/oid.h"
#include "pki/spki.h"
#include "pki/x509_internal.h"

#define CSR_MAX_EXTS 64

struct csr_ext {
    const uint8_t *oid;
    size_t oid_len;
    int critical;
    const uint8_t *val;
    size_t val_len;
};

struct gmtls_csr {
    uint8_t *der;
    size_t der_len;
    const uint8_t *info; /* CertificationRequestInfo TLV as received: what the signature covers */
    size_t info_len;
    const uint8_t *subject;
    size_t subject_len;
    gmtls_sm2_pubkey pub;
    uint8_t sig[GMTLS_SM2_SIG_SIZE];
    size_t n_ext;
    struct csr_ext ext[CSR_MAX_EXTS];
    const uint8_t *san;
    size_t san_len;
};

/* Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension (RFC 5280 4.1), as the single value of the
 * extensionRequest attribute. */
static int parse_extensions(gmtls_csr *c, gmtls_der *set)
{
    gmtls_der exts;
    int e;
    if ((e = gmtls_der_enter(set, GMTLS_DER_SEQUENCE, &exts)) != 0)
        return e;
    if ((e = gmtls_der_end(set)) != 0) /* exactly one value */
        return GMTLS_ERR_DER_VALUE;
    while (!gmtls_der_at_end(&exts)) {
        struct csr_ext x;
        memset(&x, 0, sizeof(x));
        /* X.690 11.5: DEFAULT FALSE must be absent */
        if ((e = gmtls_x509_read_ext(&exts, GMTLS_ERR_DER_VALUE, &x.oid, &x.oid_len, &x.critical, &x.val,
                                     &x.val_len)) != 0)
            return e;
        for (size_t i = 0; i < c->n_ext; i++)
            if (c->ext[i].oid_len == x.oid_len && memcmp(c->ext[i].oid, x.oid, x.oid_len) == 0)
                return GMTLS_ERR_DER_VALUE; /* RFC 5280 4.2: at most one instance of an extension */
        if (c->n_ext == CSR_MAX_EXTS)
            return GMTLS_ERR_NOT_SUPPORTED;
        if (gmtls_oid_is(x.oid, x.oid_len, GMTLS_OID_CE_SUBJECT_ALT_NAME)) {
            if (gmtls_issue_check_san(x.val, x.val_len) != 0)
                return GMTLS_ERR_DER_VALUE;
            c->san = x.val;
            c->san_len = x.val_len;
        }
        c->ext[c->n_ext++] = x;
    }
    return 0;
}

static int parse_info(gmtls_csr *c, const uint8_t *p, size_t len)
{
    gmtls_der d, attrs, attr, set;
    uint64_t version;
    uint8_t tag;
    const uint8_t *spki;
    size_t spki_len;
    int e, present, seen_ext = 0;

    gmtls_der_init(&d, p, len);
    /* RFC 2986 4.1: version is 0 */
    if ((e = gmtls_der_small_uint(&d, &version)) != 0)
        return e;
    if (version != 0)
        return GMTLS_ERR_DER_VALUE;
    if ((e = gmtls_der_any(&d, &tag, NULL, NULL, &c->subject, &c->subject_len)) != 0)
        return e;
    if (tag != GMTLS_DER_SEQUENCE)
        return GMTLS_ERR_DER_TAG;
    /* An empty subject is allowed in a request; anything present must be a well-formed Name. */
    if (c->subject_len != 2 && gmtls_issue_check_name(c->subject, c->subject_len) != 0)
        return GMTLS_ERR_DER_VALUE;
    if ((e = gmtls_der_any(&d, &tag, NULL, NULL, &spki, &spki_len)) != 0)
        return e;
    if (tag != GMTLS_DER_SEQUENCE)
        return GMTLS_ERR_DER_TAG;
    if ((e = gmtls_spki_parse(&c->pub, spki, spki_len)) != 0)
        return e;
    /* attributes [0] IMPLICIT SET OF Attribute; tolerated when absent (some old tools omit it) */
    if ((e = gmtls_der_enter_optional(&d, GMTLS_DER_CONTEXT(0), &attrs, &present)) != 0)
        return e;
    while (present && !gmtls_der_at_end(&attrs)) {
        const uint8_t *oid;
        size_t ol;
        if ((e = gmtls_der_enter(&attrs, GMTLS_DER_SEQUENCE, &attr)) != 0 || (e = gmtls_der_oid(&attr, &oid, &ol)) != 0 ||
            (e = gmtls_der_enter(&attr, GMTLS_DER_SET, &set)) != 0 || (e = gmtls_der_end(&attr)) != 0)
            return e;
        if (gmtls_der_at_end(&set))
            return GMTLS_ERR_DER_VALUE; /* SET SIZE(1..MAX) */
        if (gmtls_oid_is(oid, ol, GMTLS_OID_PKCS9_EXTENSION_REQUEST)) {
            if (seen_ext++)
                return GMTLS_ERR_DER_VALUE;
            if ((e = parse_extensions(c, &set)) != 0)
                return e;
        } else {
            while (!gmtls_der_at_end(&set))
                if ((e = gmtls_der_any(&set, NULL, NULL, NULL, NULL, NULL)) != 0)
                    return e;
        }
    }
    return gmtls_der_end(&d);
}

static int parse_der(gmtls_csr *c)
{
    gmtls_der d, req, alg;
    uint8_t tag;
    const uint8_t *info_val, *oid, *bits;
    size_t info_vl, ol, bl;
    unsigned unused;
    int e, present;

    gmtls_der_init(&d, c->der, c->der_len);
    if ((e = gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &req)) != 0)
        return e;
    if ((e = gmtls_der_end(&d)) != 0)
        return e;
    /* RFC 2986 4.2: CertificationRequest { certificationRequestInfo, signatureAlgorithm, signature } */
    if ((e = gmtls_der_any(&req, &tag, &info_val, &info_vl, &c->info, &c->info_len)) != 0)
        return e;
    if (tag != GMTLS_DER_SEQUENCE)
        return GMTLS_ERR_DER_TAG;
    if ((e = gmtls_der_enter(&req, GMTLS_DER_SEQUENCE, &alg)) != 0 || (e = gmtls_der_oid(&alg, &oid, &ol)) != 0)
        return e;
    /* Parameters are absent for SM2-with-SM3; a NULL is tolerated. */
    if ((e = gmtls_der_expect_optional(&alg, GMTLS_DER_NULL, &bits, &bl, &present)) != 0)
        return e;
    if (present && bl != 0)
        return GMTLS_ERR_DER_VALUE;
    if ((e = gmtls_der_end(&alg)) != 0)
        return e;
    if ((e = gmtls_der_bit_string(&req, &bits, &bl, &unused)) != 0 || (e = gmtls_der_end(&req)) != 0)
        return e;
    if ((e = parse_info(c, info_val, info_vl)) != 0)
        return e;
    if (!gmtls_oid_is(oid, ol, GMTLS_OID_SM2_WITH_SM3))
        return GMTLS_ERR_UNKNOWN_ALGORITHM;
    if (unused != 0)
        return GMTLS_ERR_BAD_SIGNATURE;
    return gmtls_sm2_sig_from_der(bits, bl, c->sig);
}

int gmtls_csr_parse(gmtls_csr **out, const uint8_t *data, size_t len)
{
    gmtls_csr *c;
    int e;
    if (!out)
        return GMTLS_ERR_INVALID_ARG;
    *out = NULL;
    if (!data && len)
        return GMTLS_ERR_INVALID_ARG;
    c = calloc(1, sizeof(*c));
    if (!c)
        return GMTLS_ERR_NO_MEMORY;
    if (len > 0 && data[0] == GMTLS_DER_SEQUENCE) {
        c->der = malloc(len);
        if (!c->der) {
            free(c);
            return GMTLS_ERR_NO_MEMORY;
        }
        memcpy(c->der, data, len);
        c->der_len = len;
    } else if (len == 0) {
        free(c);
        return GMTLS_ERR_DER_TRUNCATED;
    } else {
        /* RFC 7468 7: "CERTIFICATE REQUEST"; "NEW CERTIFICATE REQUEST" is what some tools write */
        e = gmtls_pem_find((const char *)data, len, "CERTIFICATE REQUEST", &c->der, &c->der_len);
        if (e == GMTLS_ERR_NOT_FOUND)
            e = gmtls_pem_find((const char *)data, len, "NEW CERTIFICATE REQUEST", &c->der, &c->der_len);
        if (e) {
            free(c);
            return e;
        }
    }
    if ((e = parse_der(c)) != 0) {
        gmtls_csr_free(c);
        return e;
    }
    *out = c;
    return 0;
}

void gmtls_csr_free(gmtls_csr *c)
{
    if (!c)
        return;
    free(c->der);
    free(c);
}

int gmtls_csr_verify_id(const gmtls_csr *c, const uint8_t *id, size_t id_len)
{
    if (!c)
        return GMTLS_ERR_INVALID_ARG;
    return gmtls_sm2_verify(&c->pub, id, id_len, c->info, c->info_len, c->sig);
}

int gmtls_csr_verify(const gmtls_csr *c)
{
    return gmtls_csr_verify_id(c, (const uint8_t *)GMTLS_SM2_DEFAULT_ID, GMTLS_SM2_DEFAULT_ID_LEN);
}

void gmtls_csr_der(const gmtls_csr *c, const uint8_t **der, size_t *len)
{
    *der = c->der;
    *len = c->der_len;
}

void gmtls_csr_subject_der(const gmtls_csr *c, const uint8_t **der, size_t *len)
{
    *der = c->subject;
    *len = c->subject_len;
}

const gmtls_sm2_pubkey *gmtls_csr_pubkey(const gmtls_csr *c)
{
    return &c->pub;
}

size_t gmtls_csr_ext_count(const gmtls_csr *c)
{
    return c->n_ext;
}

int gmtls_csr_ext(const gmtls_csr *c, size_t index, const uint8_t **oid, size_t *oid_len, int *critical,
                  const uint8_t **val, size_t *val_len)
{
    if (!c)
        return GMTLS_ERR_INVALID_ARG;
    if (index >= c->n_ext)
        return GMTLS_ERR_NOT_FOUND;
    const struct csr_ext *x = &c->ext[index];
    if (oid)
        *oid = x->oid;
    if (oid_len)
        *oid_len = x->oid_len;
    if (critical)
        *critical = x->critical;
    if (val)
        *val = x->val;
    if (val_len)
        *val_len = x->val_len;
    return 0;
}

int gmtls_csr_san(const gmtls_csr *c, const uint8_t **der, size_t *len)
{
    if (!c)
        return GMTLS_ERR_INVALID_ARG;
    if (!c->san)
        return GMTLS_ERR_NOT_FOUND;
    *der = c->san;
    *len = c->san_len;
    return 0;
}
