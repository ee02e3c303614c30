/* X.509 v3 certificate decoding (RFC 5280 4.1) and the accessors of include/gmtls/x509.h. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/pem.h"
#include "gmtls/sm3.h"
#include "gmtls/x509.h"
#include "pki/der.h"
#include "pki/oid.h"
#include "pki/spki.h"
#include "pki/x509_internal.h"

/* Enter a SEQUENCE of d, keeping its whole TLV as well. */
static int enter_sequence_tlv(gmtls_der *d, gmtls_der *in, gmtls_slice *tlv)
{
    const uint8_t *val;
    size_t len;
    uint8_t tag;
    int e = gmtls_der_any(d, &tag, &val, &len, &tlv->p, &tlv->len);
    if (e)
        return e;
    if (tag != GMTLS_DER_SEQUENCE)
        return GMTLS_ERR_DER_TAG;
    gmtls_der_init(in, val, len);
    in->depth = d->depth + 1;
    return 0;
}

/* AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } (RFC 5280 4.1.1.2).
 * For SM2-with-SM3 the parameters must be absent or NULL. */
int gmtls_x509_parse_alg(gmtls_der *d, gmtls_slice *tlv, gmtls_slice *oid, int *id)
{
    gmtls_der in;
    gmtls_slice t;
    int e = enter_sequence_tlv(d, &in, &t);
    if (e)
        return e;
    if ((e = gmtls_der_oid(&in, &oid->p, &oid->len)) != 0)
        return e;
    *id = gmtls_oid_lookup(oid->p, oid->len);
    if (!gmtls_der_at_end(&in)) {
        uint8_t ptag;
        if ((e = gmtls_der_any(&in, &ptag, NULL, NULL, NULL, NULL)) != 0)
            return e;
        if (*id == GMTLS_OID_SM2_WITH_SM3 && ptag != GMTLS_DER_NULL)
            return GMTLS_ERR_CERT_BAD;
    }
    if ((e = gmtls_der_end(&in)) != 0)
        return e;
    *tlv = t;
    return 0;
}

/* SubjectPublicKeyInfo (RFC 5280 4.1.2.7): kept whole; an SM2 key is validated and loaded, any
 * other algorithm leaves the certificate without a usable key. */
static int parse_spki(struct gmtls_cert *c, gmtls_der *d)
{
    gmtls_der in, alg;
    uint8_t tag;
    int e = enter_sequence_tlv(d, &in, &c->spki);
    if (e)
        return e;
    if ((e = gmtls_der_enter(&in, GMTLS_DER_SEQUENCE, &alg)) != 0)
        return e;
    if ((e = gmtls_der_oid(&alg, &c->spki_alg_oid.p, &c->spki_alg_oid.len)) != 0)
        return e;
    c->spki_param.p = NULL;
    c->spki_param.len = 0;
    if (!gmtls_der_at_end(&alg)) {
        if ((e = gmtls_der_any(&alg, &tag, NULL, NULL, &c->spki_param.p, &c->spki_param.len)) != 0)
            return e;
    }
    if ((e = gmtls_der_end(&alg)) != 0)
        return e;
    unsigned unused;
    if ((e = gmtls_der_bit_string(&in, &c->spki_key.p, &c->spki_key.len, &unused)) != 0)
        return e;
    if ((e = gmtls_der_end(&in)) != 0)
        return e;
    e = gmtls_spki_parse(&c->pub, c->spki.p, c->spki.len);
    if (e == 0) {
        c->has_key = 1;
        return 0;
    }
    /* A key of another algorithm (or another curve): the certificate stays readable, but nothing
     * can be verified with it. A broken SM2 key is an error. */
    if (e == GMTLS_ERR_UNKNOWN_ALGORITHM)
        return 0;
    return e;
}

/* Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension (RFC 5280 4.1.2.9). */
static int parse_extensions(struct gmtls_cert *c, gmtls_der *d)
{
    gmtls_der seq;
    int e = gmtls_der_enter(d, GMTLS_DER_SEQUENCE, &seq);
    if (e)
        return e;
    c->exts.p = gmtls_reader_ptr(&seq.r);
    c->exts.len = gmtls_reader_left(&seq.r);
    if (gmtls_der_at_end(&seq))
        return GMTLS_ERR_CERT_BAD;
    while (!gmtls_der_at_end(&seq)) {
        const uint8_t *oid, *val;
        size_t oid_len, len;
        int critical;
        const uint8_t *ext_start = gmtls_reader_ptr(&seq.r);
        if ((e = gmtls_x509_read_ext(&seq, 0, &oid, &oid_len, &critical, &val, &len)) != 0)
            return e;
        /* RFC 5280 4.2: a certificate MUST NOT include more than one instance of an extension.
         * Compare with every earlier OID (unknown ones included). */
        if (gmtls_x509_ext_repeated(c->exts.p, (size_t)(ext_start - c->exts.p), oid, oid_len))
            return GMTLS_ERR_CERT_BAD;
        int id = gmtls_oid_lookup(oid, oid_len);
        if ((e = gmtls_x509_parse_extension(c, id, critical, val, len)) != 0)
            return e;
    }
    return 0;
}

