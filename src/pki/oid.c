/* Object identifiers known by name. The table holds the DER content octets (X.690 8.19), so a
 * lookup is a plain byte comparison with what was read from the input. */
#include "pki/oid.h"

#include <string.h>

#include "gmtls/error.h"

struct oid_entry {
    int id;
    const char *name;
    uint8_t len;
    uint8_t der[10];
};

#define E(id, name, ...) {id, name, sizeof((uint8_t[]){__VA_ARGS__}), {__VA_ARGS__}}

static const struct oid_entry table[] = {
    /* RFC 5480 2.1.1 id-ecPublicKey 1.2.840.10045.2.1 */
    E(GMTLS_OID_EC_PUBLIC_KEY, "id-ecPublicKey", 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01),
    /* GM/T 0006-2012: sm2p256v1 1.2.156.10197.1.301, SM3 .401, SM2-with-SM3 .501, SM4 .104 */
    E(GMTLS_OID_SM2, "SM2", 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d),
    E(GMTLS_OID_SM3, "SM3", 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x11),
    E(GMTLS_OID_SM2_WITH_SM3, "SM2-with-SM3", 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75),
    E(GMTLS_OID_SM4, "SM4", 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x68),
    E(GMTLS_OID_SM4_CBC, "SM4-CBC", 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x68, 0x02),
    E(GMTLS_OID_HMAC_SM3, "hmacWithSM3", 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x11, 0x02),
    /* RFC 8018 A.2, A.4, B.1.2, B.2.5 */
    E(GMTLS_OID_PBES2, "PBES2", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d),
    E(GMTLS_OID_PBKDF2, "PBKDF2", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c),
    E(GMTLS_OID_HMAC_SHA256, "hmacWithSHA256", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09),
    E(GMTLS_OID_AES256_CBC, "AES-256-CBC", 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a),
    E(GMTLS_OID_AES128_CBC, "AES-128-CBC", 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x02),
    E(GMTLS_OID_AES192_CBC, "AES-192-CBC", 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x16),
    /* X.520 attribute types 2.5.4.x */
    E(GMTLS_OID_AT_CN, "CN", 0x55, 0x04, 0x03),
    E(GMTLS_OID_AT_C, "C", 0x55, 0x04, 0x06),
    E(GMTLS_OID_AT_L, "L", 0x55, 0x04, 0x07),
    E(GMTLS_OID_AT_ST, "ST", 0x55, 0x04, 0x08),
    E(GMTLS_OID_AT_O, "O", 0x55, 0x04, 0x0a),
    E(GMTLS_OID_AT_OU, "OU", 0x55, 0x04, 0x0b),
    E(GMTLS_OID_AT_SERIAL_NUMBER, "serialNumber", 0x55, 0x04, 0x05),
    E(GMTLS_OID_AT_STREET, "street", 0x55, 0x04, 0x09),
    /* RFC 4519: domainComponent 0.9.2342.19200300.100.1.25, uid .1 */
    E(GMTLS_OID_AT_DC, "DC", 0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19),
    E(GMTLS_OID_AT_UID, "UID", 0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01),
    /* PKCS #9 emailAddress 1.2.840.113549.1.9.1 */
    E(GMTLS_OID_EMAIL_ADDRESS, "emailAddress", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01),
    /* RFC 5280 4.2.1: id-ce 2.5.29.x */
    E(GMTLS_OID_CE_BASIC_CONSTRAINTS, "basicConstraints", 0x55, 0x1d, 0x13),
    E(GMTLS_OID_CE_KEY_USAGE, "keyUsage", 0x55, 0x1d, 0x0f),
    E(GMTLS_OID_CE_EXT_KEY_USAGE, "extendedKeyUsage", 0x55, 0x1d, 0x25),
    E(GMTLS_OID_CE_SUBJECT_ALT_NAME, "subjectAltName", 0x55, 0x1d, 0x11),
    E(GMTLS_OID_CE_ISSUER_ALT_NAME, "issuerAltName", 0x55, 0x1d, 0x12),
    E(GMTLS_OID_CE_SUBJECT_KEY_ID, "subjectKeyIdentifier", 0x55, 0x1d, 0x0e),
    E(GMTLS_OID_CE_AUTHORITY_KEY_ID, "authorityKeyIdentifier", 0x55, 0x1d, 0x23),
    E(GMTLS_OID_CE_NAME_CONSTRAINTS, "nameConstraints", 0x55, 0x1d, 0x1e),
    E(GMTLS_OID_CE_CERT_POLICIES, "certificatePolicies", 0x55, 0x1d, 0x20),
    E(GMTLS_OID_CE_CRL_DIST_POINTS, "crlDistributionPoints", 0x55, 0x1d, 0x1f),
    E(GMTLS_OID_CE_CRL_NUMBER, "cRLNumber", 0x55, 0x1d, 0x14),
    E(GMTLS_OID_CE_CRL_REASON, "CRLReason", 0x55, 0x1d, 0x15),
    E(GMTLS_OID_CE_POLICY_CONSTRAINTS, "policyConstraints", 0x55, 0x1d, 0x24),
    E(GMTLS_OID_CE_INHIBIT_ANY_POLICY, "inhibitAnyPolicy", 0x55, 0x1d, 0x36),
    /* RFC 5280 4.2.2.1 id-pe-authorityInfoAccess 1.3.6.1.5.5.7.1.1 */
    E(GMTLS_OID_PE_AUTHORITY_INFO_ACCESS, "authorityInfoAccess", 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01),
    /* RFC 5280 4.2.1.12 id-kp 1.3.6.1.5.5.7.3.x */
    E(GMTLS_OID_KP_SERVER_AUTH, "serverAuth", 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01),
    E(GMTLS_OID_KP_CLIENT_AUTH, "clientAuth", 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02),
    E(GMTLS_OID_KP_CODE_SIGNING, "codeSigning", 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x03),
    E(GMTLS_OID_KP_EMAIL_PROTECTION, "emailProtection", 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x04),
    E(GMTLS_OID_KP_OCSP_SIGNING, "OCSPSigning", 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x09),
    E(GMTLS_OID_KP_TIME_STAMPING, "timeStamping", 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08),
    E(GMTLS_OID_ANY_EKU, "anyExtendedKeyUsage", 0x55, 0x1d, 0x25, 0x00),
    E(GMTLS_OID_ANY_POLICY, "anyPolicy", 0x55, 0x1d, 0x20, 0x00),
    /* PKCS #9 (RFC 2985) extensionRequest 1.2.840.113549.1.9.14, challengePassword .7 */
    E(GMTLS_OID_PKCS9_EXTENSION_REQUEST, "extensionRequest", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e),
    E(GMTLS_OID_PKCS9_CHALLENGE_PASSWORD, "challengePassword", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09,
      0x07),
    /* RFC 8018 B.1.1 hmacWithSHA1 1.2.840.113549.2.7; NIST sha256 2.16.840.1.101.3.4.2.1 */
    E(GMTLS_OID_HMAC_SHA1, "hmacWithSHA1", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x07),
    E(GMTLS_OID_SHA256, "SHA256", 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01),
    E(GMTLS_OID_AT_GIVEN_NAME, "GN", 0x55, 0x04, 0x2a),
    E(GMTLS_OID_AT_SURNAME, "SN", 0x55, 0x04, 0x04),
    E(GMTLS_OID_AT_TITLE, "title", 0x55, 0x04, 0x0c),
};

