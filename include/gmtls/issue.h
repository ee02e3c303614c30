/* gmtls: issuing. Subject names and subjectAltName lists from text, PKCS#10 certification requests
 * (RFC 2986), and X.509 v3 certificates (RFC 5280) signed with SM2-with-SM3 (GM/T 0015), under
 * issuance profiles made for TLCP double certificates (GB/T 38636-2020) and for the single TLS
 * certificate of Hyperledger Fabric GM forks.
 *
 * Every certificate issued here respects the limits of the strictest peers in the field: a positive
 * 16-byte serial number, a validity of at most GMTLS_ISSUE_MAX_DAYS days, an uncompressed public key,
 * no basicConstraints extension in leaf certificates, and no keyCertSign/cRLSign in leaves.
 *
 * Buffers returned through `uint8_t **der` are malloc'd; release them with free(). */
#ifndef GMTLS_ISSUE_H
#define GMTLS_ISSUE_H

#include "api.h"
#include "sm2.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The longest validity gmtls issues, in days (GmSSL refuses to verify anything longer). */
#define GMTLS_ISSUE_MAX_DAYS 3653
/* notBefore is set this many seconds before the issuing time, to tolerate peers whose clocks lag. */
#define GMTLS_ISSUE_BACKDATE 300
/* Serial numbers are this many bytes, positive, with the second-highest bit set so that the DER
 * INTEGER always has exactly this many content bytes. */
#define GMTLS_ISSUE_SERIAL_LEN 16

/* ---- names ---- */

/* A Name (RFC 5280 4.1.2.4) from the one-line form "/C=CN/O=Org1/CN=peer0.org1.example.com".
 * Attributes: C, ST, L, O, OU, CN, street, serialNumber, DC, UID, emailAddress (also "email"),
 * GN, SN, title. C and serialNumber are PrintableString (C exactly two letters), DC and emailAddress
 * IA5String, the others UTF8String. A backslash makes the next character literal ("\/" for a
 * slash, "\\" for a backslash). One attribute per RDN, in the order given.
 * GMTLS_ERR_INVALID_ARG for anything else (empty text or value, unknown attribute, missing '=',
 * trailing backslash, invalid UTF-8, control characters, characters the string type cannot hold,
 * a value longer than 256 bytes). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_subject_from_text(const char *text, uint8_t **der, size_t *der_len);

/* GeneralName types used in subjectAltName (RFC 5280 4.2.1.6: the context tag numbers). */
enum { GMTLS_SAN_EMAIL = 1, GMTLS_SAN_DNS = 2, GMTLS_SAN_URI = 6, GMTLS_SAN_IP = 7 };

/* GeneralNames (the subjectAltName extension value) from "DNS:a.example,DNS:b,IP:1.2.3.4,
 * IP:::1,email:x@y.example,URI:https://x.example/". Type names are case-insensitive; IP takes
 * IPv4 dotted or IPv6 text. Host names: letters, digits, '-' and '.', an optional leading "*.".
 * GMTLS_ERR_INVALID_ARG for an empty list, an unknown type, an empty or malformed value. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_san_from_text(const char *spec, uint8_t **der, size_t *der_len);

typedef struct {
    int type;             /* GMTLS_SAN_*, or another GeneralName tag number (0..8) */
    const uint8_t *value; /* content bytes (text for DNS/email/URI, 4 or 16 bytes for IP) */
    size_t len;
} gmtls_general_name;

/* The index-th name of a GeneralNames SEQUENCE (the whole TLV). GMTLS_ERR_NOT_FOUND past the end,
 * GMTLS_ERR_DER_* when malformed. Values point into der. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_san_get(const uint8_t *der, size_t len, size_t index, gmtls_general_name *gn);
/* "DNS:x", "IP:1.2.3.4", "IP:::1", "email:x@y", "URI:u", or "othername:<tag n>" into buf
 * (NUL-terminated). GMTLS_ERR_BUFFER_TOO_SMALL when it does not fit. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_general_name_to_text(const gmtls_general_name *gn, char *buf, size_t cap);

/* ---- profiles ---- */

