/* The trust store: trust anchors, untrusted intermediates for path building, and CRLs. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/x509.h"
#include "pki/verify.h"
#include "pki/x509_internal.h"

int gmtls_trust_store_new(gmtls_trust_store **out)
{
    if (!out)
        return GMTLS_ERR_INVALID_ARG;
    *out = calloc(1, sizeof(**out));
    return *out ? 0 : GMTLS_ERR_NO_MEMORY;
}

void gmtls_trust_store_free(gmtls_trust_store *ts)
{
    if (!ts)
        return;
    gmtls_cert_free_all(ts->roots, ts->nroots);
    gmtls_cert_free_all(ts->untrusted, ts->nuntrusted);
    gmtls_crl_free_all(ts->crls, ts->ncrls);
    free(ts);
}

/* Move n parsed objects onto the end of a list (all or nothing). */
static int append(void ***list, size_t *count, void **items, size_t n)
{
    void **nl = realloc(*list, (*count + n) * sizeof(void *));
    if (!nl)
        return GMTLS_ERR_NO_MEMORY;
    memcpy(nl + *count, items, n * sizeof(void *));
    *list = nl;
    *count += n;
    return 0;
}

static int add_certs(gmtls_cert ***list, size_t *count, const uint8_t *data, size_t len)
{
    gmtls_cert **certs;
    size_t n;
    int e = gmtls_cert_parse_any(&certs, &n, data, len);
    if (e)
        return e;
    e = append((void ***)list, count, (void **)certs, n);
    if (e) {
        gmtls_cert_free_all(certs, n);
        return e;
    }
    free(certs);
    return 0;
}

int gmtls_trust_store_add_roots(gmtls_trust_store *ts, const uint8_t *data, size_t len)
{
    if (!ts)
        return GMTLS_ERR_INVALID_ARG;
    return add_certs(&ts->roots, &ts->nroots, data, len);
}

int gmtls_trust_store_add_untrusted(gmtls_trust_store *ts, const uint8_t *data, size_t len)
{
    if (!ts)
        return GMTLS_ERR_INVALID_ARG;
    return add_certs(&ts->untrusted, &ts->nuntrusted, data, len);
}

int gmtls_trust_store_add_crls(gmtls_trust_store *ts, const uint8_t *data, size_t len)
{
    if (!ts)
        return GMTLS_ERR_INVALID_ARG;
    gmtls_crl **crls;
    size_t n;
    int e = gmtls_crl_parse_any(&crls, &n, data, len);
    if (e)
        return e;
    e = append((void ***)&ts->crls, &ts->ncrls, (void **)crls, n);
    if (e) {
        gmtls_crl_free_all(crls, n);
        return e;
    }
    free(crls);
    return 0;
}

static int add_copy(gmtls_cert ***list, size_t *count, const gmtls_cert *c)
{
    gmtls_cert *copy;
    if (!c)
        return GMTLS_ERR_INVALID_ARG;
    int e = gmtls_cert_dup(&copy, c);
    if (e)
        return e;
    e = append((void ***)list, count, (void **)&copy, 1);
    if (e)
        gmtls_cert_free(copy);
    return e;
}

int gmtls_trust_store_add_root_cert(gmtls_trust_store *ts, const gmtls_cert *c)
{
    if (!ts)
        return GMTLS_ERR_INVALID_ARG;
    return add_copy(&ts->roots, &ts->nroots, c);
}

int gmtls_trust_store_add_untrusted_cert(gmtls_trust_store *ts, const gmtls_cert *c)
{
    if (!ts)
        return GMTLS_ERR_INVALID_ARG;
    return add_copy(&ts->untrusted, &ts->nuntrusted, c);
}

size_t gmtls_trust_store_root_count(const gmtls_trust_store *ts)
{
    return ts ? ts->nroots : 0;
}
