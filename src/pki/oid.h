/* The object identifiers gmtls knows by name (content bytes of the DER OBJECT IDENTIFIER). */
#ifndef GMTLS_PKI_OID_H
#define GMTLS_PKI_OID_H

#include <stddef.h>
#include <stdint.h>

enum gmtls_oid_id {
    GMTLS_OID_UNKNOWN = 0,
    GMTLS_OID_EC_PUBLIC_KEY, GMTLS_OID_SM2, GMTLS_OID_SM3, GMTLS_OID_SM2_WITH_SM3, GMTLS_OID_SM4, GMTLS_OID_SM4_CBC,
    GMTLS_OID_HMAC_SM3, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, GMTLS_OID_HMAC_SHA256, GMTLS_OID_AES256_CBC,
    GMTLS_OID_AES128_CBC, GMTLS_OID_AES192_CBC,
    GMTLS_OID_AT_CN, GMTLS_OID_AT_C, GMTLS_OID_AT_L, GMTLS_OID_AT_ST, GMTLS_OID_AT_O, GMTLS_OID_AT_OU,
    GMTLS_OID_AT_SERIAL_NUMBER, GMTLS_OID_AT_STREET, GMTLS_OID_AT_DC, GMTLS_OID_AT_UID, GMTLS_OID_EMAIL_ADDRESS,
    GMTLS_OID_CE_BASIC_CONSTRAINTS, GMTLS_OID_CE_KEY_USAGE, GMTLS_OID_CE_EXT_KEY_USAGE,
    GMTLS_OID_CE_SUBJECT_ALT_NAME, GMTLS_OID_CE_ISSUER_ALT_NAME, GMTLS_OID_CE_SUBJECT_KEY_ID,
    GMTLS_OID_CE_AUTHORITY_KEY_ID, GMTLS_OID_CE_NAME_CONSTRAINTS, GMTLS_OID_CE_CERT_POLICIES,
    GMTLS_OID_CE_CRL_DIST_POINTS, GMTLS_OID_CE_CRL_NUMBER, GMTLS_OID_CE_CRL_REASON,
    GMTLS_OID_CE_POLICY_CONSTRAINTS, GMTLS_OID_CE_INHIBIT_ANY_POLICY, GMTLS_OID_PE_AUTHORITY_INFO_ACCESS,
    GMTLS_OID_KP_SERVER_AUTH, GMTLS_OID_KP_CLIENT_AUTH, GMTLS_OID_KP_CODE_SIGNING, GMTLS_OID_KP_EMAIL_PROTECTION,
    GMTLS_OID_KP_OCSP_SIGNING, GMTLS_OID_KP_TIME_STAMPING, GMTLS_OID_ANY_EKU, GMTLS_OID_ANY_POLICY,
    GMTLS_OID_PKCS9_EXTENSION_REQUEST, GMTLS_OID_PKCS9_CHALLENGE_PASSWORD,
    /* additions (P1): names used by the key formats and informative printing */
    GMTLS_OID_HMAC_SHA1, GMTLS_OID_SHA256, GMTLS_OID_AT_GIVEN_NAME, GMTLS_OID_AT_SURNAME, GMTLS_OID_AT_TITLE,
    GMTLS_OID_COUNT
};

/* Content bytes -> id (GMTLS_OID_UNKNOWN when not in the table). */
int gmtls_oid_lookup(const uint8_t *der, size_t len);
/* id -> content bytes (NULL and *len = 0 for an unknown id). */
const uint8_t *gmtls_oid_der(int id, size_t *len);
/* Short name, e.g. "CN", "keyUsage", "SM2" ("unknown" for an unknown id). */
const char *gmtls_oid_name(int id);
/* Dotted form, NUL-terminated. GMTLS_ERR_OID for malformed content, GMTLS_ERR_BUFFER_TOO_SMALL
 * when cap is too small; returns the text length (>= 0) on success. */
int gmtls_oid_to_text(const uint8_t *der, size_t len, char *buf, size_t cap);
/* 1 if the content bytes equal the table entry for id. */
int gmtls_oid_is(const uint8_t *der, size_t len, int id);

#endif
