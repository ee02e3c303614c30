/* Reading SM2 private keys: SEC1 ECPrivateKey (RFC 5915), PKCS#8 PrivateKeyInfo (RFC 5208, 5958)
 * and encrypted PKCS#8 (RFC 5958 3, PBES2 in key_pbes2.c), as DER or PEM. Every copy of the
 * private scalar and of decrypted or decoded key bytes is wiped before returning. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/pem.h"
#include "gmtls/pkey.h"
#include "gmtls/util.h"
#include "pki/der.h"
#include "pki/key_internal.h"
#include "pki/oid.h"

void gmtls_free_secret(void *p, size_t len)
{
    if (!p)
        return;
    gmtls_wipe(p, len);
    free(p);
}

/* Both key structures are SEQUENCE { version INTEGER, ... } filling the whole input: enter it and
 * read the version. */
static int enter_versioned(const uint8_t *der, size_t len, gmtls_der *seq, uint64_t *version)
{
    gmtls_der d;
    int e;
    gmtls_der_init(&d, der, len);
    if ((e = gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, seq)) != 0 || (e = gmtls_der_end(&d)) != 0)
        return e;
    return gmtls_der_small_uint(seq, version);
}

/* RFC 5915 3:
 *   ECPrivateKey ::= SEQUENCE { version INTEGER { ecPrivkeyVer1(1) }, privateKey OCTET STRING,
 *                               parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
 * The curve, when named, must be sm2p256v1; a public key, when present, must be the one d gives. */
int gmtls_key_parse_sec1(gmtls_sm2_key *key, const uint8_t *der, size_t len)
{
    gmtls_der seq, inner;
    uint64_t version;
    const uint8_t *p;
    size_t n;
    int present;
    int e = enter_versioned(der, len, &seq, &version);
    if (e)
        return e;
    if (version != 1)
        return GMTLS_ERR_KEY_FORMAT;
    if ((e = gmtls_der_octet_string(&seq, &p, &n)) != 0)
        return e;
    /* RFC 5915 3: ceiling(log2(n) / 8) = 32 octets; shorter forms (leading zeros dropped) are
     * tolerated because some writers produce them. */
    if (n == 0 || n > 32)
        return GMTLS_ERR_KEY_FORMAT;
    uint8_t dbytes[32] = {0};
    memcpy(dbytes + 32 - n, p, n);
    if ((e = gmtls_der_enter_optional(&seq, GMTLS_DER_CONTEXT(0), &inner, &present)) != 0)
        goto out;
    if (present) {
        if ((e = gmtls_der_oid(&inner, &p, &n)) != 0 || (e = gmtls_der_end(&inner)) != 0)
            goto out;
        if (!gmtls_oid_is(p, n, GMTLS_OID_SM2)) {
            e = GMTLS_ERR_UNKNOWN_ALGORITHM;
            goto out;
        }
    }
    const uint8_t *pub = NULL;
    size_t pub_len = 0;
    if ((e = gmtls_der_enter_optional(&seq, GMTLS_DER_CONTEXT(1), &inner, &present)) != 0)
        goto out;
    if (present) {
        unsigned unused;
        if ((e = gmtls_der_bit_string(&inner, &pub, &pub_len, &unused)) != 0 || (e = gmtls_der_end(&inner)) != 0)
            goto out;
        if (unused != 0) {
            e = GMTLS_ERR_KEY_FORMAT;
            goto out;
        }
    }
    if ((e = gmtls_der_end(&seq)) != 0)
        goto out;
    if ((e = gmtls_sm2_key_from_bytes(key, dbytes)) != 0)
        goto out;
    if (pub) {
        gmtls_sm2_pubkey given;
        e = gmtls_sm2_pubkey_from_octets(&given, pub, pub_len);
        if (e == 0 && !gmtls_sm2_pubkey_equal(&given, &key->pub))
            e = GMTLS_ERR_BAD_KEY; /* the stored public key is not d's */
        if (e)
            gmtls_wipe(key, sizeof(*key));
    }
out:
    gmtls_wipe(dbytes, sizeof(dbytes));
    return e;
}

/* RFC 5208 5 / RFC 5958 2:
 *   OneAsymmetricKey ::= SEQUENCE { version (0 or 1), privateKeyAlgorithm AlgorithmIdentifier,
 *                                   privateKey OCTET STRING, attributes [0] IMPLICIT OPTIONAL,
 *                                   [[2: publicKey [1] IMPLICIT BIT STRING OPTIONAL ]] }
 * with the algorithm of RFC 5915 4 (id-ecPublicKey + sm2p256v1, or id-sm2) and an ECPrivateKey
 * inside. */