static int parse_tbs(struct gmtls_cert *c, const uint8_t *val, size_t len, int depth)
{
    gmtls_der d, v;
    int e, present;
    gmtls_der_init(&d, val, len);
    d.depth = depth;

    /* version [0] EXPLICIT Version DEFAULT v1 */
    c->version = 1;
    if ((e = gmtls_der_enter_optional(&d, GMTLS_DER_CONTEXT(0), &v, &present)) != 0)
        return e;
    if (present) {
        uint64_t ver;
        if ((e = gmtls_der_small_uint(&v, &ver)) != 0)
            return e == GMTLS_ERR_DER_VALUE ? GMTLS_ERR_CERT_BAD : e;
        if ((e = gmtls_der_end(&v)) != 0)
            return e;
        if (ver > 2)
            return GMTLS_ERR_CERT_BAD;
        c->version = (int)ver + 1;
    }

    /* serialNumber: positive, at most 20 octets (RFC 5280 4.1.2.2) */
    const uint8_t *mag;
    size_t mag_len;
    int neg = 0;
    if ((e = gmtls_der_integer(&d, &mag, &mag_len, &neg)) != 0)
        return e;
    while (mag_len > 0 && mag[0] == 0) { /* tolerate whatever sign byte the decoder leaves */
        mag++;
        mag_len--;
    }
    if (neg || mag_len == 0 || mag_len > 20)
        return GMTLS_ERR_CERT_BAD;
    c->serial.p = mag;
    c->serial.len = mag_len;

    gmtls_slice alg_tlv, alg_oid;
    int alg_id;
    if ((e = gmtls_x509_parse_alg(&d, &alg_tlv, &alg_oid, &alg_id)) != 0)
        return e;
    /* RFC 5280 4.1.1.2: the inner and outer algorithm identifiers must be the same. */
    if (alg_tlv.len != c->sig_alg.len || memcmp(alg_tlv.p, c->sig_alg.p, alg_tlv.len) != 0)
        return GMTLS_ERR_CERT_BAD;

    uint8_t tag;
    if ((e = gmtls_der_any(&d, &tag, &val, &len, &c->issuer.p, &c->issuer.len)) != 0)
        return e;
    if (tag != GMTLS_DER_SEQUENCE)
        return GMTLS_ERR_DER_TAG;
    if ((e = gmtls_name_check(c->issuer.p, c->issuer.len)) != 0)
        return e;

    if ((e = gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &v)) != 0)
        return e;
    if ((e = gmtls_der_time(&v, &c->not_before)) != 0 || (e = gmtls_der_time(&v, &c->not_after)) != 0)
        return e;
    if ((e = gmtls_der_end(&v)) != 0)
        return e;

    if ((e = gmtls_der_any(&d, &tag, &val, &len, &c->subject.p, &c->subject.len)) != 0)
        return e;
    if (tag != GMTLS_DER_SEQUENCE)
        return GMTLS_ERR_DER_TAG;
    if ((e = gmtls_name_check(c->subject.p, c->subject.len)) != 0)
        return e;

    if ((e = parse_spki(c, &d)) != 0)
        return e;

    /* issuerUniqueID [1], subjectUniqueID [2]: v2 or v3 only; skipped. */
    for (int n = 1; n <= 2; n++) {
        const uint8_t *u;
        size_t ul;
        if ((e = gmtls_der_expect_optional(&d, (uint8_t)GMTLS_DER_CONTEXT_PRIM(n), &u, &ul, &present)) != 0)
            return e;
        if (present && c->version < 2)
            return GMTLS_ERR_CERT_BAD;
    }

    c->path_len = -1;
    c->key_usage = GMTLS_KU_ABSENT;
    c->eku = GMTLS_EKU_ABSENT;
    if ((e = gmtls_der_enter_optional(&d, GMTLS_DER_CONTEXT(3), &v, &present)) != 0)
        return e;
    if (present) {
        if (c->version != 3)
            return GMTLS_ERR_CERT_BAD;
        c->has_exts = 1;
        if ((e = parse_extensions(c, &v)) != 0)
            return e;
        if ((e = gmtls_der_end(&v)) != 0)
            return e;
    }
    return gmtls_der_end(&d);
}

