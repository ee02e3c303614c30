/* Certification path building and validation (RFC 5280 6.1), revocation with CRLs (6.3), the
 * end-entity purpose checks for TLCP and TLS, and the mapping of errors to alerts. */
#include <string.h>
#include <time.h>

#include "gmtls/error.h"
#include "gmtls/x509.h"
#include "pki/verify.h"
#include "pki/x509_internal.h"

#define MAX_PATH 32     /* hard bound on a path, whatever max_depth says */
#define MAX_WORK 512    /* issuer candidates tried per verification (bounds the search) */

struct builder {
    const gmtls_trust_store *ts;
    const gmtls_cert *const *chain;
    size_t n;
    const gmtls_verify_opts *opts;
    int64_t now;
    size_t max_depth;
    const gmtls_cert *path[MAX_PATH];
    unsigned work;
    int best_err;
    int best_rank;
    int best_depth;
    size_t best_len;
};

static int same_cert(const gmtls_cert *a, const gmtls_cert *b)
{
    return a == b || (a->der_len == b->der_len && memcmp(a->der, b->der, a->der_len) == 0);
}

/* Remember the error of the attempt that got closest to a trust anchor (rank), first one wins. */
static void record(struct builder *b, int err, int rank, int depth, size_t len)
{
    if (b->best_err == 0 || rank > b->best_rank) {
        b->best_err = err;
        b->best_rank = rank;
        b->best_depth = depth;
        b->best_len = len;
    }
}

/* Could `issuer` have issued `c`? Names must be equal; when both key identifiers are present they
 * must be equal too (4.2.1.1: the AKI picks among several keys of one CA). */
static int may_issue(const gmtls_cert *issuer, const gmtls_cert *c)
{
    if (!gmtls_name_equal(c->issuer.p, c->issuer.len, issuer->subject.p, issuer->subject.len))
        return 0;
    if (c->has_aki_id && (issuer->ext_seen & GMTLS_X509_EXT_SKI) &&
        (c->aki.len != issuer->ski.len || memcmp(c->aki.p, issuer->ski.p, c->aki.len) != 0))
        return 0;
    return 1;
}

static int is_root(const struct builder *b, const gmtls_cert *c)
{
    for (size_t i = 0; i < b->ts->nroots; i++)
        if (same_cert(b->ts->roots[i], c))
            return 1;
    return 0;
}

/* CRL check of path[i] (issued by path[i + 1]) against every CRL of that issuer in the store. */
static int check_revocation(const struct builder *b, size_t i)
{
    const gmtls_cert *c = b->path[i], *issuer = b->path[i + 1];
    for (size_t k = 0; k < b->ts->ncrls; k++) {
        const gmtls_crl *crl = b->ts->crls[k];
        if (!gmtls_name_equal(crl->issuer.p, crl->issuer.len, c->issuer.p, c->issuer.len))
            continue;
        if (crl->has_aki_id && (issuer->ext_seen & GMTLS_X509_EXT_SKI) &&
            (crl->aki.len != issuer->ski.len || memcmp(crl->aki.p, issuer->ski.p, crl->aki.len) != 0))
            continue; /* a CRL of another key of a CA with the same name */
        int e = gmtls_crl_verify(crl, issuer, b->now);
        if (e)
            return e;
        if (gmtls_crl_is_revoked(crl, c))
            return GMTLS_ERR_CERT_REVOKED;
    }
    return 0;
}

static int has_any(unsigned ku, unsigned bits)
{
    return (ku & GMTLS_KU_ABSENT) || (ku & bits);
}

static int eku_allows(unsigned eku, unsigned bit)
{
    return (eku & GMTLS_EKU_ABSENT) || (eku & (bit | GMTLS_EKU_ANY));
}

/* The end-entity checks for the requested purpose (RFC 5280 4.2.1.3, 4.2.1.12; GB/T 38636-2020
 * 6.4.5.3 for the TLCP signing and encryption certificates). */
