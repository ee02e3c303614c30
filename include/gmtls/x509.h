/* gmtls: X.509 v3 certificates and CRLs (RFC 5280), chain building and verification, hostname
 * matching (RFC 6125) and the TLCP signing/encryption certificate pair rules (GB/T 38636-2020).
 *
 * Certificates and CRLs are opaque, immutable after parsing and own a copy of their DER, so
 * threads may share them. Parsing checks the structure (DER, field types, duplicate extensions,
 * the values of every extension gmtls understands); the policy checks (validity period, key
 * usage, unknown critical extensions, signatures) happen at verification, so that a certificate
 * which is well-formed but unacceptable can still be loaded and printed.
 *
 * Only SM2-with-SM3 signatures (1.2.156.10197.1.501, signer ID 1234567812345678) and SM2 keys
 * are supported. Certificates with other algorithms parse, but verifying anything with them gives
 * GMTLS_ERR_CERT_UNSUPPORTED. */
#ifndef GMTLS_X509_H
#define GMTLS_X509_H

#include "api.h"
#include "sm2.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gmtls_cert gmtls_cert;                 /* one certificate */
typedef struct gmtls_crl gmtls_crl;                   /* one certificate revocation list */
typedef struct gmtls_trust_store gmtls_trust_store;   /* roots, untrusted intermediates, CRLs */

/* ---- key usage (RFC 5280 4.2.1.3, bit order of the extension) ---- */
#define GMTLS_KU_DIGITAL_SIGNATURE 0x001u
#define GMTLS_KU_NON_REPUDIATION 0x002u
#define GMTLS_KU_KEY_ENCIPHERMENT 0x004u
#define GMTLS_KU_DATA_ENCIPHERMENT 0x008u
#define GMTLS_KU_KEY_AGREEMENT 0x010u
#define GMTLS_KU_KEY_CERT_SIGN 0x020u
#define GMTLS_KU_CRL_SIGN 0x040u
#define GMTLS_KU_ENCIPHER_ONLY 0x080u
#define GMTLS_KU_DECIPHER_ONLY 0x100u
#define GMTLS_KU_ABSENT 0x8000u   /* the certificate has no keyUsage extension (no other bit set) */

/* ---- extended key usage (RFC 5280 4.2.1.12) ---- */
#define GMTLS_EKU_SERVER_AUTH 0x001u
#define GMTLS_EKU_CLIENT_AUTH 0x002u
#define GMTLS_EKU_CODE_SIGNING 0x004u
#define GMTLS_EKU_EMAIL_PROTECTION 0x008u
#define GMTLS_EKU_TIME_STAMPING 0x010u
#define GMTLS_EKU_OCSP_SIGNING 0x020u
#define GMTLS_EKU_ANY 0x040u      /* anyExtendedKeyUsage */
#define GMTLS_EKU_OTHER 0x080u    /* some purpose gmtls does not know */
#define GMTLS_EKU_ABSENT 0x8000u  /* no extKeyUsage extension: every purpose is allowed */

/* ---- GeneralName types (RFC 5280 4.2.1.6; the value is the context tag number) ---- */
#define GMTLS_GN_OTHER 0
#define GMTLS_GN_EMAIL 1
#define GMTLS_GN_DNS 2
#define GMTLS_GN_X400 3
#define GMTLS_GN_DIRNAME 4
#define GMTLS_GN_EDI_PARTY 5
#define GMTLS_GN_URI 6
#define GMTLS_GN_IP 7
#define GMTLS_GN_RID 8

/* ---- certificates ---- */

