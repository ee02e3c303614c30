/* Fuzz CRL decoding (DER, or PEM when the input does not start with a SEQUENCE) and the readers
 * of a decoded CRL: every entry (and one past the end), the dates and the issuer Name. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/x509.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gmtls_crl **crls;
    size_t n;
    if (gmtls_crl_parse_any(&crls, &n, data, size) != 0)
        return 0;
    for (size_t k = 0; k < n; k++) {
        const gmtls_crl *crl = crls[k];
        size_t count = gmtls_crl_count(crl);
        for (size_t i = 0; i <= count; i++) {
            const uint8_t *serial;
            size_t len;
            int64_t when;
            int reason;
            int e = gmtls_crl_entry(crl, i, &serial, &len, &when, &reason);
            if ((i < count) != (e == 0))
                abort();
            if (e == 0 && (len > size || reason < -1 || reason > 10))
                abort();
        }
        int64_t tu, nu;
        gmtls_crl_dates(crl, &tu, &nu);
        const uint8_t *issuer;
        size_t ilen;
        char name[256];
        gmtls_crl_issuer_der(crl, &issuer, &ilen);
        (void)gmtls_name_to_text(issuer, ilen, name, sizeof(name));
    }
    gmtls_crl_free_all(crls, n);
    return 0;
}
