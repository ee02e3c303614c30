/* An issuer from a CA certificate and its private key. */
#include "gmtls/error.h"
#include "gmtls/issue.h"
#include "gmtls/x509.h"

int gmtls_issuer_from_cert(gmtls_issuer *iss, const gmtls_cert *ca, const gmtls_sm2_key *key)
{
    const gmtls_sm2_pubkey *pub;
    unsigned ku;
    if (!iss || !ca || !key)
        return GMTLS_ERR_INVALID_ARG;
    pub = gmtls_cert_pubkey(ca);
    if (!pub || !gmtls_sm2_pubkey_equal(pub, &key->pub))
        return GMTLS_ERR_BAD_KEY;
    /* RFC 5280 4.2.1.9: only a CA certificate (cA TRUE) may certify keys; 4.2.1.3: keyCertSign */
    if (!gmtls_cert_is_ca(ca))
        return GMTLS_ERR_CERT_NOT_CA;
    ku = gmtls_cert_key_usage(ca);
    if (!(ku & GMTLS_KU_ABSENT) && !(ku & GMTLS_KU_KEY_CERT_SIGN))
        return GMTLS_ERR_CERT_KEY_USAGE;
    gmtls_cert_subject_der(ca, &iss->name, &iss->name_len);
    /* Copy the CA's own identifier, so that authorityKeyIdentifier matches whatever method made it. */
    if (gmtls_cert_subject_key_id(ca, &iss->key_id, &iss->key_id_len) != 0) {
        iss->key_id = NULL;
        iss->key_id_len = 0;
    }
    iss->key = key;
    return 0;
}
