/* Certificate revocation lists (RFC 5280 5): decoding, verification against the issuer, and
 * serial number lookup. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gmtls/error.h"
#include "gmtls/pem.h"
#include "gmtls/x509.h"
#include "pki/der.h"
#include "pki/oid.h"
#include "pki/x509_internal.h"

#define OID_INVALIDITY_DATE_LEN 3
static const uint8_t oid_invalidity_date[OID_INVALIDITY_DATE_LEN] = {0x55, 0x1d, 0x18}; /* 2.5.29.24 */

/* Extensions [0] of the CRL or of one entry: duplicates and unknown critical ones are invalid
 * (5.2, 5.3). The caller's handler decodes the ones it knows; it returns 1 for "unknown". */
typedef int (*crl_ext_fn)(struct gmtls_crl *crl, int id, const uint8_t *oid, size_t oid_len, const uint8_t *val,
                          size_t len, int *reason);

static int crl_extensions(struct gmtls_crl *crl, gmtls_der *seq, crl_ext_fn fn, int *reason)
{
    const uint8_t *start = gmtls_reader_ptr(&seq->r);
    if (gmtls_der_at_end(seq))
        return GMTLS_ERR_CRL_BAD;
    while (!gmtls_der_at_end(seq)) {
        const uint8_t *oid, *val, *here = gmtls_reader_ptr(&seq->r);
        size_t oid_len, len;
        int critical, e;
        if ((e = gmtls_x509_read_ext(seq, 0, &oid, &oid_len, &critical, &val, &len)) != 0)
            return e;
        if (gmtls_x509_ext_repeated(start, (size_t)(here - start), oid, oid_len))
            return GMTLS_ERR_CRL_BAD;
        int r = fn(crl, gmtls_oid_lookup(oid, oid_len), oid, oid_len, val, len, reason);
        if (r < 0)
            return GMTLS_ERR_CRL_BAD;
        if (r == 1 && critical)
            return GMTLS_ERR_CRL_BAD;
    }
    return 0;
}

/* cRLNumber (5.2.3), authorityKeyIdentifier (5.2.1), issuerAltName (5.2.2). */
static int crl_ext(struct gmtls_crl *crl, int id, const uint8_t *oid, size_t oid_len, const uint8_t *val, size_t len,
                   int *reason)
{
    gmtls_der d, seq;
    int present;
    (void)oid;
    (void)oid_len;
    (void)reason;
    gmtls_der_init(&d, val, len);
    switch (id) {
    case GMTLS_OID_CE_CRL_NUMBER: {
        int neg = 0;
        if (gmtls_der_integer(&d, &crl->number.p, &crl->number.len, &neg) != 0 || neg || gmtls_der_end(&d) != 0)
            return -1;
        while (crl->number.len > 1 && crl->number.p[0] == 0) {
            crl->number.p++;
            crl->number.len--;
        }
        crl->has_number = 1;
        return 0;
    }
    case GMTLS_OID_CE_AUTHORITY_KEY_ID:
        if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq) != 0 || gmtls_der_end(&d) != 0)
            return -1;
        if (gmtls_der_expect_optional(&seq, GMTLS_DER_CONTEXT_PRIM(0), &crl->aki.p, &crl->aki.len, &present) != 0)
            return -1;
        crl->has_aki_id = present;
        return 0;
    case GMTLS_OID_CE_ISSUER_ALT_NAME:
        return 0;
    default:
        return 1;
    }
}

/* reasonCode ::= ENUMERATED (5.3.1), invalidityDate (5.3.2). certificateIssuer (5.3.3, indirect
 * CRLs) is not supported, so it is "unknown" and, being critical, rejects the CRL. */
