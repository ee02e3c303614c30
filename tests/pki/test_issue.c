/* Certificate issuing: a root, TLCP sign/enc pairs, Fabric and client certificates. Every issued
 * certificate is parsed back and its properties asserted (serial, validity, uncompressed key, no
 * basicConstraints in leaves, key usages per profile, SKI/AKI), chains verify with gmtls's own
 * verifier for each TLCP purpose, and the pairs satisfy the strict TLCP pair rules. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/issue.h"
#include "gmtls/rand.h"
#include "gmtls/sm2.h"
#include "gmtls/util.h"
#include "gmtls/x509.h"
#include "pki/der_write.h"
#include "pki/issue_internal.h"
#include "pki/oid.h"
#include "test.h"

#define NOW 1760000000 /* 2025-10-09, a fixed issuing time */

static gmtls_drbg_test drbg;

static int contains(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m)
{
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return 1;
    return 0;
}

/* The basicConstraints extension's OID as a DER TLV (2.5.29.19). */
static const uint8_t BC_OID[] = {0x06, 0x03, 0x55, 0x1d, 0x13};

static gmtls_cert *parse(const uint8_t *der, size_t len)
{
    gmtls_cert *c = NULL;
    CHECK_OK(gmtls_cert_parse(&c, der, len));
    return c;
}

/* Properties every issued certificate must have. */
static void check_common(const gmtls_cert *c, const gmtls_sm2_pubkey *pub, unsigned days, gmtls_profile prof)
{
    const uint8_t *serial, *der, *id;
    size_t serial_len, der_len, id_len;
    int64_t nb, na;
    uint8_t spki_bits[3 + 65], kid[20];
    size_t ol;

    CHECK_EQ(gmtls_cert_version(c), 3);
    gmtls_cert_serial(c, &serial, &serial_len);
    CHECK_EQ(serial_len, GMTLS_ISSUE_SERIAL_LEN);
    CHECK(serial_len >= 4 && (serial[0] & 0x80) == 0 && serial[0] != 0);
    gmtls_cert_validity(c, &nb, &na);
    CHECK_EQ(nb, NOW - GMTLS_ISSUE_BACKDATE);
    CHECK_EQ(na - nb, (int64_t)days * 86400);
    CHECK(na - nb <= (int64_t)GMTLS_ISSUE_MAX_DAYS * 86400);
    /* The public key as BIT STRING { 04 || x || y }: uncompressed */
    spki_bits[0] = 0x03;
    spki_bits[1] = 0x42;
    spki_bits[2] = 0x00;
    gmtls_sm2_pubkey_to_octets(pub, 0, spki_bits + 3, &ol);
    gmtls_cert_der(c, &der, &der_len);
    CHECK(contains(der, der_len, spki_bits, sizeof(spki_bits)));
    CHECK(gmtls_sm2_pubkey_equal(gmtls_cert_pubkey(c), pub));
    CHECK_OK(gmtls_cert_subject_key_id(c, &id, &id_len));
    gmtls_key_id(pub, kid);
    CHECK(id_len == 20 && memcmp(id, kid, 20) == 0);
    CHECK_EQ(gmtls_cert_key_usage(c), gmtls_profile_key_usage(prof));
    unsigned eku = gmtls_cert_ext_key_usage(c), want = gmtls_profile_ext_key_usage(prof);
    if (want == 0) {
        CHECK_EQ(eku, GMTLS_EKU_ABSENT);
    } else {
        CHECK_EQ(!!(eku & GMTLS_EKU_SERVER_AUTH), !!(want & GMTLS_PROFILE_EKU_SERVER));
        CHECK_EQ(!!(eku & GMTLS_EKU_CLIENT_AUTH), !!(want & GMTLS_PROFILE_EKU_CLIENT));
    }
    if (prof == GMTLS_PROFILE_CA) {
        CHECK_EQ(gmtls_cert_is_ca(c), 1);
        CHECK(contains(der, der_len, BC_OID, sizeof(BC_OID)));
    } else {
        /* GmSSL rejects CA:FALSE (an empty SEQUENCE): leaves carry no basicConstraints at all */
        CHECK_EQ(gmtls_cert_is_ca(c), 0);
        CHECK(!contains(der, der_len, BC_OID, sizeof(BC_OID)));
        CHECK((gmtls_cert_key_usage(c) & (GMTLS_KU_KEY_CERT_SIGN | GMTLS_KU_CRL_SIGN)) == 0);
    }
}

