/* Fuzz target: PKCS#10 request parsing (DER and PEM), signature verification and every accessor,
 * then issuing a certificate from whatever parsed (the path `gmtls ca -in` takes). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gmtls/issue.h"
#include "gmtls/sm2.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gmtls_csr *csr = NULL;
    if (gmtls_csr_parse(&csr, data, size) != 0)
        return 0;
    const uint8_t *p, *oid, *val;
    size_t n, ol, vl;
    int crit;
    char buf[512];
    (void)gmtls_csr_verify(csr);
    gmtls_csr_subject_der(csr, &p, &n);
    for (size_t i = 0; i < gmtls_csr_ext_count(csr); i++)
        if (gmtls_csr_ext(csr, i, &oid, &ol, &crit, &val, &vl) != 0)
            abort(); /* every counted extension must be retrievable */
    if (gmtls_csr_san(csr, &p, &n) == 0) {
        gmtls_general_name gn;
        for (size_t i = 0; gmtls_san_get(p, n, i, &gn) == 0; i++)
            (void)gmtls_general_name_to_text(&gn, buf, sizeof(buf));
    }

    /* Issue from it with a fixed throwaway CA key (d = 1), as `gmtls ca -in` would. */
    static const uint8_t d[32] = {[31] = 1};
    gmtls_sm2_key ca;
    if (gmtls_sm2_key_from_bytes(&ca, d) == 0) {
        gmtls_issuer iss = {(const uint8_t *)"\x30\x0c\x31\x0a\x30\x08\x06\x03\x55\x04\x03\x0c\x01\x58", 14, NULL, 0,
                            &ca};
        gmtls_issue_params prm;
        memset(&prm, 0, sizeof(prm));
        prm.profile = GMTLS_PROFILE_SIGN;
        gmtls_csr_subject_der(csr, &prm.subject, &prm.subject_len);
        prm.pubkey = gmtls_csr_pubkey(csr);
        if (gmtls_csr_san(csr, &prm.san, &prm.san_len) != 0)
            prm.san = NULL;
        prm.days = 30;
        prm.path_len = -1;
        prm.now = 1760000000;
        uint8_t *der = NULL;
        size_t dl = 0;
        if (gmtls_cert_issue(&prm, &iss, &der, &dl) == 0)
            free(der);
    }
    gmtls_csr_free(csr);
    return 0;
}