static int entry_ext(struct gmtls_crl *crl, int id, const uint8_t *oid, size_t oid_len, const uint8_t *val,
                     size_t len, int *reason)
{
    gmtls_der d;
    (void)crl;
    gmtls_der_init(&d, val, len);
    if (id == GMTLS_OID_CE_CRL_REASON) {
        const uint8_t *v;
        size_t l;
        if (gmtls_der_expect(&d, 0x0a, &v, &l) != 0 || gmtls_der_end(&d) != 0 || l != 1 || v[0] > 10 || v[0] == 7)
            return -1;
        *reason = v[0];
        return 0;
    }
    if (oid_len == OID_INVALIDITY_DATE_LEN && memcmp(oid, oid_invalidity_date, oid_len) == 0) {
        const uint8_t *v;
        size_t l;
        if (gmtls_der_expect(&d, GMTLS_DER_GENERALIZED_TIME, &v, &l) != 0 || gmtls_der_end(&d) != 0)
            return -1;
        return 0;
    }
    return 1;
}

/* One revokedCertificates entry: SEQUENCE { userCertificate INTEGER, revocationDate Time,
 * crlEntryExtensions Extensions OPTIONAL }. */
static int parse_entry(struct gmtls_crl *crl, gmtls_der *list, gmtls_slice *serial, int64_t *when, int *reason)
{
    gmtls_der ent, exts;
    int neg = 0, e, present;
    if ((e = gmtls_der_enter(list, GMTLS_DER_SEQUENCE, &ent)) != 0)
        return e;
    if ((e = gmtls_der_integer(&ent, &serial->p, &serial->len, &neg)) != 0)
        return e;
    if (neg)
        return GMTLS_ERR_CRL_BAD;
    while (serial->len > 0 && serial->p[0] == 0) {
        serial->p++;
        serial->len--;
    }
    if ((e = gmtls_der_time(&ent, when)) != 0)
        return e;
    *reason = -1;
    if ((e = gmtls_der_enter_optional(&ent, GMTLS_DER_SEQUENCE, &exts, &present)) != 0)
        return e;
    if (present) {
        if (crl->version < 2)
            return GMTLS_ERR_CRL_BAD;
        if ((e = crl_extensions(crl, &exts, entry_ext, reason)) != 0)
            return e;
    }
    return gmtls_der_end(&ent);
}

static int parse_tbs(struct gmtls_crl *crl, const uint8_t *val, size_t len, int depth)
{
    gmtls_der d, v;
    int e, present;
    uint8_t tag;
    gmtls_der_init(&d, val, len);
    d.depth = depth;
    crl->version = 1;
    if ((e = gmtls_der_peek_tag(&d, &tag)) != 0)
        return e;
    if (tag == GMTLS_DER_INTEGER) {
        uint64_t ver;
        if ((e = gmtls_der_small_uint(&d, &ver)) != 0)
            return e == GMTLS_ERR_DER_VALUE ? GMTLS_ERR_CRL_BAD : e;
        if (ver != 1) /* 5.1.2.1: only v2 is ever written explicitly */
            return GMTLS_ERR_CRL_BAD;
        crl->version = 2;
    }
    gmtls_slice alg, oid;
    int id;
    if ((e = gmtls_x509_parse_alg(&d, &alg, &oid, &id)) != 0)
        return e == GMTLS_ERR_CERT_BAD ? GMTLS_ERR_CRL_BAD : e;
    if (alg.len != crl->sig_alg.len || memcmp(alg.p, crl->sig_alg.p, alg.len) != 0)
        return GMTLS_ERR_CRL_BAD;
    if ((e = gmtls_der_any(&d, &tag, NULL, NULL, &crl->issuer.p, &crl->issuer.len)) != 0)
        return e;
    if (tag != GMTLS_DER_SEQUENCE)
        return GMTLS_ERR_DER_TAG;
    if ((e = gmtls_name_check(crl->issuer.p, crl->issuer.len)) != 0)
        return e == GMTLS_ERR_CERT_BAD ? GMTLS_ERR_CRL_BAD : e;
    if ((e = gmtls_der_time(&d, &crl->this_update)) != 0)
        return e;
    crl->next_update = 0;
    if (!gmtls_der_at_end(&d) && (e = gmtls_der_peek_tag(&d, &tag)) == 0 &&
        (tag == GMTLS_DER_UTC_TIME || tag == GMTLS_DER_GENERALIZED_TIME)) {
        if ((e = gmtls_der_time(&d, &crl->next_update)) != 0)
            return e;
    }
    if ((e = gmtls_der_enter_optional(&d, GMTLS_DER_SEQUENCE, &v, &present)) != 0)
        return e;
    if (present) {
        crl->revoked.p = gmtls_reader_ptr(&v.r);
        crl->revoked.len = gmtls_reader_left(&v.r);
        while (!gmtls_der_at_end(&v)) {
            gmtls_slice serial;
            int64_t when;
            int reason;
            if ((e = parse_entry(crl, &v, &serial, &when, &reason)) != 0)
                return e;
            crl->count++;
        }
    }
    if ((e = gmtls_der_enter_optional(&d, GMTLS_DER_CONTEXT(0), &v, &present)) != 0)
        return e;
    if (present) {
        gmtls_der seq;
        int unused_reason;
        if (crl->version < 2)
            return GMTLS_ERR_CRL_BAD;
        if ((e = gmtls_der_enter(&v, GMTLS_DER_SEQUENCE, &seq)) != 0 || (e = gmtls_der_end(&v)) != 0)
            return e;
        if ((e = crl_extensions(crl, &seq, crl_ext, &unused_reason)) != 0)
            return e;
    }
    return gmtls_der_end(&d);
}