#define TABLE_SIZE (sizeof(table) / sizeof(table[0]))

static const struct oid_entry *find_id(int id)
{
    for (size_t i = 0; i < TABLE_SIZE; i++)
        if (table[i].id == id)
            return &table[i];
    return NULL;
}

int gmtls_oid_lookup(const uint8_t *der, size_t len)
{
    if (!der)
        return GMTLS_OID_UNKNOWN;
    for (size_t i = 0; i < TABLE_SIZE; i++)
        if (table[i].len == len && memcmp(table[i].der, der, len) == 0)
            return table[i].id;
    return GMTLS_OID_UNKNOWN;
}

const uint8_t *gmtls_oid_der(int id, size_t *len)
{
    const struct oid_entry *e = find_id(id);
    *len = e ? e->len : 0;
    return e ? e->der : NULL;
}

const char *gmtls_oid_name(int id)
{
    const struct oid_entry *e = find_id(id);
    return e ? e->name : "unknown";
}

int gmtls_oid_is(const uint8_t *der, size_t len, int id)
{
    const struct oid_entry *e = find_id(id);
    return e && der && e->len == len && memcmp(e->der, der, len) == 0;
}

/* Append the decimal form of the base-128 arc p[0..n) (any size: UUID arcs under 2.25 have 128
 * bits), minus `sub` (the 40 or 80 folded into the first subidentifier, X.690 8.19.4). */