struct pki {
    gmtls_sm2_key ca_key;
    uint8_t *ca_der;
    size_t ca_len;
    gmtls_cert *ca;
    gmtls_trust_store *ts;
};

static int issue_leaf(const struct pki *k, gmtls_profile prof, const char *subj, const char *san,
                      const gmtls_sm2_pubkey *pub, unsigned days, gmtls_cert **out)
{
    gmtls_issuer iss;
    gmtls_issue_params p;
    uint8_t *s = NULL, *a = NULL, *der = NULL;
    size_t sl = 0, al = 0, dl = 0;
    int e;
    *out = NULL;
    if ((e = gmtls_issuer_from_cert(&iss, k->ca, &k->ca_key)) != 0 || (e = gmtls_subject_from_text(subj, &s, &sl)) != 0 ||
        (san && (e = gmtls_san_from_text(san, &a, &al)) != 0))
        goto out;
    memset(&p, 0, sizeof(p));
    p.profile = prof;
    p.subject = s;
    p.subject_len = sl;
    p.pubkey = pub;
    p.san = a;
    p.san_len = al;
    p.days = days;
    p.path_len = -1;
    p.now = NOW;
    if ((e = gmtls_cert_issue(&p, &iss, &der, &dl)) != 0)
        goto out;
    e = gmtls_cert_parse(out, der, dl);
out:
    free(s);
    free(a);
    free(der);
    return e;
}

static void verify_leaf(const struct pki *k, const gmtls_cert *leaf, gmtls_purpose purpose, unsigned flags,
                        const char *host)
{
    gmtls_verify_opts o;
    memset(&o, 0, sizeof(o));
    o.purpose = purpose;
    o.time = NOW + 86400;
    o.flags = flags;
    o.hostname = host;
    const gmtls_cert *chain[1] = {leaf};
    CHECK_OK(gmtls_verify_chain(k->ts, chain, 1, &o, NULL));
}

static int setup_root(struct pki *k)
{
    uint8_t *s = NULL;
    size_t sl = 0;
    gmtls_issue_params p;
    int e;
    memset(k, 0, sizeof(*k));
    if ((e = gmtls_sm2_keygen(&k->ca_key)) != 0 || (e = gmtls_subject_from_text("/C=CN/O=org1.example.com/CN=ca.org1.example.com", &s, &sl)) != 0)
        return e;
    memset(&p, 0, sizeof(p));
    p.profile = GMTLS_PROFILE_CA;
    p.subject = s;
    p.subject_len = sl;
    p.days = 3650;
    p.path_len = 0;
    p.now = NOW;
    e = gmtls_cert_self_sign(&p, &k->ca_key, &k->ca_der, &k->ca_len);
    free(s);
    if (e)
        return e;
    if ((e = gmtls_cert_parse(&k->ca, k->ca_der, k->ca_len)) != 0 || (e = gmtls_trust_store_new(&k->ts)) != 0)
        return e;
    return gmtls_trust_store_add_root_cert(k->ts, k->ca);
}

static void teardown(struct pki *k)
{
    gmtls_cert_free(k->ca);
    gmtls_trust_store_free(k->ts);
    free(k->ca_der);
    gmtls_wipe(&k->ca_key, sizeof(k->ca_key));
}

static void test_root(struct pki *k)
{
    const uint8_t *a, *b, *id;
    size_t al, bl, idl;
    check_common(k->ca, &k->ca_key.pub, 3650, GMTLS_PROFILE_CA);
    CHECK_EQ(gmtls_cert_path_len(k->ca), 0);
    CHECK_EQ(gmtls_cert_is_self_issued(k->ca), 1);
    gmtls_cert_subject_der(k->ca, &a, &al);
    gmtls_cert_issuer_der(k->ca, &b, &bl);
    CHECK(al == bl && memcmp(a, b, al) == 0);
    CHECK_OK(gmtls_cert_check_signature(k->ca, k->ca));
    CHECK_ERR(gmtls_cert_authority_key_id(k->ca, &id, &idl), GMTLS_ERR_NOT_FOUND);
    verify_leaf(k, k->ca, GMTLS_PURPOSE_CA, 0, NULL);
}