int gmtls_crl_parse(gmtls_crl **out, const uint8_t *der, size_t len)
{
    if (!out || (!der && len))
        return GMTLS_ERR_INVALID_ARG;
    *out = NULL;
    struct gmtls_crl *crl = calloc(1, sizeof(*crl));
    if (!crl)
        return GMTLS_ERR_NO_MEMORY;
    /* CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue } (5.1) */
    gmtls_x509_signed s;
    int e = gmtls_x509_parse_signed(&s, &crl->der, der, len, GMTLS_ERR_CRL_BAD);
    crl->der_len = len;
    if (e)
        goto fail;
    crl->tbs = s.tbs;
    crl->sig_alg = s.sig_alg;
    crl->sig_alg_id = s.sig_alg_id;
    crl->sig = s.sig;
    if ((e = parse_tbs(crl, s.tbs_body.p, s.tbs_body.len, s.body_depth)) != 0)
        goto fail;
    *out = crl;
    return 0;
fail:
    gmtls_crl_free(crl);
    return e;
}

void gmtls_crl_free(gmtls_crl *crl)
{
    if (!crl)
        return;
    free(crl->der);
    free(crl);
}

void gmtls_crl_free_all(gmtls_crl **crls, size_t n)
{
    if (!crls)
        return;
    for (size_t i = 0; i < n; i++)
        gmtls_crl_free(crls[i]);
    free(crls);
}

int gmtls_crl_parse_any(gmtls_crl ***crls, size_t *n, const uint8_t *data, size_t len)
{
    if (!crls || !n || (!data && len))
        return GMTLS_ERR_INVALID_ARG;
    *crls = NULL;
    *n = 0;
    gmtls_crl **arr = NULL;
    size_t cnt = 0;
    int e;
    if (len > 0 && data[0] == GMTLS_DER_SEQUENCE) {
        arr = malloc(sizeof(*arr));
        if (!arr)
            return GMTLS_ERR_NO_MEMORY;
        if ((e = gmtls_crl_parse(&arr[0], data, len)) != 0) {
            free(arr);
            return e;
        }
        *crls = arr;
        *n = 1;
        return 0;
    }
    size_t pos = 0;
    for (;;) {
        gmtls_pem_block blk;
        memset(&blk, 0, sizeof(blk));
        e = gmtls_pem_next((const char *)data, len, &pos, &blk);
        if (e == GMTLS_ERR_NOT_FOUND)
            break;
        if (e)
            goto fail;
        if (strcmp(blk.label, "X509 CRL") != 0) {
            gmtls_pem_block_free(&blk);
            continue;
        }
        gmtls_crl **na = realloc(arr, (cnt + 1) * sizeof(*arr));
        if (!na) {
            gmtls_pem_block_free(&blk);
            e = GMTLS_ERR_NO_MEMORY;
            goto fail;
        }
        arr = na;
        e = gmtls_crl_parse(&arr[cnt], blk.der, blk.der_len);
        gmtls_pem_block_free(&blk);
        if (e)
            goto fail;
        cnt++;
    }
    if (cnt == 0) {
        free(arr);
        return GMTLS_ERR_NOT_FOUND;
    }
    *crls = arr;
    *n = cnt;
    return 0;
fail:
    gmtls_crl_free_all(arr, cnt);
    return e;
}

