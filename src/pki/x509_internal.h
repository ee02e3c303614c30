/* Internal view of certificates and CRLs, shared by the decoder, the text dump, the verifier,
 * hostname matching and the TLCP pair rules. Every slice points into the object's own copy of
 * the DER, so it lives exactly as long as the object. */
#ifndef GMTLS_PKI_X509_INTERNAL_H
#define GMTLS_PKI_X509_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "gmtls/sm2.h"
#include "gmtls/x509.h"
#include "pki/der.h"

typedef struct {
    const uint8_t *p;
    size_t len;
} gmtls_slice;

/* Known extensions seen (for duplicate detection of the known ones and for the dump). */
enum {
    GMTLS_X509_EXT_BC = 1u << 0,
    GMTLS_X509_EXT_KU = 1u << 1,
    GMTLS_X509_EXT_EKU = 1u << 2,
    GMTLS_X509_EXT_SAN = 1u << 3,
    GMTLS_X509_EXT_IAN = 1u << 4,
    GMTLS_X509_EXT_SKI = 1u << 5,
    GMTLS_X509_EXT_AKI = 1u << 6,
    GMTLS_X509_EXT_NC = 1u << 7,
    GMTLS_X509_EXT_CP = 1u << 8,
    GMTLS_X509_EXT_CRLDP = 1u << 9,
    GMTLS_X509_EXT_AIA = 1u << 10
};

struct gmtls_cert {
    uint8_t *der;
    size_t der_len;
    gmtls_slice tbs;          /* tbsCertificate TLV, as received */
    int version;              /* 1, 2, 3 */
    gmtls_slice serial;       /* magnitude, no sign byte */
    gmtls_slice sig_alg;      /* outer AlgorithmIdentifier TLV */
    gmtls_slice sig_alg_oid;  /* its OID content */
    int sig_alg_id;           /* GMTLS_OID_* */
    gmtls_slice issuer;       /* Name TLV */
    gmtls_slice subject;      /* Name TLV */
    int64_t not_before, not_after;
    gmtls_slice spki;         /* SubjectPublicKeyInfo TLV */
    gmtls_slice spki_alg_oid; /* algorithm OID content */
    gmtls_slice spki_param;   /* parameters TLV (may be empty) */
    gmtls_slice spki_key;     /* subjectPublicKey bits */
    int has_key;              /* pub is a validated SM2 key */
    gmtls_sm2_pubkey pub;
    gmtls_slice sig;          /* signatureValue bits (DER SEQUENCE { r, s } for SM2) */
    int has_exts;
    gmtls_slice exts;         /* content of the Extensions SEQUENCE */
    unsigned ext_seen;        /* GMTLS_X509_EXT_* */
    int unknown_critical;     /* an unrecognised extension is marked critical */
    int is_ca;
    int path_len;             /* -1: none */
    unsigned key_usage;       /* GMTLS_KU_*; GMTLS_KU_ABSENT when no extension */
    unsigned eku;             /* GMTLS_EKU_*; GMTLS_EKU_ABSENT when no extension */
    gmtls_slice ski;          /* keyIdentifier bytes */
    gmtls_slice aki;          /* AKI keyIdentifier bytes (len 0: none) */
    int has_aki_id;
    gmtls_slice san;          /* GeneralNames content of subjectAltName */
    gmtls_slice ian;          /* GeneralNames content of issuerAltName */
    gmtls_slice nc_permitted; /* GeneralSubtrees content ([0]) */
    gmtls_slice nc_excluded;  /* GeneralSubtrees content ([1]) */
    int has_nc_permitted, has_nc_excluded;
};

struct gmtls_crl {
    uint8_t *der;
    size_t der_len;
    gmtls_slice tbs;
    int version;              /* 1 or 2 */
    gmtls_slice sig_alg;
    int sig_alg_id;
    gmtls_slice issuer;
    int64_t this_update, next_update; /* next_update 0: absent */
    gmtls_slice revoked;      /* content of revokedCertificates */
    size_t count;
    int has_number;
    gmtls_slice number;       /* cRLNumber magnitude */
    gmtls_slice aki;
    int has_aki_id;
    gmtls_slice sig;
};

/* AlgorithmIdentifier: its TLV, OID content and GMTLS_OID_* id (SM2-with-SM3 parameters must be
 * absent or NULL: GMTLS_ERR_CERT_BAD). */