int gmtls_cert_parse(gmtls_cert **out, const uint8_t *der, size_t len)
{
    if (!out || (!der && len))
        return GMTLS_ERR_INVALID_ARG;
    *out = NULL;
    struct gmtls_cert *c = calloc(1, sizeof(*c));
    if (!c)
        return GMTLS_ERR_NO_MEMORY;
    /* Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } (4.1) */
    gmtls_x509_signed s;
    int e = gmtls_x509_parse_signed(&s, &c->der, der, len, GMTLS_ERR_CERT_BAD);
    c->der_len = len;
    if (e)
        goto fail;
    c->tbs = s.tbs;
    c->sig_alg = s.sig_alg;
    c->sig_alg_oid = s.sig_alg_oid;
    c->sig_alg_id = s.sig_alg_id;
    c->sig = s.sig;
    if ((e = parse_tbs(c, s.tbs_body.p, s.tbs_body.len, s.body_depth)) != 0)
        goto fail;
    *out = c;
    return 0;
fail:
    gmtls_cert_free(c);
    return e;
}

void gmtls_cert_free(gmtls_cert *c)
{
    if (!c)
        return;
    free(c->der);
    free(c);
}

void gmtls_cert_free_all(gmtls_cert **certs, size_t n)
{
    if (!certs)
        return;
    for (size_t i = 0; i < n; i++)
        gmtls_cert_free(certs[i]);
    free(certs);
}

int gmtls_cert_dup(gmtls_cert **out, const gmtls_cert *c)
{
    if (!c)
        return GMTLS_ERR_INVALID_ARG;
    return gmtls_cert_parse(out, c->der, c->der_len);
}

int gmtls_cert_parse_pem_all(gmtls_cert ***certs, size_t *n, const char *text, size_t len)
{
    if (!certs || !n || (!text && len))
        return GMTLS_ERR_INVALID_ARG;
    *certs = NULL;
    *n = 0;
    gmtls_cert **arr = NULL;
    size_t cnt = 0, pos = 0;
    int e;
    for (;;) {
        gmtls_pem_block blk;
        memset(&blk, 0, sizeof(blk));
        e = gmtls_pem_next(text, len, &pos, &blk);
        if (e == GMTLS_ERR_NOT_FOUND)
            break;
        if (e)
            goto fail;
        if (strcmp(blk.label, "CERTIFICATE") != 0 && strcmp(blk.label, "X509 CERTIFICATE") != 0) {
            gmtls_pem_block_free(&blk);
            continue;
        }
        gmtls_cert **na = realloc(arr, (cnt + 1) * sizeof(*arr));
        if (!na) {
            gmtls_pem_block_free(&blk);
            e = GMTLS_ERR_NO_MEMORY;
            goto fail;
        }
        arr = na;
        e = gmtls_cert_parse(&arr[cnt], blk.der, blk.der_len);
        gmtls_pem_block_free(&blk);
        if (e)
            goto fail;
        cnt++;
    }
    if (cnt == 0) {
        free(arr);
        return GMTLS_ERR_NOT_FOUND;
    }
    *certs = arr;
    *n = cnt;
    return 0;
fail:
    gmtls_cert_free_all(arr, cnt);
    return e;
}

int gmtls_cert_parse_any(gmtls_cert ***certs, size_t *n, const uint8_t *data, size_t len)
{
    if (!certs || !n || (!data && len))
        return GMTLS_ERR_INVALID_ARG;
    if (len > 0 && data[0] == GMTLS_DER_SEQUENCE) {
        gmtls_cert **arr = malloc(sizeof(*arr));
        if (!arr)
            return GMTLS_ERR_NO_MEMORY;
        int e = gmtls_cert_parse(&arr[0], data, len);
        if (e) {
            free(arr);
            return e;
        }
        *certs = arr;
        *n = 1;
        return 0;
    }
    return gmtls_cert_parse_pem_all(certs, n, (const char *)data, len);
}

void gmtls_cert_der(const gmtls_cert *c, const uint8_t **der, size_t *len)
{
    *der = c->der;
    *len = c->der_len;
}