static int check_purpose(const gmtls_cert *c, const gmtls_verify_opts *o)
{
    unsigned ku = c->key_usage, flags = o->flags;
    if (flags & GMTLS_VERIFY_STRICT_TLCP) {
        if (ku & GMTLS_KU_ABSENT)
            return GMTLS_ERR_CERT_KEY_USAGE;
        if (c->is_ca || (ku & (GMTLS_KU_KEY_CERT_SIGN | GMTLS_KU_CRL_SIGN)))
            return GMTLS_ERR_CERT_KEY_USAGE;
    }
    switch (o->purpose) {
    case GMTLS_PURPOSE_ANY:
        break;
    case GMTLS_PURPOSE_CA:
        if (!c->is_ca)
            return GMTLS_ERR_CERT_NOT_CA;
        if (!has_any(ku, GMTLS_KU_KEY_CERT_SIGN))
            return GMTLS_ERR_CERT_KEY_USAGE;
        break;
    case GMTLS_PURPOSE_TLCP_SIGN:
        if (!has_any(ku, GMTLS_KU_DIGITAL_SIGNATURE | GMTLS_KU_NON_REPUDIATION))
            return GMTLS_ERR_CERT_KEY_USAGE;
        break;
    case GMTLS_PURPOSE_TLCP_ENC:
        if (!has_any(ku, GMTLS_KU_KEY_ENCIPHERMENT | GMTLS_KU_DATA_ENCIPHERMENT | GMTLS_KU_KEY_AGREEMENT))
            return GMTLS_ERR_CERT_KEY_USAGE;
        break;
    case GMTLS_PURPOSE_TLS_SERVER:
    case GMTLS_PURPOSE_TLS_CLIENT:
        if (!has_any(ku, GMTLS_KU_DIGITAL_SIGNATURE | GMTLS_KU_KEY_AGREEMENT | GMTLS_KU_KEY_ENCIPHERMENT))
            return GMTLS_ERR_CERT_KEY_USAGE;
        if (!eku_allows(c->eku, o->purpose == GMTLS_PURPOSE_TLS_SERVER ? GMTLS_EKU_SERVER_AUTH
                                                                       : GMTLS_EKU_CLIENT_AUTH))
            return GMTLS_ERR_CERT_EXT_KEY_USAGE;
        break;
    default:
        return GMTLS_ERR_INVALID_ARG;
    }
    if ((flags & GMTLS_VERIFY_TLCP_SERVER) && !eku_allows(c->eku, GMTLS_EKU_SERVER_AUTH))
        return GMTLS_ERR_CERT_EXT_KEY_USAGE;
    if ((flags & GMTLS_VERIFY_TLCP_CLIENT) && !eku_allows(c->eku, GMTLS_EKU_CLIENT_AUTH))
        return GMTLS_ERR_CERT_EXT_KEY_USAGE;
    return 0;
}

/* Validate the complete path path[0..m) whose last element is a trust anchor. Signatures were
 * checked while the path was built. Walks from the anchor down (6.1.3, 6.1.4); *depth gets the
 * position of the failing certificate. */
