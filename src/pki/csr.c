/* PKCS#10 certification requests (RFC 2986): creation. */
#include <stdlib.h>

#include "gmtls/error.h"
#include "gmtls/issue.h"
#include "pki/der.h"
#include "pki/der_write.h"
#include "pki/issue_internal.h"
#include "pki/oid.h"
#include "pki/spki.h"

struct info_ctx {
    const uint8_t *subject;
    size_t subject_len;
    const gmtls_sm2_pubkey *pub;
    const uint8_t *san;
    size_t san_len;
};

static int write_info(gmtls_writer *w, const void *ctx)
{
    const struct info_ctx *c = ctx;
    gmtls_derw_mark info, attrs, attr, set, exts;
    gmtls_ext_mark em;
    int e;
    /* RFC 2986 4.1: CertificationRequestInfo { version 0, subject, subjectPKInfo, attributes [0] } */
    if ((e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &info)) != 0 || (e = gmtls_derw_uint(w, 0)) != 0 ||
        (e = gmtls_derw_raw(w, c->subject, c->subject_len)) != 0 || (e = gmtls_spki_encode(w, c->pub)) != 0 ||
        (e = gmtls_derw_begin(w, GMTLS_DER_CONTEXT(0), &attrs)) != 0)
        return e;
    if (c->san) {
        /* RFC 2985 5.4.2: extensionRequest, a single value of type Extensions */
        if ((e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &attr)) != 0 ||
            (e = gmtls_derw_oid(w, GMTLS_OID_PKCS9_EXTENSION_REQUEST)) != 0 ||
            (e = gmtls_derw_begin(w, GMTLS_DER_SET, &set)) != 0 ||
            (e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &exts)) != 0 ||
            (e = gmtls_ext_begin(w, GMTLS_OID_CE_SUBJECT_ALT_NAME, 0, &em)) != 0 ||
            (e = gmtls_derw_raw(w, c->san, c->san_len)) != 0 || (e = gmtls_ext_end(w, &em)) != 0 ||
            (e = gmtls_derw_end(w, &exts)) != 0 || (e = gmtls_derw_end(w, &set)) != 0 ||
            (e = gmtls_derw_end(w, &attr)) != 0)
            return e;
    }
    if ((e = gmtls_derw_end(w, &attrs)) != 0)
        return e;
    return gmtls_derw_end(w, &info);
}

int gmtls_csr_create(const gmtls_sm2_key *key, const uint8_t *subject, size_t subject_len, const uint8_t *san,
                     size_t san_len, uint8_t **der, size_t *der_len)
{
    uint8_t *info = NULL;
    size_t info_len = 0;
    int e;
    if (!der || !der_len)
        return GMTLS_ERR_INVALID_ARG;
    *der = NULL;
    *der_len = 0;
    if (!key || gmtls_issue_check_name(subject, subject_len) != 0 ||
        (san && gmtls_issue_check_san(san, san_len) != 0))
        return GMTLS_ERR_INVALID_ARG;
    struct info_ctx c = {subject, subject_len, &key->pub, san, san_len};
    if ((e = gmtls_derw_alloc(write_info, &c, &info, &info_len)) != 0)
        return e;
    /* RFC 2986 4.2: the signature covers the DER of CertificationRequestInfo */
    e = gmtls_issue_sign(key, info, info_len, der, der_len);
    free(info);
    return e;
}