int gmtls_key_parse_pkcs8(gmtls_sm2_key *key, const uint8_t *der, size_t len)
{
    gmtls_der seq, alg;
    uint64_t version;
    const uint8_t *p;
    size_t n;
    int present;
    int e = enter_versioned(der, len, &seq, &version);
    if (e)
        return e;
    if (version > 1)
        return GMTLS_ERR_KEY_FORMAT;
    if ((e = gmtls_der_enter(&seq, GMTLS_DER_SEQUENCE, &alg)) != 0 || (e = gmtls_spki_check_alg(&alg)) != 0 ||
        (e = gmtls_der_octet_string(&seq, &p, &n)) != 0)
        return e;
    const uint8_t *attrs, *pub = NULL;
    size_t attrs_len, pub_len = 0;
    if ((e = gmtls_der_expect_optional(&seq, GMTLS_DER_CONTEXT(0), &attrs, &attrs_len, &present)) != 0)
        return e;
    if (version == 1 &&
        (e = gmtls_der_expect_optional(&seq, GMTLS_DER_CONTEXT_PRIM(1), &pub, &pub_len, &present)) != 0)
        return e;
    if ((e = gmtls_der_end(&seq)) != 0)
        return e;
    if ((e = gmtls_key_parse_sec1(key, p, n)) != 0)
        return e;
    if (pub) {
        /* [1] IMPLICIT BIT STRING: first content octet is the unused-bit count. */
        gmtls_sm2_pubkey given;
        e = pub_len < 1 || pub[0] != 0 ? GMTLS_ERR_KEY_FORMAT : gmtls_sm2_pubkey_from_octets(&given, pub + 1, pub_len - 1);
        if (e == 0 && !gmtls_sm2_pubkey_equal(&given, &key->pub))
            e = GMTLS_ERR_BAD_KEY;
        if (e)
            gmtls_wipe(key, sizeof(*key));
    }
    return e;
}

/* Which structure a DER private key is, from its first elements. */
static int sniff(const uint8_t *der, size_t len, gmtls_keyfmt *fmt)
{
    gmtls_der d, seq;
    uint8_t tag;
    int e;
    gmtls_der_init(&d, der, len);
    if ((e = gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq)) != 0 || (e = gmtls_der_peek_tag(&seq, &tag)) != 0)
        return e;
    if (tag == GMTLS_DER_SEQUENCE) {
        /* EncryptedPrivateKeyInfo: AlgorithmIdentifier then OCTET STRING (a SubjectPublicKeyInfo
         * has a BIT STRING there). */
        if ((e = gmtls_der_any(&seq, NULL, NULL, NULL, NULL, NULL)) != 0 || (e = gmtls_der_peek_tag(&seq, &tag)) != 0)
            return e;
        if (tag != GMTLS_DER_OCTET_STRING)
            return GMTLS_ERR_KEY_FORMAT;
        *fmt = GMTLS_KEYFMT_PKCS8_ENCRYPTED;
        return 0;
    }
    uint64_t v;
    if (tag != GMTLS_DER_INTEGER || (e = gmtls_der_small_uint(&seq, &v)) != 0 ||
        (e = gmtls_der_peek_tag(&seq, &tag)) != 0)
        return e ? e : GMTLS_ERR_KEY_FORMAT;
    if (tag == GMTLS_DER_OCTET_STRING)
        *fmt = GMTLS_KEYFMT_SEC1;
    else if (tag == GMTLS_DER_SEQUENCE)
        *fmt = GMTLS_KEYFMT_PKCS8;
    else
        return GMTLS_ERR_KEY_FORMAT;
    return 0;
}

static void set_what(char *what, size_t cap, const char *s)
{
    if (what && cap)
        snprintf(what, cap, "%s", s);
}