static int put_arc(const uint8_t *p, size_t n, unsigned sub, char *buf, size_t cap, size_t *pos)
{
    /* The arc as a big number in base 10^9 limbs, least significant first. 64 limbs hold
     * 576 decimal digits, more than a 255-octet OID can have in one arc (1785 bits). */
    uint32_t limb[64];
    size_t nl = 1;
    limb[0] = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t carry = p[i] & 0x7fu;
        for (size_t j = 0; j < nl; j++) {
            uint64_t v = (uint64_t)limb[j] * 128 + carry;
            limb[j] = (uint32_t)(v % 1000000000u);
            carry = v / 1000000000u;
        }
        if (carry) {
            if (nl == 64)
                return GMTLS_ERR_OID;
            limb[nl++] = (uint32_t)carry;
        }
    }
    /* Subtract sub (< 10^9) with borrow. */
    uint64_t borrow = sub;
    for (size_t j = 0; j < nl && borrow; j++) {
        if (limb[j] >= borrow) {
            limb[j] -= (uint32_t)borrow;
            borrow = 0;
        } else {
            limb[j] = (uint32_t)(limb[j] + 1000000000u - borrow);
            borrow = 1;
        }
    }
    while (nl > 1 && limb[nl - 1] == 0)
        nl--;
    char tmp[16];
    for (size_t j = nl; j-- > 0;) {
        uint32_t v = limb[j];
        int k = 0;
        int width = j == nl - 1 ? 1 : 9;
        do {
            tmp[k++] = (char)('0' + v % 10);
            v /= 10;
        } while (v || k < width);
        while (k > 0) {
            if (*pos + 1 >= cap)
                return GMTLS_ERR_BUFFER_TOO_SMALL;
            buf[(*pos)++] = tmp[--k];
        }
    }
    return 0;
}

static int put_char(char c, char *buf, size_t cap, size_t *pos)
{
    if (*pos + 1 >= cap)
        return GMTLS_ERR_BUFFER_TOO_SMALL;
    buf[(*pos)++] = c;
    return 0;
}

int gmtls_oid_to_text(const uint8_t *der, size_t len, char *buf, size_t cap)
{
    if (!buf || cap == 0)
        return GMTLS_ERR_BUFFER_TOO_SMALL;
    buf[0] = '\0';
    if (!der || len == 0 || len > 255)
        return GMTLS_ERR_OID;
    size_t pos = 0, start = 0;
    int first = 1;
    for (size_t i = 0; i < len; i++) {
        if (i == start && der[i] == 0x80)
            return GMTLS_ERR_OID;
        if (der[i] & 0x80)
            continue;
        int e;
        if (first) {
            /* X.690 8.19.4: the first subidentifier is 40 * X + Y, X in 0..2, Y < 40 unless X = 2. */
            unsigned x;
            if (i - start + 1 == 1 && der[start] < 80)
                x = der[start] / 40u;
            else
                x = 2;
            e = put_char((char)('0' + x), buf, cap, &pos);
            if (!e)
                e = put_char('.', buf, cap, &pos);
            if (!e)
                e = put_arc(der + start, i - start + 1, 40 * x, buf, cap, &pos);
            first = 0;
        } else {
            e = put_char('.', buf, cap, &pos);
            if (!e)
                e = put_arc(der + start, i - start + 1, 0, buf, cap, &pos);
        }
        if (e) {
            buf[0] = '\0';
            return e;
        }
        start = i + 1;
    }
    if (start != len) {
        buf[0] = '\0';
        return GMTLS_ERR_OID;
    }
    buf[pos] = '\0';
    return (int)pos;
}
