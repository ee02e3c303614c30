/* The pieces every issued structure shares: two-pass encoding into an exact-size buffer, the
 * SM2-with-SM3 AlgorithmIdentifier, the signed envelope, extensions and key identifiers. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/issue.h"
#include "gmtls/sm2.h"
#include "gmtls/sm3.h"
#include "gmtls/util.h"
#include "pki/der.h"
#include "pki/der_write.h"
#include "pki/issue_internal.h"
#include "pki/oid.h"

int gmtls_issue_write_sigalg(gmtls_writer *w)
{
    gmtls_derw_mark m;
    int e;
    /* GM/T 0015-2012 / GB/T 20518: sm2sign-with-sm3 (1.2.156.10197.1.501), parameters absent */
    if ((e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &m)) != 0 || (e = gmtls_derw_oid(w, GMTLS_OID_SM2_WITH_SM3)) != 0)
        return e;
    return gmtls_derw_end(w, &m);
}

struct signed_ctx {
    const uint8_t *tbs;
    size_t tbs_len;
    const uint8_t *sig;
    size_t sig_len;
};

static int write_signed(gmtls_writer *w, const void *ctx)
{
    const struct signed_ctx *c = ctx;
    gmtls_derw_mark m;
    int e;
    if ((e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &m)) != 0 || (e = gmtls_derw_raw(w, c->tbs, c->tbs_len)) != 0 ||
        (e = gmtls_issue_write_sigalg(w)) != 0 || (e = gmtls_derw_bit_string(w, c->sig, c->sig_len, 0)) != 0)
        return e;
    return gmtls_derw_end(w, &m);
}

int gmtls_issue_sign(const gmtls_sm2_key *key, const uint8_t *tbs, size_t tbs_len, uint8_t **out, size_t *out_len)
{
    uint8_t sig[GMTLS_SM2_SIG_SIZE], sder[GMTLS_SM2_SIG_DER_MAX];
    size_t sl = 0;
    int e = gmtls_sm2_sign(key, (const uint8_t *)GMTLS_SM2_DEFAULT_ID, GMTLS_SM2_DEFAULT_ID_LEN, tbs, tbs_len, sig);
    if (e == 0)
        e = gmtls_sm2_sig_to_der(sig, sder, &sl);
    gmtls_wipe(sig, sizeof(sig));
    if (e)
        return e;
    struct signed_ctx c = {tbs, tbs_len, sder, sl};
    return gmtls_derw_alloc(write_signed, &c, out, out_len);
}

int gmtls_ext_begin(gmtls_writer *w, int oid_id, int critical, gmtls_ext_mark *m)
{
    int e;
    if ((e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &m->seq)) != 0 || (e = gmtls_derw_oid(w, oid_id)) != 0)
        return e;
    /* X.690 11.5: a DEFAULT FALSE value is omitted when false */
    if (critical && (e = gmtls_derw_boolean(w, 1)) != 0)
        return e;
    return gmtls_derw_begin(w, GMTLS_DER_OCTET_STRING, &m->octets);
}

int gmtls_ext_end(gmtls_writer *w, const gmtls_ext_mark *m)
{
    int e = gmtls_derw_end(w, &m->octets);
    return e ? e : gmtls_derw_end(w, &m->seq);
}

void gmtls_key_id(const gmtls_sm2_pubkey *pub, uint8_t id[20])
{
    uint8_t pt[GMTLS_SM2_POINT_SIZE], h[32];
    size_t n;
    /* RFC 5280 4.2.1.2 method (1) computes a hash of the subjectPublicKey BIT STRING value; RFC 7093 2
     * allows other hashes truncated to 160 bits. gmtls uses SM3, so no SHA-1 is needed. */
    gmtls_sm2_pubkey_to_octets(pub, 0, pt, &n);
    gmtls_sm3(pt, n, h);
    memcpy(id, h, 20);
}