/* Parse one DER certificate (exactly len bytes). Errors: the DER codes (GMTLS_ERR_DER_*,
 * GMTLS_ERR_OID, GMTLS_ERR_TIME_FORMAT) for malformed encodings, GMTLS_ERR_CERT_BAD for a
 * well-formed structure with invalid contents (unknown version, bad serial, signature algorithms
 * that differ inside and outside the TBS, duplicate extensions, a malformed known extension),
 * GMTLS_ERR_BAD_POINT for an SM2 key that is not a valid point, GMTLS_ERR_NO_MEMORY. A key of
 * another algorithm is not an error: gmtls_cert_pubkey then returns NULL. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_cert_parse(gmtls_cert **out, const uint8_t *der, size_t len);
/* Every CERTIFICATE block of a PEM text, in order (other blocks are skipped). *certs is a malloc'd
 * array to release with gmtls_cert_free_all. GMTLS_ERR_NOT_FOUND when there is no certificate;
 * on any error nothing is returned. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_cert_parse_pem_all(gmtls_cert ***certs, size_t *n, const char *text,
                                                        size_t len);
/* PEM (any number of certificates) or a single DER certificate, detected from the first byte. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_cert_parse_any(gmtls_cert ***certs, size_t *n, const uint8_t *data,
                                                    size_t len);
GMTLS_API void gmtls_cert_free(gmtls_cert *c);
GMTLS_API void gmtls_cert_free_all(gmtls_cert **certs, size_t n);
/* A new handle on the same certificate (parsed again from its DER). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_cert_dup(gmtls_cert **out, const gmtls_cert *c);

GMTLS_API void gmtls_cert_der(const gmtls_cert *c, const uint8_t **der, size_t *len);
/* The signed part (tbsCertificate TLV) exactly as received. */
GMTLS_API void gmtls_cert_tbs(const gmtls_cert *c, const uint8_t **der, size_t *len);
/* The Name TLVs as encoded. */
GMTLS_API void gmtls_cert_subject_der(const gmtls_cert *c, const uint8_t **der, size_t *len);
GMTLS_API void gmtls_cert_issuer_der(const gmtls_cert *c, const uint8_t **der, size_t *len);
/* 1, 2 or 3. */
GMTLS_API int gmtls_cert_version(const gmtls_cert *c);
/* The serial number's magnitude (big-endian, 1 to 20 bytes, no sign byte). */
GMTLS_API void gmtls_cert_serial(const gmtls_cert *c, const uint8_t **serial, size_t *len);
GMTLS_API void gmtls_cert_validity(const gmtls_cert *c, int64_t *not_before, int64_t *not_after);
/* The SM2 public key, or NULL when the certificate holds another kind of key. */
GMTLS_API const gmtls_sm2_pubkey *gmtls_cert_pubkey(const gmtls_cert *c);
/* GMTLS_ERR_NOT_FOUND when the extension (or the keyIdentifier field of the AKI) is absent. */
GMTLS_API int gmtls_cert_subject_key_id(const gmtls_cert *c, const uint8_t **id, size_t *len);
GMTLS_API int gmtls_cert_authority_key_id(const gmtls_cert *c, const uint8_t **id, size_t *len);
/* GMTLS_KU_* bits, or GMTLS_KU_ABSENT alone when there is no keyUsage extension. */
GMTLS_API unsigned gmtls_cert_key_usage(const gmtls_cert *c);
/* GMTLS_EKU_* bits, or GMTLS_EKU_ABSENT alone when there is no extKeyUsage extension. */
GMTLS_API unsigned gmtls_cert_ext_key_usage(const gmtls_cert *c);
/* 1 when basicConstraints says cA = TRUE. */
GMTLS_API int gmtls_cert_is_ca(const gmtls_cert *c);
/* pathLenConstraint, or -1 when absent. */
GMTLS_API int gmtls_cert_path_len(const gmtls_cert *c);
/* 1 when subject and issuer Names are byte-identical. */
GMTLS_API int gmtls_cert_is_self_issued(const gmtls_cert *c);
/* The i-th subjectAltName entry (0-based): *type = GMTLS_GN_*, the value as encoded (for IP: 4 or
 * 16 bytes; for a directoryName: the Name TLV). GMTLS_ERR_NOT_FOUND past the last one. */
GMTLS_API int gmtls_cert_san(const gmtls_cert *c, size_t i, int *type, const uint8_t **val, size_t *len);
/* SM3 of the DER certificate (what `gmtls x509 -fingerprint` prints). */
GMTLS_API void gmtls_cert_fingerprint(const gmtls_cert *c, uint8_t out[32]);