void gmtls_cert_tbs(const gmtls_cert *c, const uint8_t **der, size_t *len)
{
    *der = c->tbs.p;
    *len = c->tbs.len;
}

void gmtls_cert_subject_der(const gmtls_cert *c, const uint8_t **der, size_t *len)
{
    *der = c->subject.p;
    *len = c->subject.len;
}

void gmtls_cert_issuer_der(const gmtls_cert *c, const uint8_t **der, size_t *len)
{
    *der = c->issuer.p;
    *len = c->issuer.len;
}

int gmtls_cert_version(const gmtls_cert *c)
{
    return c->version;
}

void gmtls_cert_serial(const gmtls_cert *c, const uint8_t **serial, size_t *len)
{
    *serial = c->serial.p;
    *len = c->serial.len;
}

void gmtls_cert_validity(const gmtls_cert *c, int64_t *not_before, int64_t *not_after)
{
    if (not_before)
        *not_before = c->not_before;
    if (not_after)
        *not_after = c->not_after;
}

const gmtls_sm2_pubkey *gmtls_cert_pubkey(const gmtls_cert *c)
{
    return c->has_key ? &c->pub : NULL;
}

int gmtls_cert_subject_key_id(const gmtls_cert *c, const uint8_t **id, size_t *len)
{
    if (!(c->ext_seen & GMTLS_X509_EXT_SKI))
        return GMTLS_ERR_NOT_FOUND;
    *id = c->ski.p;
    *len = c->ski.len;
    return 0;
}

int gmtls_cert_authority_key_id(const gmtls_cert *c, const uint8_t **id, size_t *len)
{
    if (!c->has_aki_id)
        return GMTLS_ERR_NOT_FOUND;
    *id = c->aki.p;
    *len = c->aki.len;
    return 0;
}

unsigned gmtls_cert_key_usage(const gmtls_cert *c)
{
    return c->key_usage;
}

unsigned gmtls_cert_ext_key_usage(const gmtls_cert *c)
{
    return c->eku;
}

int gmtls_cert_is_ca(const gmtls_cert *c)
{
    return c->is_ca;
}

int gmtls_cert_path_len(const gmtls_cert *c)
{
    return c->path_len;
}

int gmtls_cert_is_self_issued(const gmtls_cert *c)
{
    return gmtls_name_equal(c->subject.p, c->subject.len, c->issuer.p, c->issuer.len);
}

int gmtls_cert_san(const gmtls_cert *c, size_t i, int *type, const uint8_t **val, size_t *len)
{
    if (!(c->ext_seen & GMTLS_X509_EXT_SAN))
        return GMTLS_ERR_NOT_FOUND;
    gmtls_der d;
    gmtls_der_init(&d, c->san.p, c->san.len);
    for (size_t k = 0; !gmtls_der_at_end(&d); k++) {
        if (gmtls_x509_general_name(&d, 0, type, val, len) != 0)
            return GMTLS_ERR_NOT_FOUND; /* validated at parse time; cannot happen */
        if (k == i)
            return 0;
    }
    return GMTLS_ERR_NOT_FOUND;
}

void gmtls_cert_fingerprint(const gmtls_cert *c, uint8_t out[32])
{
    gmtls_sm3(c->der, c->der_len, out);
}

int gmtls_x509_check_sig(int sig_alg_id, const gmtls_sm2_pubkey *key, const uint8_t *tbs, size_t tbs_len,
                         const uint8_t *sig, size_t sig_len, int sig_err)
{
    if (sig_alg_id != GMTLS_OID_SM2_WITH_SM3 || !key)
        return GMTLS_ERR_CERT_UNSUPPORTED;
    uint8_t rs[64];
    if (gmtls_sm2_sig_from_der(sig, sig_len, rs) != 0)
        return sig_err;
    /* GM/T 0015-2012 / GB/T 35275: certificate signatures use the default signer ID. */
    if (gmtls_sm2_verify(key, (const uint8_t *)GMTLS_SM2_DEFAULT_ID, GMTLS_SM2_DEFAULT_ID_LEN, tbs, tbs_len, rs) != 0)
        return sig_err;
    return 0;
}

int gmtls_cert_check_signature(const gmtls_cert *cert, const gmtls_cert *issuer)
{
    if (!cert || !issuer)
        return GMTLS_ERR_INVALID_ARG;
    return gmtls_x509_check_sig(cert->sig_alg_id, gmtls_cert_pubkey(issuer), cert->tbs.p, cert->tbs.len,
                                cert->sig.p, cert->sig.len, GMTLS_ERR_CERT_SIGNATURE);
}