static int validate(const struct builder *b, size_t m, int *depth)
{
    int max_path = MAX_PATH;
    for (size_t k = m; k-- > 0;) {
        const gmtls_cert *c = b->path[k];
        int e = 0;
        *depth = (int)k;
        /* 6.1.3 (a)(2): validity at the verification time, the anchor included. */
        if (b->now < c->not_before)
            return GMTLS_ERR_CERT_NOT_YET_VALID;
        if (b->now > c->not_after)
            return GMTLS_ERR_CERT_EXPIRED;
        /* 4.2: an unrecognised critical extension makes the certificate unusable. */
        if (c->unknown_critical)
            return GMTLS_ERR_CERT_CRITICAL_EXT;
        if (k >= 1) {
            /* 6.1.4 (k), (n): an issuer must be a CA allowed to sign certificates. A version 1
             * anchor has no extensions and is accepted as a CA. */
            if (!c->is_ca && !(k == m - 1 && c->version == 1))
                return GMTLS_ERR_CERT_NOT_CA;
            if (!has_any(c->key_usage, GMTLS_KU_KEY_CERT_SIGN))
                return GMTLS_ERR_CERT_KEY_USAGE;
            /* 6.1.4 (l), (m): each non-self-issued intermediate uses up one step of the
             * smallest pathLenConstraint above it (the anchor's included). */
            if (k < m - 1 && !gmtls_cert_is_self_issued(c)) {
                if (max_path == 0)
                    return GMTLS_ERR_CERT_PATH_LEN;
                max_path--;
            }
            if (c->path_len >= 0 && c->path_len < max_path)
                max_path = c->path_len;
            /* 6.1.4 (g): name constraints apply to every certificate below, except self-issued
             * intermediates (6.1.3 (b)). */
            if (c->has_nc_permitted || c->has_nc_excluded) {
                for (size_t j = 0; j < k; j++) {
                    if (j > 0 && gmtls_cert_is_self_issued(b->path[j]))
                        continue;
                    if ((e = gmtls_x509_check_name_constraints(c, b->path[j])) != 0) {
                        *depth = (int)j;
                        return e;
                    }
                }
            }
        }
        /* 6.3: revocation of every non-anchor certificate whose issuer has CRLs in the store. */
        if (k + 1 < m && (e = check_revocation(b, k)) != 0)
            return e;
    }
    *depth = 0;
    int e = check_purpose(b->path[0], b->opts);
    if (e)
        return e;
    if (b->opts->hostname && (e = gmtls_cert_check_host(b->path[0], b->opts->hostname)) != 0)
        return e;
    return 0;
}

/* Try a complete path of m certificates; 0 on success. */
static int try_complete(struct builder *b, size_t m)
{
    int depth = 0;
    int e = validate(b, m, &depth);
    if (e)
        record(b, e, 1000 + (int)m, depth, m);
    else
        b->best_len = m;
    return e;
}

static int in_path(const struct builder *b, size_t k, const gmtls_cert *c)
{
    for (size_t i = 0; i <= k; i++)
        if (same_cert(b->path[i], c))
            return 1;
    return 0;
}

/* Extend the path path[0..k] (path[k] is the last certificate so far). 0 when a valid path was
 * found; otherwise nonzero, with the reason kept in the builder. */
static int extend(struct builder *b, size_t k)
{
    const gmtls_cert *cur = b->path[k];
    int tried = 0;
    /* The current certificate is itself a trust anchor (a trusted leaf or a peer that sent the
     * root along): the path ends here. */
    if (is_root(b, cur) && try_complete(b, k + 1) == 0)
        return 0;
    if (k + 2 > b->max_depth) {
        record(b, GMTLS_ERR_CERT_CHAIN_TOO_LONG, (int)k + 1, (int)k, k + 1);
        return 1;
    }
    /* Trust anchors first, then the untrusted candidates (the peer's chain, then the pool). */
    for (size_t i = 0; i < b->ts->nroots; i++) {
        const gmtls_cert *r = b->ts->roots[i];
        if (same_cert(r, cur) || !may_issue(r, cur))
            continue;
        tried = 1;
        if (++b->work > MAX_WORK)
            return 1;
        int e = gmtls_cert_check_signature(cur, r);
        if (e) {
            record(b, e, 1000 + (int)k + 2, (int)k, k + 2);
            continue;
        }
        b->path[k + 1] = r;
        if (try_complete(b, k + 2) == 0)
            return 0;
    }
    size_t total = (b->n > 0 ? b->n - 1 : 0) + b->ts->nuntrusted;
    for (size_t i = 0; i < total; i++) {
        const gmtls_cert *u = i + 1 < b->n ? b->chain[i + 1] : b->ts->untrusted[i - (b->n > 0 ? b->n - 1 : 0)];
        if (!u || !may_issue(u, cur) || same_cert(u, cur) || is_root(b, u))
            continue;
        tried = 1;
        if (in_path(b, k, u)) {
            /* A loop (e.g. two CAs that certify each other). */
            record(b, GMTLS_ERR_CERT_CHAIN_TOO_LONG, (int)k + 1, (int)k, k + 1);
            continue;
        }
        if (++b->work > MAX_WORK)
            return 1;
        int e = gmtls_cert_check_signature(cur, u);
        if (e) {
            record(b, e, (int)k + 2, (int)k, k + 2);
            continue;
        }
        b->path[k + 1] = u;
        if (extend(b, k + 1) == 0)
            return 0;
    }
    if (!tried)
        record(b, GMTLS_ERR_CERT_UNKNOWN_CA, (int)k + 1, (int)k, k + 1);
    return 1;
}