static int parse_der(gmtls_sm2_key *key, const uint8_t *der, size_t len, const char *password, gmtls_keyfmt *fmt,
                     char *what, size_t what_cap)
{
    gmtls_keyfmt f;
    int e = sniff(der, len, &f);
    if (e)
        return e;
    *fmt = f;
    if (f == GMTLS_KEYFMT_SEC1)
        return gmtls_key_parse_sec1(key, der, len);
    if (f == GMTLS_KEYFMT_PKCS8)
        return gmtls_key_parse_pkcs8(key, der, len);
    if (!password)
        return GMTLS_ERR_BAD_PASSWORD;
    uint8_t *plain;
    size_t plain_len;
    e = gmtls_pbes2_decrypt(der, len, password, &plain, &plain_len, what, what_cap);
    if (e)
        return e;
    /* RFC 8018 6.2.2: a wrong password shows up as bad padding (in gmtls_pbes2_decrypt) or, with
     * probability about 1/256, as padding that happens to be valid around garbage. */
    e = gmtls_key_parse_pkcs8(key, plain, plain_len);
    gmtls_free_secret(plain, plain_len);
    if (e)
        return GMTLS_ERR_BAD_PASSWORD;
    return 0;
}

static int is_key_label(const char *label)
{
    return strcmp(label, "PRIVATE KEY") == 0 || strcmp(label, "EC PRIVATE KEY") == 0 ||
           strcmp(label, "SM2 PRIVATE KEY") == 0 || strcmp(label, "ENCRYPTED PRIVATE KEY") == 0;
}

/* RFC 1421 legacy encryption ("Proc-Type: 4,ENCRYPTED" + "DEK-Info:" headers inside the block). */
static int has_legacy_encryption(const uint8_t *data, size_t len)
{
    static const char tag[] = "Proc-Type: 4,ENCRYPTED";
    size_t n = sizeof(tag) - 1;
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(data + i, tag, n) == 0)
            return 1;
    return 0;
}

int gmtls_key_parse_ex(gmtls_sm2_key *key, const uint8_t *data, size_t len, const char *password,
                       gmtls_keyfmt *fmt, char *what, size_t what_cap)
{
    gmtls_keyfmt f = GMTLS_KEYFMT_PKCS8;
    if (what && what_cap)
        what[0] = '\0';
    if (!key || !data)
        return GMTLS_ERR_INVALID_ARG;
    memset(key, 0, sizeof(*key));
    int e;
    if (len > 0 && data[0] == 0x30) {
        e = parse_der(key, data, len, password, &f, what, what_cap);
    } else {
        /* PEM: the first private key block; others (EC PARAMETERS, certificates) are skipped. */
        size_t pos = 0;
        gmtls_pem_block blk;
        for (;;) {
            e = gmtls_pem_next((const char *)data, len, &pos, &blk);
            if (e == GMTLS_ERR_BASE64 && has_legacy_encryption(data, len)) {
                set_what(what, what_cap, "legacy PEM encryption (Proc-Type/DEK-Info)");
                e = GMTLS_ERR_UNKNOWN_ALGORITHM;
            }
            if (e == GMTLS_ERR_NOT_FOUND)
                e = GMTLS_ERR_KEY_FORMAT;
            if (e)
                break;
            if (is_key_label(blk.label)) {
                e = parse_der(key, blk.der, blk.der_len, password, &f, what, what_cap);
                /* The label must agree with the structure found (RFC 7468 10, 11; RFC 5915 4). */
                gmtls_keyfmt want = strcmp(blk.label, "PRIVATE KEY") == 0 ? GMTLS_KEYFMT_PKCS8
                                    : strcmp(blk.label, "ENCRYPTED PRIVATE KEY") == 0 ? GMTLS_KEYFMT_PKCS8_ENCRYPTED
                                                                                      : GMTLS_KEYFMT_SEC1;
                if (e == 0 && f != want)
                    e = GMTLS_ERR_KEY_FORMAT;
                gmtls_pem_block_free(&blk);
                break;
            }
            gmtls_pem_block_free(&blk);
        }
    }
    if (e)
        gmtls_wipe(key, sizeof(*key));
    else if (fmt)
        *fmt = f;
    return e;
}

int gmtls_key_parse(gmtls_sm2_key *key, const uint8_t *data, size_t len, const char *password)
{
    return gmtls_key_parse_ex(key, data, len, password, NULL, NULL, 0);
}

int gmtls_key_is_encrypted(const uint8_t *data, size_t len)
{
    if (!data)
        return 0;
    if (len > 0 && data[0] == 0x30) {
        gmtls_keyfmt f;
        return sniff(data, len, &f) == 0 && f == GMTLS_KEYFMT_PKCS8_ENCRYPTED;
    }
    static const char tag[] = "-----BEGIN ENCRYPTED PRIVATE KEY-----";
    size_t n = sizeof(tag) - 1;
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(data + i, tag, n) == 0)
            return 1;
    return has_legacy_encryption(data, len);
}