typedef enum {
    GMTLS_PROFILE_CA = 0,      /* certification authority */
    GMTLS_PROFILE_SIGN,        /* TLCP server signing certificate */
    GMTLS_PROFILE_ENC,         /* TLCP server encryption certificate */
    GMTLS_PROFILE_CLIENT_SIGN, /* TLCP client signing certificate */
    GMTLS_PROFILE_CLIENT_ENC,  /* TLCP client encryption certificate */
    GMTLS_PROFILE_FABRIC,      /* one TLS certificate used as both sign and enc (Fabric GM forks) */
    GMTLS_PROFILE_COUNT
} gmtls_profile;

/* "ca", "sign", "enc", "client-sign", "client-enc", "fabric" -> profile; GMTLS_ERR_INVALID_ARG. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_profile_from_name(const char *name, gmtls_profile *profile);
/* The name of a profile ("unknown" for a bad value). */
GMTLS_API const char *gmtls_profile_name(gmtls_profile profile);
/* The keyUsage bits the profile sets (RFC 5280 4.2.1.3 bit n = 1 << n, the GMTLS_KU_* values of
 * gmtls/x509.h); 0 for a bad value. */
GMTLS_API unsigned gmtls_profile_key_usage(gmtls_profile profile);
/* Which extended key usages the profile sets: bit 0 serverAuth, bit 1 clientAuth (0: none). */
GMTLS_API unsigned gmtls_profile_ext_key_usage(gmtls_profile profile);
#define GMTLS_PROFILE_EKU_SERVER 1u
#define GMTLS_PROFILE_EKU_CLIENT 2u

/* ---- certification requests (RFC 2986) ---- */

typedef struct gmtls_csr gmtls_csr; /* opaque, owns a copy of the DER */

/* A CertificationRequest for key's public key with this subject (a Name TLV, e.g. from
 * gmtls_subject_from_text) and, when san is not NULL, an extensionRequest attribute (PKCS#9,
 * RFC 2985 5.4.2) carrying subjectAltName = san (a GeneralNames TLV). Signed with SM2-with-SM3
 * and the default ID. GMTLS_ERR_INVALID_ARG for a malformed subject or san. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_csr_create(const gmtls_sm2_key *key, const uint8_t *subject, size_t subject_len,
                                                const uint8_t *san, size_t san_len, uint8_t **der, size_t *der_len);
/* Parse a request, DER or PEM ("CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST"). Structure only:
 * call gmtls_csr_verify for the signature. Errors: GMTLS_ERR_DER_* for bad DER, GMTLS_ERR_PEM /
 * GMTLS_ERR_BASE64 / GMTLS_ERR_NOT_FOUND for PEM problems, GMTLS_ERR_DER_VALUE for a version other
 * than 0 or a malformed attribute or extension (duplicate extensionRequest or extension, empty
 * attribute value set), GMTLS_ERR_UNKNOWN_ALGORITHM for a signature algorithm other than
 * SM2-with-SM3 or a non-SM2 key, GMTLS_ERR_BAD_POINT for an invalid public key,
 * GMTLS_ERR_BAD_SIGNATURE for a signature value that is not a valid SM2 signature encoding,
 * GMTLS_ERR_NO_MEMORY. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_csr_parse(gmtls_csr **csr, const uint8_t *data, size_t len);
GMTLS_API void gmtls_csr_free(gmtls_csr *csr);
/* Verify the signature over CertificationRequestInfo exactly as received, with the default ID.
 * 0, GMTLS_ERR_VERIFY_FAILED or GMTLS_ERR_BAD_SIGNATURE (r or s out of range). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_csr_verify(const gmtls_csr *csr);
/* The same with another signer ID. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_csr_verify_id(const gmtls_csr *csr, const uint8_t *id, size_t id_len);
GMTLS_API void gmtls_csr_der(const gmtls_csr *csr, const uint8_t **der, size_t *len);
/* The subject Name TLV as encoded in the request. */
GMTLS_API void gmtls_csr_subject_der(const gmtls_csr *csr, const uint8_t **der, size_t *len);
GMTLS_API const gmtls_sm2_pubkey *gmtls_csr_pubkey(const gmtls_csr *csr);
/* Requested extensions (from the extensionRequest attribute), in order. */
GMTLS_API size_t gmtls_csr_ext_count(const gmtls_csr *csr);
/* The index-th requested extension: OID content bytes, critical flag, extnValue content.
 * GMTLS_ERR_NOT_FOUND past the end. Any output pointer may be NULL. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_csr_ext(const gmtls_csr *csr, size_t index, const uint8_t **oid, size_t *oid_len,
                                             int *critical, const uint8_t **val, size_t *val_len);
/* The requested subjectAltName value (a GeneralNames TLV, see gmtls_san_get); GMTLS_ERR_NOT_FOUND. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_csr_san(const gmtls_csr *csr, const uint8_t **der, size_t *len);

/* ---- certificates ---- */