int gmtls_x509_parse_alg(gmtls_der *d, gmtls_slice *tlv, gmtls_slice *oid, int *id);
/* Decode one GeneralName (RFC 5280 4.2.1.6) from d: *type GMTLS_GN_*, *val its content (for a
 * directoryName: the Name TLV inside [4]). iPAddress must be 4 or 16 bytes, or 8 or 32 when
 * in_constraint (address + mask). */
int gmtls_x509_general_name(gmtls_der *d, int in_constraint, int *type, const uint8_t **val, size_t *len);
/* Read the next Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue
 * OCTET STRING } (RFC 5280 4.1) from seq. false_err: the error for an explicitly encoded FALSE
 * (X.690 11.5), or 0 to accept it. */
int gmtls_x509_read_ext(gmtls_der *seq, int false_err, const uint8_t **oid, size_t *oid_len, int *critical,
                        const uint8_t **val, size_t *val_len);
/* 1 when one of the Extensions in exts[0..len) (already read once, so well formed) has this OID:
 * RFC 5280 4.2 allows one instance of each. */
int gmtls_x509_ext_repeated(const uint8_t *exts, size_t len, const uint8_t *oid, size_t oid_len);
/* Parse and validate one extension's value; updates c. GMTLS_ERR_CERT_BAD for invalid contents. */
int gmtls_x509_parse_extension(struct gmtls_cert *c, int oid_id, int critical, const uint8_t *val, size_t len);
/* Check a Name's structure (SEQUENCE OF SET OF SEQUENCE { OID, string }). */
int gmtls_name_check(const uint8_t *der, size_t len);
/* Byte-identical Names (the comparison used for chaining; see name.c). */
int gmtls_name_equal(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen);
/* The first CN of a Name as raw bytes and its string tag; GMTLS_ERR_NOT_FOUND. */
int gmtls_name_find_cn(const uint8_t *der, size_t len, const uint8_t **cn, size_t *cn_len, uint8_t *tag);

/* The outer SEQUENCE { tbs, signatureAlgorithm, signatureValue } of a certificate or CRL. */
typedef struct {
    gmtls_slice tbs;         /* the signed TLV, as received */
    gmtls_slice tbs_body;    /* its content */
    gmtls_slice sig_alg;     /* outer AlgorithmIdentifier TLV */
    gmtls_slice sig_alg_oid; /* its OID content */
    int sig_alg_id;          /* GMTLS_OID_* */
    gmtls_slice sig;         /* signatureValue bits */
    int body_depth;          /* nesting depth to decode tbs_body at */
} gmtls_x509_signed;

/* Copy der into a malloc'd *copy (the object's own; NULL when out of memory) and split the copy
 * (the whole input, nothing after it) into its envelope, whose slices point into *copy. An invalid
 * AlgorithmIdentifier, or a signature BIT STRING with unused bits (an SM2 signature is whole
 * octets), gives bad_err. */
int gmtls_x509_parse_signed(gmtls_x509_signed *s, uint8_t **copy, const uint8_t *der, size_t len, int bad_err);

/* Verify an SM2-with-SM3 signature (DER bits) over tbs with key. GMTLS_ERR_CERT_UNSUPPORTED for
 * another algorithm, sig_err when the signature is malformed or wrong. */
int gmtls_x509_check_sig(int sig_alg_id, const gmtls_sm2_pubkey *key, const uint8_t *tbs, size_t tbs_len,
                         const uint8_t *sig, size_t sig_len, int sig_err);

/* Parse a textual IPv4 or IPv6 address (IPv6 optionally in brackets): 4 or 16 bytes in out,
 * length returned; 0 when host is not an IP address. */
size_t gmtls_ip_parse(const char *host, uint8_t out[16]);
/* RFC 6125 DNS-ID match of one dNSName pattern against a host (already known not to be an IP).
 * 1 on match. */
int gmtls_hostname_match(const uint8_t *pattern, size_t plen, const char *host, size_t hlen);

/* Name constraints of ca applied to cert (RFC 5280 4.2.1.10). 0 or GMTLS_ERR_CERT_NAME_CONSTRAINTS. */
int gmtls_x509_check_name_constraints(const struct gmtls_cert *ca, const struct gmtls_cert *cert);

#endif
