/* Internal layout of the trust store, shared by the store and the path builder. */
#ifndef GMTLS_PKI_VERIFY_H
#define GMTLS_PKI_VERIFY_H

#include <stddef.h>

#include "gmtls/x509.h"

struct gmtls_trust_store {
    gmtls_cert **roots;
    size_t nroots;
    gmtls_cert **untrusted;
    size_t nuntrusted;
    gmtls_crl **crls;
    size_t ncrls;
};

#endif
