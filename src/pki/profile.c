/* Issuance profiles: which extensions each kind of certificate gets.
 *
 * The choices follow what the strictest TLCP peers accept (GmSSL, Tongsuo, tjfoc, gotlcp):
 * - leaves carry no basicConstraints at all (a CA:FALSE basicConstraints is an empty SEQUENCE,
 *   which GmSSL rejects) and never keyCertSign or cRLSign;
 * - signing certificates: digitalSignature | nonRepudiation;
 * - encryption certificates: keyAgreement | keyEncipherment | dataEncipherment (GmSSL requires
 *   keyEncipherment; Tongsuo's client purpose check wants more than keyEncipherment alone);
 * - server-side certificates list both serverAuth and clientAuth, so that either role's EKU check
 *   passes wherever a peer checks it; client certificates list clientAuth.
 * - the Fabric certificate is one certificate used as both sign and enc certificate by the Fabric
 *   GM forks: digitalSignature | keyEncipherment, serverAuth + clientAuth. */
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/issue.h"
#include "pki/der.h"
#include "pki/der_write.h"
#include "pki/issue_internal.h"
#include "pki/oid.h"

/* RFC 5280 4.2.1.3 KeyUsage bit numbers, as 1 << n */
#define KU_DS 0x001u
#define KU_NR 0x002u
#define KU_KE 0x004u
#define KU_DE 0x008u
#define KU_KA 0x010u
#define KU_KCS 0x020u
#define KU_CRL 0x040u

struct profile_def {
    const char *name;
    unsigned ku;
    unsigned eku;
};

static const struct profile_def profiles[GMTLS_PROFILE_COUNT] = {
    [GMTLS_PROFILE_CA] = {"ca", KU_KCS | KU_CRL | KU_DS, 0},
    [GMTLS_PROFILE_SIGN] = {"sign", KU_DS | KU_NR, GMTLS_PROFILE_EKU_SERVER | GMTLS_PROFILE_EKU_CLIENT},
    [GMTLS_PROFILE_ENC] = {"enc", KU_KA | KU_KE | KU_DE, GMTLS_PROFILE_EKU_SERVER | GMTLS_PROFILE_EKU_CLIENT},
    [GMTLS_PROFILE_CLIENT_SIGN] = {"client-sign", KU_DS | KU_NR, GMTLS_PROFILE_EKU_CLIENT},
    [GMTLS_PROFILE_CLIENT_ENC] = {"client-enc", KU_KA | KU_KE | KU_DE, GMTLS_PROFILE_EKU_CLIENT},
    [GMTLS_PROFILE_FABRIC] = {"fabric", KU_DS | KU_KE, GMTLS_PROFILE_EKU_SERVER | GMTLS_PROFILE_EKU_CLIENT},
};

static int valid(gmtls_profile p)
{
    return (int)p >= 0 && p < GMTLS_PROFILE_COUNT;
}

int gmtls_profile_from_name(const char *name, gmtls_profile *profile)
{
    if (!name || !profile)
        return GMTLS_ERR_INVALID_ARG;
    for (int i = 0; i < GMTLS_PROFILE_COUNT; i++)
        if (strcmp(name, profiles[i].name) == 0) {
            *profile = (gmtls_profile)i;
            return 0;
        }
    return GMTLS_ERR_INVALID_ARG;
}

const char *gmtls_profile_name(gmtls_profile profile)
{
    return valid(profile) ? profiles[profile].name : "unknown";
}

unsigned gmtls_profile_key_usage(gmtls_profile profile)
{
    return valid(profile) ? profiles[profile].ku : 0;
}

unsigned gmtls_profile_ext_key_usage(gmtls_profile profile)
{
    return valid(profile) ? profiles[profile].eku : 0;
}