static void test_pair(struct pki *k)
{
    gmtls_sm2_key sk, ek;
    gmtls_cert *sign = NULL, *enc = NULL, *fab = NULL, *cs = NULL, *ce = NULL;
    const char *subj = "/C=CN/O=org1.example.com/CN=peer0.org1.example.com";
    const char *san = "DNS:peer0.org1.example.com,DNS:peer0,DNS:localhost,IP:127.0.0.1";
    const uint8_t *a, *b, *ca_ski, *aki;
    size_t al, bl, ca_ski_len, aki_len;

    CHECK_OK(gmtls_sm2_keygen(&sk));
    CHECK_OK(gmtls_sm2_keygen(&ek));
    CHECK_OK(issue_leaf(k, GMTLS_PROFILE_SIGN, subj, san, &sk.pub, 365, &sign));
    CHECK_OK(issue_leaf(k, GMTLS_PROFILE_ENC, subj, san, &ek.pub, 365, &enc));
    CHECK_OK(issue_leaf(k, GMTLS_PROFILE_FABRIC, subj, san, &sk.pub, 365, &fab));
    CHECK_OK(issue_leaf(k, GMTLS_PROFILE_CLIENT_SIGN, "/C=CN/O=org1.example.com/CN=admin@org1.example.com", NULL,
                        &sk.pub, 30, &cs));
    CHECK_OK(issue_leaf(k, GMTLS_PROFILE_CLIENT_ENC, "/C=CN/O=org1.example.com/CN=admin@org1.example.com", NULL,
                        &ek.pub, 30, &ce));
    if (!sign || !enc || !fab || !cs || !ce)
        goto out;
    check_common(sign, &sk.pub, 365, GMTLS_PROFILE_SIGN);
    check_common(enc, &ek.pub, 365, GMTLS_PROFILE_ENC);
    check_common(fab, &sk.pub, 365, GMTLS_PROFILE_FABRIC);
    check_common(cs, &sk.pub, 30, GMTLS_PROFILE_CLIENT_SIGN);
    check_common(ce, &ek.pub, 30, GMTLS_PROFILE_CLIENT_ENC);

    /* Issuer Name copied byte for byte from the CA's subject; AKI = the CA's SKI */
    gmtls_cert_subject_der(k->ca, &a, &al);
    gmtls_cert_issuer_der(sign, &b, &bl);
    CHECK(al == bl && memcmp(a, b, al) == 0);
    CHECK_OK(gmtls_cert_subject_key_id(k->ca, &ca_ski, &ca_ski_len));
    CHECK_OK(gmtls_cert_authority_key_id(sign, &aki, &aki_len));
    CHECK(aki_len == ca_ski_len && memcmp(aki, ca_ski, aki_len) == 0);

    /* GmSSL's pair rule: subject, SAN and issuer byte-identical */
    gmtls_cert_subject_der(sign, &a, &al);
    gmtls_cert_subject_der(enc, &b, &bl);
    CHECK(al == bl && memcmp(a, b, al) == 0);
    gmtls_cert_issuer_der(sign, &a, &al);
    gmtls_cert_issuer_der(enc, &b, &bl);
    CHECK(al == bl && memcmp(a, b, al) == 0);
    size_t i = 0;
    int ta, tb;
    while (gmtls_cert_san(sign, i, &ta, &a, &al) == 0) {
        CHECK_OK(gmtls_cert_san(enc, i, &tb, &b, &bl));
        CHECK(ta == tb && al == bl && memcmp(a, b, al) == 0);
        i++;
    }
    CHECK_EQ(i, 4);
    CHECK_ERR(gmtls_cert_san(enc, 4, &tb, &b, &bl), GMTLS_ERR_NOT_FOUND);
    CHECK_OK(gmtls_tlcp_pair_check(sign, enc, GMTLS_PAIR_STRICT));
    CHECK_OK(gmtls_tlcp_pair_check(cs, ce, GMTLS_PAIR_STRICT));
    CHECK_OK(gmtls_tlcp_pair_check(fab, fab, GMTLS_PAIR_FABRIC));
    /* swapped roles are refused */
    CHECK_ERR(gmtls_tlcp_pair_check(enc, sign, GMTLS_PAIR_STRICT), GMTLS_ERR_CERT_KEY_USAGE);

    /* Chains verify for each role, with the strict TLCP flags and the hostnames of the SAN */
    verify_leaf(k, sign, GMTLS_PURPOSE_TLCP_SIGN, GMTLS_VERIFY_STRICT_TLCP | GMTLS_VERIFY_TLCP_SERVER,
                "peer0.org1.example.com");
    verify_leaf(k, enc, GMTLS_PURPOSE_TLCP_ENC, GMTLS_VERIFY_STRICT_TLCP | GMTLS_VERIFY_TLCP_SERVER, "127.0.0.1");
    verify_leaf(k, sign, GMTLS_PURPOSE_TLCP_SIGN, GMTLS_VERIFY_STRICT_TLCP | GMTLS_VERIFY_TLCP_CLIENT, "localhost");
    verify_leaf(k, enc, GMTLS_PURPOSE_TLCP_ENC, GMTLS_VERIFY_STRICT_TLCP | GMTLS_VERIFY_TLCP_CLIENT, "peer0");
    verify_leaf(k, fab, GMTLS_PURPOSE_TLS_SERVER, GMTLS_VERIFY_STRICT_TLCP, "peer0.org1.example.com");
    verify_leaf(k, fab, GMTLS_PURPOSE_TLS_CLIENT, GMTLS_VERIFY_STRICT_TLCP, NULL);
    verify_leaf(k, fab, GMTLS_PURPOSE_TLCP_SIGN, GMTLS_VERIFY_STRICT_TLCP, NULL);
    verify_leaf(k, fab, GMTLS_PURPOSE_TLCP_ENC, GMTLS_VERIFY_STRICT_TLCP, NULL);
    verify_leaf(k, cs, GMTLS_PURPOSE_TLCP_SIGN, GMTLS_VERIFY_STRICT_TLCP | GMTLS_VERIFY_TLCP_CLIENT, NULL);
    verify_leaf(k, ce, GMTLS_PURPOSE_TLCP_ENC, GMTLS_VERIFY_STRICT_TLCP | GMTLS_VERIFY_TLCP_CLIENT, NULL);
    verify_leaf(k, cs, GMTLS_PURPOSE_TLS_CLIENT, GMTLS_VERIFY_STRICT_TLCP, NULL);
    CHECK_OK(gmtls_cert_check_host(sign, "peer0.org1.example.com"));
    CHECK_ERR(gmtls_cert_check_host(sign, "peer1.org1.example.com"), GMTLS_ERR_CERT_NAME_MISMATCH);
out:
    gmtls_cert_free(sign);
    gmtls_cert_free(enc);
    gmtls_cert_free(fab);
    gmtls_cert_free(cs);
    gmtls_cert_free(ce);
    gmtls_wipe(&sk, sizeof(sk));
    gmtls_wipe(&ek, sizeof(ek));
}

