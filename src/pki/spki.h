/* SubjectPublicKeyInfo (RFC 5280 4.1.2.7, RFC 5480 2) for SM2 keys: algorithm id-ecPublicKey with
 * the SM2 curve OID as namedCurve parameters (GM/T 0010 / GB/T 35275); id-sm2 as the algorithm is
 * also accepted on input because some GM tools write it. */
#ifndef GMTLS_PKI_SPKI_H
#define GMTLS_PKI_SPKI_H

#include <stddef.h>
#include <stdint.h>

#include "core/writer.h"
#include "gmtls/sm2.h"

/* The whole SPKI TLV; validates the point (GMTLS_ERR_BAD_POINT), the algorithm
 * (GMTLS_ERR_UNKNOWN_ALGORITHM) and the DER (GMTLS_ERR_DER_*). */
int gmtls_spki_parse(gmtls_sm2_pubkey *pub, const uint8_t *der, size_t len);
/* Uncompressed point always. */
int gmtls_spki_encode(gmtls_writer *w, const gmtls_sm2_pubkey *pub);

#endif