/* 0 when issuer's key verifies cert's signature (SM2 with SM3, default ID, over the TBS bytes as
 * received). GMTLS_ERR_CERT_UNSUPPORTED for another algorithm or a non-SM2 issuer key,
 * GMTLS_ERR_CERT_SIGNATURE when the signature is malformed or does not verify. Names are not
 * compared here. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_cert_check_signature(const gmtls_cert *cert, const gmtls_cert *issuer);

/* A readable multi-line description in the style of `openssl x509 -text`. *out is malloc'd and
 * NUL-terminated; release it with free(). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_cert_to_text(const gmtls_cert *c, char **out, size_t *out_len);

/* A DER Name as one line: "/C=CN/O=Org1/CN=peer0" (attributes of one multi-valued RDN joined by
 * '+'). '/', '+', '=' and '\\' inside values are escaped with a backslash; control characters,
 * invalid UTF-8 and non-ASCII bytes of non-UTF-8 strings as \xHH; BMPString is converted to
 * UTF-8. An empty Name gives "". Returns the text length, GMTLS_ERR_BUFFER_TOO_SMALL when it does
 * not fit (buf then holds a NUL-terminated prefix), DER errors for a malformed Name. */
GMTLS_API int gmtls_name_to_text(const uint8_t *name_der, size_t len, char *buf, size_t cap);

/* ---- hostname matching (RFC 6125) ---- */

/* 0 when host (a DNS name, a dotted IPv4 address or an IPv6 address, optionally in brackets)
 * matches the certificate, GMTLS_ERR_CERT_NAME_MISMATCH otherwise.
 * DNS names: compared case-insensitively with the dNSName SANs, ignoring one trailing dot.
 * A wildcard is accepted only as the whole left-most label ("*.example.com") with at least two
 * labels after it, and matches exactly one non-empty label; "*.*.example.com", "*", "*.com" and
 * partial-label wildcards such as "f*o.example.com" never match anything (partial wildcards are
 * refused outright: simpler and safer than RFC 6125 6.4.3's optional rule).
 * IP addresses: compared byte for byte with the iPAddress SANs only; wildcards never match them.
 * The subject's CN is used only when the certificate has no subjectAltName extension at all, and
 * then only as a DNS name. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_cert_check_host(const gmtls_cert *c, const char *host);

/* ---- CRLs (RFC 5280 5) ---- */

/* Parse one DER CRL. GMTLS_ERR_CRL_BAD for invalid contents (unknown version, an unknown
 * critical CRL or entry extension, duplicate extensions), DER codes for malformed encodings. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_crl_parse(gmtls_crl **out, const uint8_t *der, size_t len);
/* Every X509 CRL block of a PEM text, or one DER CRL (detected from the first byte). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_crl_parse_any(gmtls_crl ***crls, size_t *n, const uint8_t *data, size_t len);
GMTLS_API void gmtls_crl_free(gmtls_crl *crl);
GMTLS_API void gmtls_crl_free_all(gmtls_crl **crls, size_t n);
GMTLS_API void gmtls_crl_issuer_der(const gmtls_crl *crl, const uint8_t **der, size_t *len);
/* next_update is 0 when the CRL has none. */
GMTLS_API void gmtls_crl_dates(const gmtls_crl *crl, int64_t *this_update, int64_t *next_update);
GMTLS_API size_t gmtls_crl_count(const gmtls_crl *crl);
/* The i-th revoked entry: serial magnitude, revocation date, reason code (-1 when absent). */
GMTLS_API int gmtls_crl_entry(const gmtls_crl *crl, size_t i, const uint8_t **serial, size_t *serial_len,
                              int64_t *revoked_at, int *reason);