static void test_limits(struct pki *k)
{
    gmtls_sm2_key key, other;
    gmtls_cert *c = NULL;
    gmtls_issuer iss;
    gmtls_issue_params p;
    uint8_t *der = (uint8_t *)1, *s = NULL;
    size_t dl = 0, sl = 0;

    CHECK_OK(gmtls_sm2_keygen(&key));
    CHECK_OK(gmtls_sm2_keygen(&other));
    CHECK_OK(issue_leaf(k, GMTLS_PROFILE_SIGN, "/CN=max", NULL, &key.pub, GMTLS_ISSUE_MAX_DAYS, &c));
    if (c)
        check_common(c, &key.pub, GMTLS_ISSUE_MAX_DAYS, GMTLS_PROFILE_SIGN);
    gmtls_cert_free(c);
    CHECK_ERR(issue_leaf(k, GMTLS_PROFILE_SIGN, "/CN=long", NULL, &key.pub, GMTLS_ISSUE_MAX_DAYS + 1, &c),
              GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(issue_leaf(k, GMTLS_PROFILE_SIGN, "/CN=zero", NULL, &key.pub, 0, &c), GMTLS_ERR_INVALID_ARG);

    CHECK_OK(gmtls_issuer_from_cert(&iss, k->ca, &k->ca_key));
    CHECK_OK(gmtls_subject_from_text("/CN=x", &s, &sl));
    memset(&p, 0, sizeof(p));
    p.profile = GMTLS_PROFILE_SIGN;
    p.subject = s;
    p.subject_len = sl;
    p.pubkey = &key.pub;
    p.days = 10;
    p.now = NOW;
    p.path_len = -1;
    p.subject_len = sl - 1;
    CHECK_ERR(gmtls_cert_issue(&p, &iss, &der, &dl), GMTLS_ERR_INVALID_ARG);
    CHECK(der == NULL);
    p.subject_len = sl;
    p.san = (const uint8_t *)"\x30\x00";
    p.san_len = 2;
    CHECK_ERR(gmtls_cert_issue(&p, &iss, &der, &dl), GMTLS_ERR_INVALID_ARG);
    p.san = NULL;
    p.profile = GMTLS_PROFILE_COUNT;
    CHECK_ERR(gmtls_cert_issue(&p, &iss, &der, &dl), GMTLS_ERR_INVALID_ARG);
    p.profile = GMTLS_PROFILE_SIGN;
    p.pubkey = NULL;
    CHECK_ERR(gmtls_cert_issue(&p, &iss, &der, &dl), GMTLS_ERR_INVALID_ARG);
    p.pubkey = &key.pub;
    /* notAfter in 2050 or later is a GeneralizedTime (RFC 5280 4.1.2.5) */
    p.now = 2500000000; /* 2049-03-22 */
    p.days = 3000;
    CHECK_OK(gmtls_cert_issue(&p, &iss, &der, &dl));
    if (der) {
        CHECK_OK(gmtls_cert_parse(&c, der, dl));
        int64_t nb, na;
        if (c) {
            gmtls_cert_validity(c, &nb, &na);
            CHECK_EQ(nb, 2500000000 - GMTLS_ISSUE_BACKDATE);
            CHECK_EQ(na - nb, 3000LL * 86400);
        }
        gmtls_cert_free(c);
        c = NULL;
        free(der);
        der = NULL;
    }
    /* now = 0 means the current time */
    p.now = 0;
    CHECK_OK(gmtls_cert_issue(&p, &iss, &der, &dl));
    free(der);
    der = NULL;
    p.now = NOW;

    /* Serials: always 16 bytes, positive, all different */
    uint8_t seen[32][GMTLS_ISSUE_SERIAL_LEN];
    for (int i = 0; i < 32; i++) {
        const uint8_t *sr;
        size_t srl = 0;
        CHECK_OK(gmtls_cert_issue(&p, &iss, &der, &dl));
        if (der && gmtls_cert_parse(&c, der, dl) == 0) {
            gmtls_cert_serial(c, &sr, &srl);
            CHECK_EQ(srl, GMTLS_ISSUE_SERIAL_LEN);
            if (srl == GMTLS_ISSUE_SERIAL_LEN) {
                memcpy(seen[i], sr, srl);
                for (int j = 0; j < i; j++)
                    CHECK(memcmp(seen[i], seen[j], srl) != 0);
            }
            gmtls_cert_free(c);
            c = NULL;
        }
        free(der);
        der = NULL;
    }

    /* Issuer checks */
    CHECK_ERR(gmtls_issuer_from_cert(&iss, k->ca, &other), GMTLS_ERR_BAD_KEY);
    CHECK_OK(issue_leaf(k, GMTLS_PROFILE_SIGN, "/CN=leaf", NULL, &key.pub, 10, &c));
    if (c)
        CHECK_ERR(gmtls_issuer_from_cert(&iss, c, &key), GMTLS_ERR_CERT_NOT_CA);
    gmtls_cert_free(c);
    /* Self-signing with someone else's public key */
    p.pubkey = &other.pub;
    p.profile = GMTLS_PROFILE_CA;
    CHECK_ERR(gmtls_cert_self_sign(&p, &key, &der, &dl), GMTLS_ERR_BAD_KEY);

    /* Profiles by name */
    gmtls_profile prof;
    static const char *names[] = {"ca", "sign", "enc", "client-sign", "client-enc", "fabric"};
    for (int i = 0; i < GMTLS_PROFILE_COUNT; i++) {
        CHECK_OK(gmtls_profile_from_name(names[i], &prof));
        CHECK_EQ(prof, i);
        CHECK(strcmp(gmtls_profile_name(prof), names[i]) == 0);
    }
    CHECK_ERR(gmtls_profile_from_name("server", &prof), GMTLS_ERR_INVALID_ARG);
    CHECK(strcmp(gmtls_profile_name(GMTLS_PROFILE_COUNT), "unknown") == 0);
    CHECK_EQ(gmtls_profile_key_usage(GMTLS_PROFILE_ENC),
             GMTLS_KU_KEY_AGREEMENT | GMTLS_KU_KEY_ENCIPHERMENT | GMTLS_KU_DATA_ENCIPHERMENT);
    CHECK_EQ(gmtls_profile_key_usage(GMTLS_PROFILE_SIGN), GMTLS_KU_DIGITAL_SIGNATURE | GMTLS_KU_NON_REPUDIATION);
    CHECK_EQ(gmtls_profile_key_usage(GMTLS_PROFILE_FABRIC), GMTLS_KU_DIGITAL_SIGNATURE | GMTLS_KU_KEY_ENCIPHERMENT);
    CHECK_EQ(gmtls_profile_key_usage(GMTLS_PROFILE_CA),
             GMTLS_KU_KEY_CERT_SIGN | GMTLS_KU_CRL_SIGN | GMTLS_KU_DIGITAL_SIGNATURE);
    free(s);
    gmtls_wipe(&key, sizeof(key));
    gmtls_wipe(&other, sizeof(other));
}

/* Issuing parameters for a leaf from a parsed request: its subject and key, no SAN. */
static void csr_params(gmtls_issue_params *p, const gmtls_csr *csr, gmtls_profile profile, unsigned days)
{
    memset(p, 0, sizeof(*p));
    p->profile = profile;
    gmtls_csr_subject_der(csr, &p->subject, &p->subject_len);
    p->pubkey = gmtls_csr_pubkey(csr);
    p->days = days;
    p->path_len = -1;
    p->now = NOW;
}

/* A certificate from a request: the subject and SAN come from the CSR. */
static void test_from_csr(struct pki *k)
{
    gmtls_sm2_key key;
    uint8_t *s = NULL, *a = NULL, *req = NULL, *der = NULL;
    size_t sl = 0, al = 0, rl = 0, dl = 0;
    gmtls_csr *csr = NULL;
    gmtls_cert *c = NULL;
    gmtls_issuer iss;
    gmtls_issue_params p;

    CHECK_OK(gmtls_sm2_keygen(&key));
    CHECK_OK(gmtls_subject_from_text("/C=CN/O=org2/CN=orderer0.org2", &s, &sl));
    CHECK_OK(gmtls_san_from_text("DNS:orderer0.org2,IP:10.0.0.7", &a, &al));
    CHECK_OK(gmtls_csr_create(&key, s, sl, a, al, &req, &rl));
    CHECK_OK(gmtls_csr_parse(&csr, req, rl));
    if (!csr)
        goto out;
    CHECK_OK(gmtls_csr_verify(csr));
    CHECK_OK(gmtls_issuer_from_cert(&iss, k->ca, &k->ca_key));
    csr_params(&p, csr, GMTLS_PROFILE_FABRIC, 90);
    CHECK_OK(gmtls_csr_san(csr, &p.san, &p.san_len));
    CHECK_OK(gmtls_cert_issue(&p, &iss, &der, &dl));
    if (der && (c = parse(der, dl)) != NULL) {
        check_common(c, &key.pub, 90, GMTLS_PROFILE_FABRIC);
        CHECK_OK(gmtls_cert_check_host(c, "10.0.0.7"));
        CHECK_OK(gmtls_cert_check_signature(c, k->ca));
        verify_leaf(k, c, GMTLS_PURPOSE_TLS_SERVER, GMTLS_VERIFY_STRICT_TLCP, "orderer0.org2");
    }
out:
    gmtls_cert_free(c);
    gmtls_csr_free(csr);
    free(s);
    free(a);
    free(req);
    free(der);
    gmtls_wipe(&key, sizeof(key));
}


/* A request whose SubjectPublicKeyInfo holds a compressed point (02/03 || x): the certificate issued
 * from it must carry the uncompressed point (GmSSL rejects compressed keys in certificates). */
struct cinfo {
    const uint8_t *subj;
    size_t subj_len;
    const gmtls_sm2_pubkey *pub;
};

static int write_compressed_info(gmtls_writer *w, const void *ctx)
{
    const struct cinfo *c = ctx;
    gmtls_derw_mark info, spki, alg, attrs;
    uint8_t pt[66];
    size_t n;
    int e;
    gmtls_sm2_pubkey_to_octets(c->pub, 1, pt, &n);
    if ((e = gmtls_derw_begin(w, 0x30, &info)) != 0 || (e = gmtls_derw_uint(w, 0)) != 0 ||
        (e = gmtls_derw_raw(w, c->subj, c->subj_len)) != 0 || (e = gmtls_derw_begin(w, 0x30, &spki)) != 0 ||
        (e = gmtls_derw_begin(w, 0x30, &alg)) != 0 || (e = gmtls_derw_oid(w, GMTLS_OID_EC_PUBLIC_KEY)) != 0 ||
        (e = gmtls_derw_oid(w, GMTLS_OID_SM2)) != 0 || (e = gmtls_derw_end(w, &alg)) != 0 ||
        (e = gmtls_derw_bit_string(w, pt, n, 0)) != 0 || (e = gmtls_derw_end(w, &spki)) != 0 ||
        (e = gmtls_derw_begin(w, 0xa0, &attrs)) != 0 || (e = gmtls_derw_end(w, &attrs)) != 0)
        return e;
    return gmtls_derw_end(w, &info);
}

static void test_compressed_csr(struct pki *k)
{
    gmtls_sm2_key key;
    uint8_t *s = NULL, *info = NULL, *req = NULL, *der = NULL;
    size_t sl = 0, il = 0, rl = 0, dl = 0;
    gmtls_csr *csr = NULL;
    gmtls_cert *c = NULL;
    gmtls_issuer iss;
    gmtls_issue_params p;

    CHECK_OK(gmtls_sm2_keygen(&key));
    CHECK_OK(gmtls_subject_from_text("/CN=compressed", &s, &sl));
    struct cinfo ci = {s, sl, &key.pub};
    CHECK_OK(gmtls_derw_alloc(write_compressed_info, &ci, &info, &il));
    if (!info)
        goto out;
    CHECK_OK(gmtls_issue_sign(&key, info, il, &req, &rl));
    static const uint8_t compressed_bits[] = {0x03, 0x22, 0x00}; /* BIT STRING of 33 bytes + 1 */
    CHECK(req && contains(req, rl, compressed_bits, sizeof(compressed_bits)));
    CHECK_OK(gmtls_csr_parse(&csr, req, rl));
    if (!csr)
        goto out;
    CHECK_OK(gmtls_csr_verify(csr));
    CHECK(gmtls_sm2_pubkey_equal(gmtls_csr_pubkey(csr), &key.pub));
    CHECK_OK(gmtls_issuer_from_cert(&iss, k->ca, &k->ca_key));
    csr_params(&p, csr, GMTLS_PROFILE_SIGN, 10);
    CHECK_OK(gmtls_cert_issue(&p, &iss, &der, &dl));
    if (der && (c = parse(der, dl)) != NULL)
        check_common(c, &key.pub, 10, GMTLS_PROFILE_SIGN); /* asserts the 04 || x || y BIT STRING */
out:
    gmtls_cert_free(c);
    gmtls_csr_free(csr);
    free(s);
    free(info);
    free(req);
    free(der);
    gmtls_wipe(&key, sizeof(key));
}

int main(void)
{
    struct pki k;
    gmtls_drbg_test_init(&drbg, "issue", 5);
    gmtls_rand_set_source(gmtls_drbg_test_fill, &drbg);
    CHECK_OK(setup_root(&k));
    if (k.ca && k.ts) {
        test_root(&k);
        test_pair(&k);
        test_limits(&k);
        test_from_csr(&k);
        test_compressed_csr(&k);
    }
    teardown(&k);
    gmtls_rand_set_source(NULL, NULL);
    return test_report();
}