int gmtls_verify_chain(const gmtls_trust_store *ts, const gmtls_cert *const *chain, size_t n,
                       const gmtls_verify_opts *opts, gmtls_verify_result *res)
{
    static const gmtls_verify_opts defaults = {GMTLS_PURPOSE_ANY, 0, NULL, 0, 0};
    if (res) {
        res->path_len = 0;
        res->error_depth = -1;
    }
    if (!ts || !chain || n == 0 || !chain[0])
        return GMTLS_ERR_INVALID_ARG;
    struct builder b;
    memset(&b, 0, sizeof(b));
    b.ts = ts;
    b.chain = chain;
    b.n = n;
    b.opts = opts ? opts : &defaults;
    b.now = b.opts->time ? b.opts->time : (int64_t)time(NULL);
    b.max_depth = b.opts->max_depth ? b.opts->max_depth : GMTLS_VERIFY_DEFAULT_DEPTH;
    if (b.max_depth > MAX_PATH)
        b.max_depth = MAX_PATH;
    b.path[0] = chain[0];
    if (extend(&b, 0) == 0) {
        if (res)
            res->path_len = b.best_len;
        return 0;
    }
    if (b.best_err == 0) /* the search budget ran out before anything was recorded */
        b.best_err = GMTLS_ERR_CERT_CHAIN_TOO_LONG;
    if (res) {
        res->path_len = b.best_len;
        res->error_depth = b.best_depth;
    }
    return b.best_err;
}

int gmtls_cert_error_alert(int err)
{
    switch (err) {
    case 0:
        return 0;
    case GMTLS_ERR_CERT_UNSUPPORTED:
    case GMTLS_ERR_CERT_CRITICAL_EXT:
    case GMTLS_ERR_CERT_KEY_USAGE:
    case GMTLS_ERR_CERT_EXT_KEY_USAGE:
        return 43; /* unsupported_certificate */
    case GMTLS_ERR_CERT_REVOKED:
        return 44; /* certificate_revoked */
    case GMTLS_ERR_CERT_EXPIRED:
    case GMTLS_ERR_CERT_NOT_YET_VALID:
    case GMTLS_ERR_CRL_EXPIRED:
        return 45; /* certificate_expired */
    case GMTLS_ERR_CERT_UNKNOWN_CA:
        return 48; /* unknown_ca */
    case GMTLS_ERR_CERT_BAD:
    case GMTLS_ERR_CERT_SIGNATURE:
    case GMTLS_ERR_CERT_NAME_MISMATCH:
    case GMTLS_ERR_CERT_PATH_LEN:
    case GMTLS_ERR_CERT_CHAIN_TOO_LONG:
    case GMTLS_ERR_CERT_NOT_CA:
    case GMTLS_ERR_CERT_PAIR:
    case GMTLS_ERR_CERT_NAME_CONSTRAINTS:
    case GMTLS_ERR_BAD_POINT:
        return 42; /* bad_certificate */
    default:
        if (GMTLS_ERR_CLASS(err) == GMTLS_ERRCLASS_FORMAT)
            return 50; /* decode_error: the certificate could not be decoded */
        return 46;     /* certificate_unknown */
    }
}