/* Check the CRL against its issuer at time now (0: the current time): issuer Name equal to the
 * certificate's subject (else GMTLS_ERR_CRL_BAD), cRLSign when keyUsage is present
 * (GMTLS_ERR_CERT_KEY_USAGE), signature (GMTLS_ERR_CRL_SIGNATURE, or GMTLS_ERR_CERT_UNSUPPORTED),
 * thisUpdate not in the future and nextUpdate not past (GMTLS_ERR_CRL_EXPIRED). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_crl_verify(const gmtls_crl *crl, const gmtls_cert *issuer, int64_t now);
/* 1 when the CRL lists cert's serial number (issuer Names must be equal), else 0. */
GMTLS_API int gmtls_crl_is_revoked(const gmtls_crl *crl, const gmtls_cert *cert);

/* ---- trust store ---- */

GMTLS_API GMTLS_MUST_CHECK int gmtls_trust_store_new(gmtls_trust_store **out);
GMTLS_API void gmtls_trust_store_free(gmtls_trust_store *ts);
/* Add every certificate of a PEM text or one DER certificate as a trust anchor / as an untrusted
 * intermediate candidate for path building / every CRL. Parse errors are returned and nothing is
 * added from that input. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_trust_store_add_roots(gmtls_trust_store *ts, const uint8_t *data, size_t len);
GMTLS_API GMTLS_MUST_CHECK int gmtls_trust_store_add_untrusted(gmtls_trust_store *ts, const uint8_t *data,
                                                               size_t len);
GMTLS_API GMTLS_MUST_CHECK int gmtls_trust_store_add_crls(gmtls_trust_store *ts, const uint8_t *data, size_t len);
/* Add a copy of an already parsed certificate. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_trust_store_add_root_cert(gmtls_trust_store *ts, const gmtls_cert *c);
GMTLS_API GMTLS_MUST_CHECK int gmtls_trust_store_add_untrusted_cert(gmtls_trust_store *ts, const gmtls_cert *c);
GMTLS_API size_t gmtls_trust_store_root_count(const gmtls_trust_store *ts);

/* ---- chain verification (RFC 5280 6) ---- */

typedef enum {
    GMTLS_PURPOSE_ANY = 0,    /* no key usage requirement on the end-entity certificate */
    GMTLS_PURPOSE_CA,         /* the certificate itself must be a CA with keyCertSign */
    GMTLS_PURPOSE_TLCP_SIGN,  /* TLCP signing cert: digitalSignature or nonRepudiation */
    GMTLS_PURPOSE_TLCP_ENC,   /* TLCP encryption cert: keyEncipherment, dataEncipherment or keyAgreement */
    GMTLS_PURPOSE_TLS_SERVER, /* digitalSignature or keyAgreement; serverAuth when EKU present */
    GMTLS_PURPOSE_TLS_CLIENT  /* digitalSignature or keyAgreement; clientAuth when EKU present */
} gmtls_purpose;

/* Strict TLCP: the end-entity certificate must carry keyUsage and must not be a CA
 * (cA, keyCertSign or cRLSign) -> GMTLS_ERR_CERT_KEY_USAGE. */
#define GMTLS_VERIFY_STRICT_TLCP 0x01u
/* For TLCP purposes also require the TLS EKU (serverAuth for a server, clientAuth for a client)
 * when EKU is present. */
#define GMTLS_VERIFY_TLCP_SERVER 0x02u
#define GMTLS_VERIFY_TLCP_CLIENT 0x04u

#define GMTLS_VERIFY_DEFAULT_DEPTH 10

typedef struct {
    gmtls_purpose purpose;
    int64_t time;          /* verification time, seconds since the epoch; 0 = now */
    const char *hostname;  /* checked against the end-entity certificate when not NULL */
    unsigned max_depth;    /* the most certificates in a path including the root; 0 = 10 */
    unsigned flags;        /* GMTLS_VERIFY_* */
} gmtls_verify_opts;

typedef struct {
    size_t path_len;       /* certificates in the accepted (or last tried) path, leaf to root */
    int error_depth;       /* position of the certificate that failed (0 = leaf), -1 if none */
} gmtls_verify_result;

