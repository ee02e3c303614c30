/* X.509 v3 certificate issuing (RFC 5280 4.1) with SM2-with-SM3 signatures. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gmtls/error.h"
#include "gmtls/issue.h"
#include "gmtls/rand.h"
#include "gmtls/util.h"
#include "pki/der.h"
#include "pki/der_write.h"
#include "pki/issue_internal.h"
#include "pki/spki.h"

struct tbs_ctx {
    uint8_t serial[GMTLS_ISSUE_SERIAL_LEN];
    const uint8_t *issuer;
    size_t issuer_len;
    int64_t not_before, not_after;
    const uint8_t *subject;
    size_t subject_len;
    const gmtls_sm2_pubkey *pub;
    gmtls_profile_exts exts;
};

static int write_tbs(gmtls_writer *w, const void *ctx)
{
    const struct tbs_ctx *c = ctx;
    gmtls_derw_mark tbs, ver, val, ext;
    int e;
    /* RFC 5280 4.1: TBSCertificate, version v3 (2) as [0] EXPLICIT */
    if ((e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &tbs)) != 0 ||
        (e = gmtls_derw_begin(w, GMTLS_DER_CONTEXT(0), &ver)) != 0 || (e = gmtls_derw_uint(w, 2)) != 0 ||
        (e = gmtls_derw_end(w, &ver)) != 0 || (e = gmtls_derw_integer(w, c->serial, sizeof(c->serial))) != 0 ||
        (e = gmtls_issue_write_sigalg(w)) != 0 || (e = gmtls_derw_raw(w, c->issuer, c->issuer_len)) != 0 ||
        (e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &val)) != 0 || (e = gmtls_derw_time(w, c->not_before)) != 0 ||
        (e = gmtls_derw_time(w, c->not_after)) != 0 || (e = gmtls_derw_end(w, &val)) != 0 ||
        (e = gmtls_derw_raw(w, c->subject, c->subject_len)) != 0 || (e = gmtls_spki_encode(w, c->pub)) != 0 ||
        (e = gmtls_derw_begin(w, GMTLS_DER_CONTEXT(3), &ext)) != 0 ||
        (e = gmtls_profile_write_exts(w, &c->exts)) != 0 || (e = gmtls_derw_end(w, &ext)) != 0)
        return e;
    return gmtls_derw_end(w, &tbs);
}

static int issue(const gmtls_issue_params *p, const gmtls_issuer *iss, int self_signed, uint8_t **der,
                 size_t *der_len)
{
    struct tbs_ctx c;
    uint8_t ski[20], aki[20];
    uint8_t *tbs = NULL;
    size_t tbs_len = 0;
    int e;

    if (!der || !der_len)
        return GMTLS_ERR_INVALID_ARG;
    *der = NULL;
    *der_len = 0;
    if (!p || !iss || !iss->key || !p->pubkey || (int)p->profile < 0 || p->profile >= GMTLS_PROFILE_COUNT)
        return GMTLS_ERR_INVALID_ARG;
    /* GmSSL refuses to verify certificates valid for more than 3653 days */
    if (p->days == 0 || p->days > GMTLS_ISSUE_MAX_DAYS)
        return GMTLS_ERR_INVALID_ARG;
    if (gmtls_issue_check_name(p->subject, p->subject_len) != 0 ||
        gmtls_issue_check_name(iss->name, iss->name_len) != 0)
        return GMTLS_ERR_INVALID_ARG;
    if (p->san && gmtls_issue_check_san(p->san, p->san_len) != 0)
        return GMTLS_ERR_INVALID_ARG;
    if (iss->key_id && (iss->key_id_len == 0 || iss->key_id_len > 64))
        return GMTLS_ERR_INVALID_ARG;

    memset(&c, 0, sizeof(c));
    /* RFC 5280 4.1.2.2: positive, at most 20 octets, unpredictable. Clearing the top bit keeps it
     * positive; setting the next one keeps all 16 bytes significant (GmSSL wants at least 4). */
    if ((e = gmtls_random(c.serial, sizeof(c.serial))) != 0)
        return e;
    c.serial[0] = (uint8_t)((c.serial[0] & 0x7f) | 0x40);
    int64_t now = p->now ? p->now : (int64_t)time(NULL);
    c.not_before = now - GMTLS_ISSUE_BACKDATE;
    c.not_after = c.not_before + (int64_t)p->days * 86400;
    c.issuer = iss->name;
    c.issuer_len = iss->name_len;
    c.subject = p->subject;
    c.subject_len = p->subject_len;
    c.pub = p->pubkey;
    gmtls_key_id(p->pubkey, ski);
    c.exts.profile = p->profile;
    c.exts.path_len = p->path_len;
    c.exts.san = p->san;
    c.exts.san_len = p->san_len;
    c.exts.ski = ski;
    if (!self_signed) {
        /* RFC 5280 4.2.1.1: the CA's subjectKeyIdentifier, so that chains can be built by key id */
        if (iss->key_id) {
            c.exts.aki = iss->key_id;
            c.exts.aki_len = iss->key_id_len;
        } else {
            gmtls_key_id(&iss->key->pub, aki);
            c.exts.aki = aki;
            c.exts.aki_len = sizeof(aki);
        }
    }
    if ((e = gmtls_derw_alloc(write_tbs, &c, &tbs, &tbs_len)) != 0)
        return e; /* e.g. GMTLS_ERR_INVALID_ARG for a notAfter past year 9999 */
    e = gmtls_issue_sign(iss->key, tbs, tbs_len, der, der_len);
    free(tbs);
    return e;
}

int gmtls_cert_issue(const gmtls_issue_params *p, const gmtls_issuer *iss, uint8_t **der, size_t *der_len)
{
    return issue(p, iss, 0, der, der_len);
}

int gmtls_cert_self_sign(const gmtls_issue_params *p, const gmtls_sm2_key *key, uint8_t **der, size_t *der_len)
{
    gmtls_issue_params q;
    gmtls_issuer iss;
    if (!p || !key)
        return GMTLS_ERR_INVALID_ARG;
    q = *p;
    if (!q.pubkey)
        q.pubkey = &key->pub;
    /* A self-signed certificate's key must be the signing key, or it cannot verify itself. */
    if (!gmtls_sm2_pubkey_equal(q.pubkey, &key->pub))
        return GMTLS_ERR_BAD_KEY;
    iss.name = p->subject;
    iss.name_len = p->subject_len;
    iss.key_id = NULL;
    iss.key_id_len = 0;
    iss.key = key;
    return issue(&q, &iss, 1, der, der_len);
}