/* KeyUsage as a DER named-bit BIT STRING (X.690 11.2.2: trailing zero bits removed). */
static int write_key_usage(gmtls_writer *w, unsigned ku)
{
    uint8_t b[2] = {0, 0};
    unsigned high = 0;
    for (unsigned n = 0; n < 9; n++)
        if (ku & (1u << n)) {
            b[n / 8] |= (uint8_t)(0x80u >> (n % 8));
            high = n;
        }
    return gmtls_derw_bit_string(w, b, high / 8 + 1, 7 - high % 8);
}

int gmtls_profile_write_exts(gmtls_writer *w, const gmtls_profile_exts *x)
{
    gmtls_derw_mark exts, m;
    gmtls_ext_mark em;
    int e;
    if (!valid(x->profile))
        return GMTLS_ERR_INVALID_ARG;
    const struct profile_def *p = &profiles[x->profile];

    if ((e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &exts)) != 0)
        return e;
    if (x->profile == GMTLS_PROFILE_CA) {
        /* RFC 5280 4.2.1.9: critical in CA certificates; cA TRUE, optional pathLenConstraint */
        if ((e = gmtls_ext_begin(w, GMTLS_OID_CE_BASIC_CONSTRAINTS, 1, &em)) != 0 ||
            (e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &m)) != 0 || (e = gmtls_derw_boolean(w, 1)) != 0)
            return e;
        if (x->path_len >= 0 && (e = gmtls_derw_uint(w, (uint64_t)x->path_len)) != 0)
            return e;
        if ((e = gmtls_derw_end(w, &m)) != 0 || (e = gmtls_ext_end(w, &em)) != 0)
            return e;
    }
    /* RFC 5280 4.2.1.3: keyUsage SHOULD be critical */
    if ((e = gmtls_ext_begin(w, GMTLS_OID_CE_KEY_USAGE, 1, &em)) != 0 || (e = write_key_usage(w, p->ku)) != 0 ||
        (e = gmtls_ext_end(w, &em)) != 0)
        return e;
    if (p->eku) {
        /* RFC 5280 4.2.1.12 */
        if ((e = gmtls_ext_begin(w, GMTLS_OID_CE_EXT_KEY_USAGE, 0, &em)) != 0 ||
            (e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &m)) != 0)
            return e;
        if ((p->eku & GMTLS_PROFILE_EKU_SERVER) && (e = gmtls_derw_oid(w, GMTLS_OID_KP_SERVER_AUTH)) != 0)
            return e;
        if ((p->eku & GMTLS_PROFILE_EKU_CLIENT) && (e = gmtls_derw_oid(w, GMTLS_OID_KP_CLIENT_AUTH)) != 0)
            return e;
        if ((e = gmtls_derw_end(w, &m)) != 0 || (e = gmtls_ext_end(w, &em)) != 0)
            return e;
    }
    /* RFC 5280 4.2.1.2 */
    if ((e = gmtls_ext_begin(w, GMTLS_OID_CE_SUBJECT_KEY_ID, 0, &em)) != 0 ||
        (e = gmtls_derw_octet_string(w, x->ski, 20)) != 0 || (e = gmtls_ext_end(w, &em)) != 0)
        return e;
    if (x->aki) {
        /* RFC 5280 4.2.1.1: SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING } */
        if ((e = gmtls_ext_begin(w, GMTLS_OID_CE_AUTHORITY_KEY_ID, 0, &em)) != 0 ||
            (e = gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &m)) != 0 ||
            (e = gmtls_derw_tlv(w, GMTLS_DER_CONTEXT_PRIM(0), x->aki, x->aki_len)) != 0 ||
            (e = gmtls_derw_end(w, &m)) != 0 || (e = gmtls_ext_end(w, &em)) != 0)
            return e;
    }
    if (x->san) {
        /* RFC 5280 4.2.1.6: non-critical, since the subject is never empty here */
        if ((e = gmtls_ext_begin(w, GMTLS_OID_CE_SUBJECT_ALT_NAME, 0, &em)) != 0 ||
            (e = gmtls_derw_raw(w, x->san, x->san_len)) != 0 || (e = gmtls_ext_end(w, &em)) != 0)
            return e;
    }
    return gmtls_derw_end(w, &exts);
}
