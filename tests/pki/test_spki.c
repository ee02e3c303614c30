/* SubjectPublicKeyInfo: the accepted algorithm identifiers (id-ecPublicKey + sm2p256v1, id-sm2
 * with the curve, NULL or nothing), the exact error for every rejected variant, and encoding. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/pkey.h"
#include "pki/der.h"
#include "pki/der_write.h"
#include "pki/oid.h"
#include "pki/spki.h"
#include "test.h"

/* SPKI with a hand-chosen algorithm (alg: raw AlgorithmIdentifier content) and point. */
static size_t build(uint8_t *out, size_t cap, const uint8_t *alg, size_t alg_len, const uint8_t *pt, size_t pl,
                    unsigned unused)
{
    gmtls_writer w;
    gmtls_derw_mark m;
    size_t n = 0;
    gmtls_writer_init(&w, out, cap);
    gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &m);
    gmtls_derw_tlv(&w, GMTLS_DER_SEQUENCE, alg, alg_len);
    /* BIT STRING by hand so that non-zero unused bits can be expressed */
    uint8_t hdr[3] = {GMTLS_DER_BIT_STRING, (uint8_t)(pl + 1), (uint8_t)unused};
    gmtls_writer_bytes(&w, hdr, 3);
    gmtls_writer_bytes(&w, pt, pl);
    gmtls_derw_end(&w, &m);
    if (gmtls_writer_finish(&w, &n) != 0)
        CHECK(0);
    return n;
}

static size_t oid_tlv(int id, uint8_t *out)
{
    size_t n;
    const uint8_t *p = gmtls_oid_der(id, &n);
    out[0] = 0x06;
    out[1] = (uint8_t)n;
    memcpy(out + 2, p, n);
    return n + 2;
}