void gmtls_crl_issuer_der(const gmtls_crl *crl, const uint8_t **der, size_t *len)
{
    *der = crl->issuer.p;
    *len = crl->issuer.len;
}

void gmtls_crl_dates(const gmtls_crl *crl, int64_t *this_update, int64_t *next_update)
{
    if (this_update)
        *this_update = crl->this_update;
    if (next_update)
        *next_update = crl->next_update;
}

size_t gmtls_crl_count(const gmtls_crl *crl)
{
    return crl->count;
}

int gmtls_crl_entry(const gmtls_crl *crl, size_t i, const uint8_t **serial, size_t *serial_len, int64_t *revoked_at,
                    int *reason)
{
    if (i >= crl->count)
        return GMTLS_ERR_NOT_FOUND;
    gmtls_der d;
    gmtls_der_init(&d, crl->revoked.p, crl->revoked.len);
    struct gmtls_crl tmp = *crl;
    for (size_t k = 0;; k++) {
        gmtls_slice s;
        int64_t when;
        int r;
        if (parse_entry(&tmp, &d, &s, &when, &r) != 0)
            return GMTLS_ERR_NOT_FOUND; /* validated at parse time */
        if (k == i) {
            *serial = s.p;
            *serial_len = s.len;
            if (revoked_at)
                *revoked_at = when;
            if (reason)
                *reason = r;
            return 0;
        }
    }
}

int gmtls_crl_is_revoked(const gmtls_crl *crl, const gmtls_cert *cert)
{
    if (!gmtls_name_equal(crl->issuer.p, crl->issuer.len, cert->issuer.p, cert->issuer.len))
        return 0;
    gmtls_der d;
    gmtls_der_init(&d, crl->revoked.p, crl->revoked.len);
    struct gmtls_crl tmp = *crl;
    while (!gmtls_der_at_end(&d)) {
        gmtls_slice s;
        int64_t when;
        int r;
        if (parse_entry(&tmp, &d, &s, &when, &r) != 0)
            return 0;
        if (s.len == cert->serial.len && memcmp(s.p, cert->serial.p, s.len) == 0)
            return 1;
    }
    return 0;
}

int gmtls_crl_verify(const gmtls_crl *crl, const gmtls_cert *issuer, int64_t now)
{
    if (!crl || !issuer)
        return GMTLS_ERR_INVALID_ARG;
    if (now == 0)
        now = (int64_t)time(NULL);
    /* 6.3.3 (b), (f): the CRL issuer is the certificate's issuer and may sign CRLs. */
    if (!gmtls_name_equal(crl->issuer.p, crl->issuer.len, issuer->subject.p, issuer->subject.len))
        return GMTLS_ERR_CRL_BAD;
    if (!(issuer->key_usage & GMTLS_KU_ABSENT) && !(issuer->key_usage & GMTLS_KU_CRL_SIGN))
        return GMTLS_ERR_CERT_KEY_USAGE;
    int e = gmtls_x509_check_sig(crl->sig_alg_id, gmtls_cert_pubkey(issuer), crl->tbs.p, crl->tbs.len, crl->sig.p,
                                 crl->sig.len, GMTLS_ERR_CRL_SIGNATURE);
    if (e)
        return e;
    if (crl->this_update > now || (crl->next_update != 0 && crl->next_update < now))
        return GMTLS_ERR_CRL_EXPIRED;
    return 0;
}
