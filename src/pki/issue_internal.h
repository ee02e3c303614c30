/* Internal helpers shared by the issuing code (CSRs, certificates, profiles). */
#ifndef GMTLS_PKI_ISSUE_INTERNAL_H
#define GMTLS_PKI_ISSUE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/writer.h"
#include "gmtls/issue.h"
#include "pki/der_write.h"

/* AlgorithmIdentifier for SM2-with-SM3 (GM/T 0015 / GB/T 35275: no parameters). */
int gmtls_issue_write_sigalg(gmtls_writer *w);
/* SEQUENCE { tbs, sigalg, BIT STRING SM2 signature (DER) } over tbs with the default ID: the
 * outer shape shared by certificates (RFC 5280 4.1.1) and requests (RFC 2986 4.2). */
int gmtls_issue_sign(const gmtls_sm2_key *key, const uint8_t *tbs, size_t tbs_len, uint8_t **out, size_t *out_len);

/* 0 when der is exactly one well-formed non-empty Name (SEQUENCE OF SET OF SEQUENCE { OID, value }),
 * GMTLS_ERR_INVALID_ARG otherwise. */
int gmtls_issue_check_name(const uint8_t *der, size_t len);
/* 0 when der is exactly one non-empty GeneralNames SEQUENCE, GMTLS_ERR_INVALID_ARG otherwise. */
int gmtls_issue_check_san(const uint8_t *der, size_t len);

/* Extension ::= SEQUENCE { extnID, critical DEFAULT FALSE, extnValue OCTET STRING }
 * (RFC 5280 4.1): begin writes the id, the flag when true, and opens the OCTET STRING. */
typedef struct {
    gmtls_derw_mark seq, octets;
} gmtls_ext_mark;
int gmtls_ext_begin(gmtls_writer *w, int oid_id, int critical, gmtls_ext_mark *m);
int gmtls_ext_end(gmtls_writer *w, const gmtls_ext_mark *m);

/* What the profile code needs to write a certificate's extensions. */
typedef struct {
    gmtls_profile profile;
    int path_len;
    const uint8_t *san;
    size_t san_len;
    const uint8_t *ski; /* 20 bytes */
    const uint8_t *aki; /* NULL: no authorityKeyIdentifier */
    size_t aki_len;
} gmtls_profile_exts;
/* The Extensions SEQUENCE (without the [3] wrapper) for a profile. */
int gmtls_profile_write_exts(gmtls_writer *w, const gmtls_profile_exts *e);

#endif