/* Verify chain[0] (the end-entity certificate) up to a trust anchor of ts. chain[1..n) are
 * untrusted candidates for intermediates (as a peer sends them), used together with the store's
 * untrusted pool. Paths are built by issuer Name plus AKI/SKI, trying every candidate issuer before
 * giving up; when all paths fail, the error of the path that got closest to an anchor is returned.
 * opts may be NULL (purpose ANY, now, depth 10), res may be NULL.
 * Errors: GMTLS_ERR_CERT_UNKNOWN_CA, _SIGNATURE, _EXPIRED, _NOT_YET_VALID, _NOT_CA, _KEY_USAGE,
 * _EXT_KEY_USAGE, _PATH_LEN, _CHAIN_TOO_LONG (depth exceeded or a loop), _CRITICAL_EXT (an
 * extension gmtls does not understand is marked critical), _NAME_CONSTRAINTS, _REVOKED,
 * _UNSUPPORTED, _NAME_MISMATCH. Revocation: for every certificate whose issuer has CRLs in the store,
 * those CRLs are checked (gmtls_crl_verify; an invalid CRL fails the path with its error) and a listed
 * serial gives GMTLS_ERR_CERT_REVOKED; certificates whose issuer has no CRL are not checked. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_verify_chain(const gmtls_trust_store *ts, const gmtls_cert *const *chain,
                                                  size_t n, const gmtls_verify_opts *opts, gmtls_verify_result *res);

/* The TLS/TLCP alert description to send for a certificate error (RFC 5246 7.2.2):
 *   unsupported_certificate (43): GMTLS_ERR_CERT_UNSUPPORTED, _CRITICAL_EXT, _KEY_USAGE, _EXT_KEY_USAGE
 *   certificate_revoked (44):     GMTLS_ERR_CERT_REVOKED
 *   certificate_expired (45):     GMTLS_ERR_CERT_EXPIRED, _NOT_YET_VALID, GMTLS_ERR_CRL_EXPIRED
 *   unknown_ca (48):              GMTLS_ERR_CERT_UNKNOWN_CA
 *   bad_certificate (42):         GMTLS_ERR_CERT_BAD, _SIGNATURE, _NAME_MISMATCH, _PATH_LEN, _CHAIN_TOO_LONG,
 *                                 _NOT_CA, _PAIR, _NAME_CONSTRAINTS, GMTLS_ERR_BAD_POINT
 *   decode_error (50):            every GMTLS_ERRCLASS_FORMAT code (the certificate could not be decoded)
 *   certificate_unknown (46):     anything else (CRL_BAD, CRL_SIGNATURE, out of memory, ...)
 * 0 for 0. */
GMTLS_API int gmtls_cert_error_alert(int err);

/* ---- TLCP certificate pairs (GB/T 38636-2020 6.4.5.3: a signing and an encryption certificate) ---- */

typedef enum {
    GMTLS_PAIR_DEFAULT = 0, /* sign: digitalSignature|nonRepudiation; enc: keyEncipherment|dataEncipherment|
                               keyAgreement; byte-identical subject Names */
    GMTLS_PAIR_STRICT = 1,  /* DEFAULT plus: identical issuer and subjectAltName, keyEncipherment on the enc
                               cert, neither cert a CA (cA, keyCertSign, cRLSign) */
    GMTLS_PAIR_FABRIC = 2   /* one certificate used for both: same cert, digitalSignature and keyEncipherment */
} gmtls_pair_mode;

/* 0 when (sign, enc) satisfies the mode. GMTLS_ERR_CERT_KEY_USAGE when a key usage bit is missing
 * or forbidden, GMTLS_ERR_CERT_PAIR when the two certificates do not belong together (names,
 * SAN, issuer, or two different certificates in FABRIC mode), GMTLS_ERR_INVALID_ARG. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_tlcp_pair_check(const gmtls_cert *sign, const gmtls_cert *enc,
                                                     gmtls_pair_mode mode);

#ifdef __cplusplus
}
#endif

#endif
