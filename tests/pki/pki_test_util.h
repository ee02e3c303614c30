/* Helpers shared by the PKI tests. They call the PKI component, so they live here as static
 * inline functions (tests/support is linked into every test and knows only the core component). */
#ifndef GMTLS_TESTS_PKI_TEST_UTIL_H
#define GMTLS_TESTS_PKI_TEST_UTIL_H

#include <stdint.h>
#include <stdlib.h>

#include "gmtls/error.h"
#include "gmtls/x509.h"
#include "test.h"

/* The first certificate of a PEM or DER file (any others are freed). NULL when the file cannot be
 * read (test_read_file counts that as a failure) or does not parse (a failed check). */
static inline gmtls_cert *pki_test_first_cert(const char *path)
{
    size_t len, n;
    uint8_t *d = test_read_file(path, &len);
    gmtls_cert **certs;
    if (!d)
        return NULL;
    int e = gmtls_cert_parse_any(&certs, &n, d, len);
    free(d);
    CHECK_MSG(e == 0, "%s: %s", path, gmtls_errname(e));
    if (e)
        return NULL;
    gmtls_cert *c = certs[0];
    for (size_t i = 1; i < n; i++)
        gmtls_cert_free(certs[i]);
    free(certs);
    return c;
}

/* How many proper prefixes of a CRL's DER do NOT fail with GMTLS_ERR_DER_TRUNCATED (want 0). */
static inline int pki_test_crl_bad_truncations(const uint8_t *der, size_t len)
{
    int wrong = 0;
    for (size_t cut = 0; cut < len; cut++) {
        gmtls_crl *x = NULL;
        if (gmtls_crl_parse(&x, der, cut) != GMTLS_ERR_DER_TRUNCATED)
            wrong++;
        gmtls_crl_free(x);
    }
    return wrong;
}

#endif
