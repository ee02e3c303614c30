/* CRLs without the OpenSSL command line (so this also runs under valgrind): a fixed CRL made by
 * `openssl ca -gencrl` (tests/pki/data/crl_ca1.der, issuer crl_issuer.pem, revoking
 * crl_revoked.pem, made with tests/pki/data/mkcerts_openssl.sh) checked field by field, in chain
 * verification, tampered, truncated and mutated. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/x509.h"
#include "pki/x509_internal.h"
#include "pki_test_util.h"
#include "test.h"

static uint8_t *data(const char *name, size_t *len)
{
    char rel[256];
    snprintf(rel, sizeof(rel), "tests/pki/data/%s", name);
    return test_read_file(test_source_path(rel), len);
}

static gmtls_cert *cert(const char *name)
{
    char rel[256];
    snprintf(rel, sizeof(rel), "tests/pki/data/%s", name);
    return pki_test_first_cert(test_source_path(rel));
}

int main(void)
{
    size_t len;
    uint8_t *der = data("crl_ca1.der", &len);
    gmtls_cert *ca = cert("crl_issuer.pem"), *root = cert("crl_root.pem"), *rev = cert("crl_revoked.pem"),
               *good = cert("crl_good.pem");
    gmtls_crl *crl = NULL;
    if (!der || !ca || !root || !rev || !good)
        goto out;
    CHECK_OK(gmtls_crl_parse(&crl, der, len));
    if (!crl)
        goto out;
    int64_t tu, nu;
    gmtls_crl_dates(crl, &tu, &nu);
    int64_t now = tu + 86400;
    CHECK_EQ(crl->version, 2);
    CHECK_EQ(gmtls_crl_count(crl), 1);
    const uint8_t *p, *q;
    size_t pl, ql;
    gmtls_crl_issuer_der(crl, &p, &pl);
    gmtls_cert_subject_der(ca, &q, &ql);
    CHECK(pl == ql && memcmp(p, q, pl) == 0);
    int64_t when;
    int reason;
    CHECK_OK(gmtls_crl_entry(crl, 0, &p, &pl, &when, &reason));
    gmtls_cert_serial(rev, &q, &ql);
    CHECK(pl == ql && memcmp(p, q, pl) == 0);
    CHECK_EQ(reason, 1);
    CHECK(when <= tu);
    CHECK_OK(gmtls_crl_verify(crl, ca, now));
    CHECK_ERR(gmtls_crl_verify(crl, root, now), GMTLS_ERR_CRL_BAD);
    CHECK_ERR(gmtls_crl_verify(crl, ca, nu + 1), GMTLS_ERR_CRL_EXPIRED);
    CHECK_EQ(gmtls_crl_is_revoked(crl, rev), 1);
    CHECK_EQ(gmtls_crl_is_revoked(crl, good), 0);
    CHECK_EQ(gmtls_crl_is_revoked(crl, ca), 0); /* issued by the root, not by this CRL's issuer */

    /* In chain verification. */
    gmtls_trust_store *ts = NULL;
    CHECK_OK(gmtls_trust_store_new(&ts));
    if (ts) {
        CHECK_OK(gmtls_trust_store_add_root_cert(ts, root));
        CHECK_OK(gmtls_trust_store_add_untrusted_cert(ts, ca));
        gmtls_verify_opts o = {GMTLS_PURPOSE_ANY, now, NULL, 0, 0};
        const gmtls_cert *c1[1] = {rev}, *c2[1] = {good};
        CHECK_OK(gmtls_verify_chain(ts, c1, 1, &o, NULL));
        CHECK_OK(gmtls_trust_store_add_crls(ts, der, len));
        gmtls_verify_result res;
        CHECK_ERR(gmtls_verify_chain(ts, c1, 1, &o, &res), GMTLS_ERR_CERT_REVOKED);
        CHECK_EQ(res.error_depth, 0);
        CHECK_OK(gmtls_verify_chain(ts, c2, 1, &o, NULL));
        o.time = nu + 1;
        if (o.time < good->not_after)
            CHECK_ERR(gmtls_verify_chain(ts, c2, 1, &o, NULL), GMTLS_ERR_CRL_EXPIRED);
        CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CERT_REVOKED), 44);
        gmtls_trust_store_free(ts);
    }

    /* A flipped byte in the signed part: parses, but the signature fails. */
    uint8_t *copy = malloc(len + 1);
    memcpy(copy, der, len);
    size_t at = (size_t)(crl->tbs.p - crl->der) + crl->tbs.len - 1;
    copy[at] ^= 0x01;
    gmtls_crl *bad = NULL;
    CHECK_OK(gmtls_crl_parse(&bad, copy, len));
    if (bad)
        CHECK_ERR(gmtls_crl_verify(bad, ca, now), GMTLS_ERR_CRL_SIGNATURE);
    gmtls_crl_free(bad);
    copy[at] ^= 0x01;

    /* A signature BIT STRING with unused bits (the DER itself kept valid: the unused bit is 0) is
     * not an SM2 signature: rejected at parse time, as for certificates. */
    {
        size_t ub = (size_t)(crl->sig.p - crl->der) - 1;
        uint8_t saved_ub = copy[ub], saved_last = copy[len - 1];
        copy[ub] = 1;
        copy[len - 1] &= 0xfe;
        gmtls_crl *ubad = NULL;
        CHECK_ERR(gmtls_crl_parse(&ubad, copy, len), GMTLS_ERR_CRL_BAD);
        CHECK(ubad == NULL);
        copy[ub] = saved_ub;
        copy[len - 1] = saved_last;
    }

    /* Truncations, trailing data, every single-bit mutation (no crash, no leak). */
    CHECK_EQ(pki_test_crl_bad_truncations(der, len), 0);
    copy[len] = 0;
    gmtls_crl *x = NULL;
    CHECK_ERR(gmtls_crl_parse(&x, copy, len + 1), GMTLS_ERR_DER_TRAILING);
    size_t parsed = 0;
    for (size_t i = 0; i < len; i++) {
        for (int bit = 0; bit < 8; bit += 3) {
            copy[i] ^= (uint8_t)(1u << bit);
            if (gmtls_crl_parse(&x, copy, len) == 0) {
                parsed++;
                (void)gmtls_crl_is_revoked(x, rev);
                gmtls_crl_free(x);
            }
            copy[i] ^= (uint8_t)(1u << bit);
        }
    }
    CHECK(parsed > 0);
    /* PEM input with no CRL in it. */
    gmtls_crl **list;
    size_t n;
    static const char pem[] = "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n";
    CHECK_ERR(gmtls_crl_parse_any(&list, &n, (const uint8_t *)pem, sizeof(pem) - 1), GMTLS_ERR_NOT_FOUND);
    free(copy);
out:
    gmtls_crl_free(crl);
    free(der);
    gmtls_cert_free(ca);
    gmtls_cert_free(root);
    gmtls_cert_free(rev);
    gmtls_cert_free(good);
    return test_report();
}
