/* Fuzz certificate decoding and everything that reads a decoded certificate: the text dump, the
 * one-line names, SAN iteration, host matching, and chain verification of the certificate against
 * itself as a trust anchor (signature, usages, name constraints, pair rules). The input is DER, or
 * PEM when it does not start with a SEQUENCE. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/x509.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void exercise(const gmtls_cert *c)
{
    char *text = NULL, name[512];
    int e;
    size_t len;
    const uint8_t *p;
    if (gmtls_cert_to_text(c, &text, &len) == 0) {
        if (strlen(text) != len)
            abort();
        free(text);
    }
    gmtls_cert_subject_der(c, &p, &len);
    (void)gmtls_name_to_text(p, len, name, sizeof(name));
    if (strlen(name) >= sizeof(name))
        abort();
    gmtls_cert_issuer_der(c, &p, &len);
    (void)gmtls_name_to_text(p, len, name, sizeof(name));
    int type;
    for (size_t i = 0; gmtls_cert_san(c, i, &type, &p, &len) == 0; i++)
        if (type < 0 || type > 8)
            abort();
    static const char *const hosts[] = {"localhost", "www.example.com", "a.b.example.org", "10.1.2.3", "::1"};
    for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
        e = gmtls_cert_check_host(c, hosts[i]);
        if (e != 0 && e != GMTLS_ERR_CERT_NAME_MISMATCH)
            abort();
    }
    e = gmtls_cert_check_signature(c, c);
    if (e != 0 && e != GMTLS_ERR_CERT_SIGNATURE && e != GMTLS_ERR_CERT_UNSUPPORTED)
        abort();
    e = gmtls_tlcp_pair_check(c, c, GMTLS_PAIR_FABRIC);
    if (e != 0 && e != GMTLS_ERR_CERT_KEY_USAGE)
        abort();
    e = gmtls_tlcp_pair_check(c, c, GMTLS_PAIR_STRICT);
    if (e == 0) /* one certificate twice is never a strict pair */
        abort();

    gmtls_trust_store *ts;
    if (gmtls_trust_store_new(&ts) != 0)
        return;
    if (gmtls_trust_store_add_root_cert(ts, c) == 0) {
        const gmtls_cert *chain[1] = {c};
        int64_t nb, na;
        gmtls_cert_validity(c, &nb, &na);
        for (int purpose = GMTLS_PURPOSE_ANY; purpose <= GMTLS_PURPOSE_TLS_CLIENT; purpose++) {
            gmtls_verify_opts o = {(gmtls_purpose)purpose, nb + 1 > 0 ? nb + 1 : 1, "www.example.com", 0,
                                   GMTLS_VERIFY_STRICT_TLCP};
            gmtls_verify_result res;
            e = gmtls_verify_chain(ts, chain, 1, &o, &res);
            if (e > 0 || (e == 0 && res.path_len != 1))
                abort();
            (void)gmtls_cert_error_alert(e);
        }
        /* The certificate as an untrusted intermediate of itself: loop handling. */
        gmtls_trust_store *ts2;
        if (gmtls_trust_store_new(&ts2) == 0) {
            if (gmtls_trust_store_add_untrusted_cert(ts2, c) == 0) {
                const gmtls_cert *two[2] = {c, c};
                e = gmtls_verify_chain(ts2, two, 2, NULL, NULL);
                if (e != GMTLS_ERR_CERT_CHAIN_TOO_LONG && e != GMTLS_ERR_CERT_UNKNOWN_CA)
                    abort();
            }
            gmtls_trust_store_free(ts2);
        }
    }
    gmtls_trust_store_free(ts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gmtls_cert **certs;
    size_t n;
    if (gmtls_cert_parse_any(&certs, &n, data, size) != 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        exercise(certs[i]);
    gmtls_cert_free_all(certs, n);
    return 0;
}