int main(void)
{
    gmtls_sm2_key key;
    CHECK_OK(gmtls_sm2_keygen(&key));
    uint8_t pt[65], cpt[65];
    size_t pl, cl;
    gmtls_sm2_pubkey_to_octets(&key.pub, 0, pt, &pl);
    gmtls_sm2_pubkey_to_octets(&key.pub, 1, cpt, &cl);
    uint8_t alg[64], buf[256];
    size_t al, n;
    gmtls_sm2_pubkey pub;

    /* encoder output: exactly what RFC 5480 describes, 91 bytes */
    gmtls_writer w;
    gmtls_writer_init(&w, buf, sizeof(buf));
    CHECK_OK(gmtls_spki_encode(&w, &key.pub));
    CHECK_OK(gmtls_writer_finish(&w, &n));
    CHECK_EQ(n, 91);
    al = oid_tlv(GMTLS_OID_EC_PUBLIC_KEY, alg);
    al += oid_tlv(GMTLS_OID_SM2, alg + al);
    uint8_t want[256];
    size_t wl = build(want, sizeof(want), alg, al, pt, pl, 0);
    CHECK_EQ(wl, n);
    CHECK_MEM(buf, want, n);
    CHECK_OK(gmtls_spki_parse(&pub, buf, n));
    CHECK(gmtls_sm2_pubkey_equal(&pub, &key.pub));
    /* measuring writer agrees */
    gmtls_writer_init(&w, NULL, 0);
    CHECK_OK(gmtls_spki_encode(&w, &key.pub));
    CHECK_OK(gmtls_writer_finish(&w, &n));
    CHECK_EQ(n, 91);
    /* compressed point accepted */
    n = build(buf, sizeof(buf), alg, al, cpt, cl, 0);
    CHECK_OK(gmtls_spki_parse(&pub, buf, n));
    CHECK(gmtls_sm2_pubkey_equal(&pub, &key.pub));
    /* id-sm2 as the algorithm: alone, with NULL, with the curve OID */
    al = oid_tlv(GMTLS_OID_SM2, alg);
    n = build(buf, sizeof(buf), alg, al, pt, pl, 0);
    CHECK_OK(gmtls_spki_parse(&pub, buf, n));
    alg[al] = 0x05;
    alg[al + 1] = 0x00;
    n = build(buf, sizeof(buf), alg, al + 2, pt, pl, 0);
    CHECK_OK(gmtls_spki_parse(&pub, buf, n));
    size_t al2 = al + oid_tlv(GMTLS_OID_SM2, alg + al);
    n = build(buf, sizeof(buf), alg, al2, pt, pl, 0);
    CHECK_OK(gmtls_spki_parse(&pub, buf, n));
    al2 = al + oid_tlv(GMTLS_OID_SM3, alg + al);
    n = build(buf, sizeof(buf), alg, al2, pt, pl, 0);
    CHECK_ERR(gmtls_spki_parse(&pub, buf, n), GMTLS_ERR_UNKNOWN_ALGORITHM);
    /* id-ecPublicKey with another curve, with NULL, without parameters, with trailing junk */
    static const uint8_t p256[] = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
    al = oid_tlv(GMTLS_OID_EC_PUBLIC_KEY, alg);
    memcpy(alg + al, p256, sizeof(p256));
    n = build(buf, sizeof(buf), alg, al + sizeof(p256), pt, pl, 0);
    CHECK_ERR(gmtls_spki_parse(&pub, buf, n), GMTLS_ERR_UNKNOWN_ALGORITHM);
    alg[al] = 0x05;
    alg[al + 1] = 0x00;
    n = build(buf, sizeof(buf), alg, al + 2, pt, pl, 0);
    CHECK_ERR(gmtls_spki_parse(&pub, buf, n), GMTLS_ERR_UNKNOWN_ALGORITHM);
    n = build(buf, sizeof(buf), alg, al, pt, pl, 0);
    CHECK_ERR(gmtls_spki_parse(&pub, buf, n), GMTLS_ERR_DER_TRUNCATED);
    al2 = al + oid_tlv(GMTLS_OID_SM2, alg + al);
    alg[al2] = 0x05;
    alg[al2 + 1] = 0x00;
    n = build(buf, sizeof(buf), alg, al2 + 2, pt, pl, 0);
    CHECK_ERR(gmtls_spki_parse(&pub, buf, n), GMTLS_ERR_DER_TRAILING);
    /* RSA */
    static const uint8_t rsa[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    n = build(buf, sizeof(buf), rsa, sizeof(rsa), pt, pl, 0);
    CHECK_ERR(gmtls_spki_parse(&pub, buf, n), GMTLS_ERR_UNKNOWN_ALGORITHM);
    /* bad points */
    al = oid_tlv(GMTLS_OID_EC_PUBLIC_KEY, alg);
    al += oid_tlv(GMTLS_OID_SM2, alg + al);
    uint8_t bad[65];
    memcpy(bad, pt, 65);
    bad[64] ^= 1;
    n = build(buf, sizeof(buf), alg, al, bad, 65, 0);
    CHECK_ERR(gmtls_spki_parse(&pub, buf, n), GMTLS_ERR_BAD_POINT);
    n = build(buf, sizeof(buf), alg, al, pt, 64, 0);
    CHECK_ERR(gmtls_spki_parse(&pub, buf, n), GMTLS_ERR_BAD_POINT);
    memset(bad, 0, sizeof(bad));
    bad[0] = 4;
    n = build(buf, sizeof(buf), alg, al, bad, 65, 0);
    CHECK_ERR(gmtls_spki_parse(&pub, buf, n), GMTLS_ERR_BAD_POINT);
    n = build(buf, sizeof(buf), alg, al, pt, 0, 0);
    CHECK_ERR(gmtls_spki_parse(&pub, buf, n), GMTLS_ERR_BAD_POINT);
    /* unused bits in the BIT STRING */
    uint8_t odd[65];
    memcpy(odd, pt, 65);
    odd[64] &= 0xfe;
    n = build(buf, sizeof(buf), alg, al, odd, 65, 1);
    CHECK_ERR(gmtls_spki_parse(&pub, buf, n), GMTLS_ERR_DER_VALUE);
    /* truncations and trailing bytes */
    n = build(buf, sizeof(buf), alg, al, pt, pl, 0);
    int wrong = 0;
    for (size_t cut = 0; cut < n; cut++)
        if (gmtls_spki_parse(&pub, buf, cut) != GMTLS_ERR_DER_TRUNCATED)
            wrong++;
    CHECK_EQ(wrong, 0);
    buf[n] = 0;
    CHECK_ERR(gmtls_spki_parse(&pub, buf, n + 1), GMTLS_ERR_DER_TRAILING);
    CHECK_ERR(gmtls_spki_parse(NULL, buf, n), GMTLS_ERR_INVALID_ARG);
    /* the public-key file helpers: PEM with other blocks around */
    char *pem;
    size_t pml;
    CHECK_OK(gmtls_pubkey_to_pem(&key.pub, &pem, &pml));
    size_t tl = pml + 128;
    char *text = malloc(tl);
    tl = (size_t)snprintf(text, tl, "-----BEGIN X-----\nZm9v\n-----END X-----\n%s", pem);
    CHECK_OK(gmtls_pubkey_parse(&pub, (uint8_t *)text, tl));
    CHECK(gmtls_sm2_pubkey_equal(&pub, &key.pub));
    free(text);
    free(pem);
    return test_report();
}