typedef struct gmtls_cert gmtls_cert; /* gmtls/x509.h */

/* Who signs: the issuer Name exactly as encoded in the CA certificate's subject, the CA's key
 * identifier (for authorityKeyIdentifier; NULL: derived from the key), and the CA private key.
 * The pointers must stay valid while the issuer is used. */
typedef struct {
    const uint8_t *name;
    size_t name_len;
    const uint8_t *key_id;
    size_t key_id_len;
    const gmtls_sm2_key *key;
} gmtls_issuer;

/* An issuer from a CA certificate and its private key. GMTLS_ERR_BAD_KEY when the key does not
 * belong to the certificate, GMTLS_ERR_CERT_NOT_CA when the certificate is not a CA certificate
 * (basicConstraints cA), GMTLS_ERR_CERT_KEY_USAGE when its keyUsage lacks keyCertSign. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_issuer_from_cert(gmtls_issuer *iss, const gmtls_cert *ca,
                                                      const gmtls_sm2_key *key);

typedef struct {
    gmtls_profile profile;
    const uint8_t *subject;  /* Name TLV (required, non-empty) */
    size_t subject_len;
    const gmtls_sm2_pubkey *pubkey; /* the subject's key (NULL with gmtls_cert_self_sign: the signing key's) */
    const uint8_t *san;      /* GeneralNames TLV for subjectAltName, or NULL */
    size_t san_len;
    unsigned days;           /* 1 .. GMTLS_ISSUE_MAX_DAYS */
    int path_len;            /* ca profile: >= 0 adds pathLenConstraint; < 0 leaves it out */
    int64_t now;             /* issuing time in seconds since the epoch; 0: the current time */
} gmtls_issue_params;

/* A certificate signed by iss: random serial, validity [now - GMTLS_ISSUE_BACKDATE,
 * that + days], the profile's extensions, subjectKeyIdentifier (SM3 of the public key, truncated to
 * 160 bits, RFC 7093 2 style) and authorityKeyIdentifier. GMTLS_ERR_INVALID_ARG for days == 0 or
 * days > GMTLS_ISSUE_MAX_DAYS, a missing/empty/malformed subject or san, a bad profile or a
 * missing key; GMTLS_ERR_RANDOM; GMTLS_ERR_NO_MEMORY. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_cert_issue(const gmtls_issue_params *p, const gmtls_issuer *iss, uint8_t **der,
                                                size_t *der_len);
/* A self-signed certificate (issuer = subject), normally with the ca profile (a root). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_cert_self_sign(const gmtls_issue_params *p, const gmtls_sm2_key *key,
                                                    uint8_t **der, size_t *der_len);
/* The key identifier gmtls puts in subjectKeyIdentifier: SM3(04 || x || y) truncated to 20 bytes. */
GMTLS_API void gmtls_key_id(const gmtls_sm2_pubkey *pub, uint8_t id[20]);

#ifdef __cplusplus
}
#endif

#endif
