/* Certificates assembled field by field with the DER writer and signed with gmtls_sm2_sign, to
 * reach the cases no issuing tool produces: versions, serial limits, algorithm mismatches,
 * duplicate and malformed extensions, unique IDs, non-SM2 keys and algorithms, BMPString names,
 * GeneralizedTime, and path building that must try a second candidate issuer. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/rand.h"
#include "gmtls/sm2.h"
#include "gmtls/x509.h"
#include "pki/der_write.h"
#include "pki/oid.h"
#include "pki/spki.h"
#include "pki/x509_internal.h"
#include "test.h"

#define T0 1800000000LL /* 2027-01-15 */

struct tmpl {
    int version;              /* 1, 2, 3; 0: write v1 explicitly ([0] INTEGER 0) */
    const uint8_t *serial;
    size_t serial_len;
    int neg_serial;           /* write the serial as a negative INTEGER */
    int tbs_alg, outer_alg;   /* GMTLS_OID_*; 0 = SM2-with-SM3 */
    const char *issuer_cn, *subject_cn;
    int bmp_subject;          /* subject CN as BMPString */
    int64_t not_before, not_after;
    const gmtls_sm2_key *key; /* subject key */
    const uint8_t *raw_spki;  /* instead of key */
    size_t raw_spki_len;
    int unique_ids;
    const uint8_t *exts;      /* concatenated Extension TLVs (NULL: no extensions field) */
    size_t exts_len;
    const gmtls_sm2_key *signer;
};

static void name(gmtls_writer *w, const char *cn, int bmp)
{
    gmtls_derw_mark a, b, c;
    gmtls_derw_begin(w, 0x30, &a);
    gmtls_derw_begin(w, 0x31, &b);
    gmtls_derw_begin(w, 0x30, &c);
    gmtls_derw_oid(w, GMTLS_OID_AT_CN);
    if (bmp) {
        uint8_t u[128];
        size_t n = strlen(cn);
        for (size_t i = 0; i < n; i++) {
            u[2 * i] = 0;
            u[2 * i + 1] = (uint8_t)cn[i];
        }
        gmtls_derw_tlv(w, 0x1e, u, 2 * n);
    } else {
        gmtls_derw_tlv(w, 0x0c, cn, strlen(cn));
    }
    gmtls_derw_end(w, &c);
    gmtls_derw_end(w, &b);
    gmtls_derw_end(w, &a);
}

static void alg(gmtls_writer *w, int id)
{
    gmtls_derw_mark m;
    gmtls_derw_begin(w, 0x30, &m);
    gmtls_derw_oid(w, id ? id : GMTLS_OID_SM2_WITH_SM3);
    gmtls_derw_end(w, &m);
}

/* Returns the DER length, or 0 on failure. */
static size_t make(const struct tmpl *t, uint8_t *out, size_t cap)
{
    uint8_t tbs[2048];
    gmtls_writer w;
    gmtls_derw_mark m, v;
    size_t tbs_len;
    gmtls_writer_init(&w, tbs, sizeof(tbs));
    gmtls_derw_begin(&w, 0x30, &m);
    if (t->version != 1) {
        gmtls_derw_begin(&w, 0xa0, &v);
        gmtls_derw_uint(&w, t->version ? (uint64_t)t->version - 1 : 0);
        gmtls_derw_end(&w, &v);
    }
    if (t->neg_serial) {
        static const uint8_t neg[] = {0xff, 0x01};
        gmtls_derw_tlv(&w, 0x02, neg, sizeof(neg));
    } else if (t->serial) {
        gmtls_derw_tlv(&w, 0x02, t->serial, t->serial_len); /* as given, may be non-minimal on purpose */
    } else {
        gmtls_derw_uint(&w, 0x1234);
    }
    alg(&w, t->tbs_alg);
    name(&w, t->issuer_cn ? t->issuer_cn : "Root", 0);
    gmtls_derw_begin(&w, 0x30, &v);
    gmtls_derw_time(&w, t->not_before ? t->not_before : T0 - 86400);
    gmtls_derw_time(&w, t->not_after ? t->not_after : T0 + 86400 * 365);
    gmtls_derw_end(&w, &v);
    name(&w, t->subject_cn ? t->subject_cn : "Leaf", t->bmp_subject);
    if (t->raw_spki) {
        gmtls_derw_raw(&w, t->raw_spki, t->raw_spki_len);
    } else {
        gmtls_spki_encode(&w, &t->key->pub);
    }
    if (t->unique_ids) {
        static const uint8_t id[] = {0x00, 0xaa, 0xbb};
        gmtls_derw_tlv(&w, 0x81, id, sizeof(id));
        gmtls_derw_tlv(&w, 0x82, id, sizeof(id));
    }
    if (t->exts) {
        gmtls_derw_mark e, s;
        gmtls_derw_begin(&w, 0xa3, &e);
        gmtls_derw_begin(&w, 0x30, &s);
        gmtls_derw_raw(&w, t->exts, t->exts_len);
        gmtls_derw_end(&w, &s);
        gmtls_derw_end(&w, &e);
    }
    gmtls_derw_end(&w, &m);
    if (gmtls_writer_finish(&w, &tbs_len) != 0)
        return 0;
    uint8_t sig[64], sig_der[72];
    size_t sig_len;
    if (gmtls_sm2_sign(t->signer, (const uint8_t *)GMTLS_SM2_DEFAULT_ID, GMTLS_SM2_DEFAULT_ID_LEN, tbs, tbs_len, sig) != 0 ||
        gmtls_sm2_sig_to_der(sig, sig_der, &sig_len) != 0)
        return 0;
    gmtls_writer_init(&w, out, cap);
    gmtls_derw_begin(&w, 0x30, &m);
    gmtls_derw_raw(&w, tbs, tbs_len);
    alg(&w, t->outer_alg ? t->outer_alg : t->tbs_alg);
    gmtls_derw_bit_string(&w, sig_der, sig_len, 0);
    gmtls_derw_end(&w, &m);
    size_t len;
    return gmtls_writer_finish(&w, &len) == 0 ? len : 0;
}

/* Extension TLV: SEQUENCE { OID, [critical], OCTET STRING { value } }. */
static size_t ext(uint8_t *out, int oid_id, int critical, const uint8_t *val, size_t len)
{
    gmtls_writer w;
    gmtls_derw_mark m;
    size_t n;
    gmtls_writer_init(&w, out, 512);
    gmtls_derw_begin(&w, 0x30, &m);
    gmtls_derw_oid(&w, oid_id);
    if (critical)
        gmtls_derw_boolean(&w, 1);
    gmtls_derw_octet_string(&w, val, len);
    gmtls_derw_end(&w, &m);
    return gmtls_writer_finish(&w, &n) == 0 ? n : 0;
}

static const uint8_t BC_CA[] = {0x30, 0x03, 0x01, 0x01, 0xff};
static const uint8_t BC_CA_PATH1[] = {0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x01};
static const uint8_t KU_SIGN[] = {0x03, 0x02, 0x07, 0x80};
static const uint8_t KU_BAD[] = {0x03, 0x02, 0x08, 0x80}; /* 8 unused bits */

static int parse(gmtls_cert **c, const uint8_t *der, size_t len)
{
    *c = NULL;
    return gmtls_cert_parse(c, der, len);
}

static gmtls_sm2_key root_key, leaf_key, other_key;

static void test_fields(void)
{
    uint8_t der[4096], exts[1024];
    size_t len, n;
    gmtls_cert *c;
    struct tmpl t;

    /* v1, v1 written explicitly, v2 with unique IDs: all parse and are skipped correctly. */
    memset(&t, 0, sizeof(t));
    t.key = &leaf_key;
    t.signer = &root_key;
    t.version = 1;
    len = make(&t, der, sizeof(der));
    CHECK_OK(parse(&c, der, len));
    if (c) {
        CHECK_EQ(gmtls_cert_version(c), 1);
        CHECK_EQ(gmtls_cert_key_usage(c), GMTLS_KU_ABSENT);
        CHECK_EQ(gmtls_cert_path_len(c), -1);
        CHECK_EQ(gmtls_cert_is_self_issued(c), 0);
    }
    gmtls_cert_free(c);
    t.version = 0;
    len = make(&t, der, sizeof(der));
    CHECK_OK(parse(&c, der, len));
    gmtls_cert_free(c);
    t.version = 2;
    t.unique_ids = 1;
    len = make(&t, der, sizeof(der));
    CHECK_OK(parse(&c, der, len));
    if (c)
        CHECK_EQ(gmtls_cert_version(c), 2);
    gmtls_cert_free(c);
    /* Unique IDs in a v1 certificate, extensions in a v2 one, version 4. */
    t.version = 1;
    len = make(&t, der, sizeof(der));
    CHECK_ERR(parse(&c, der, len), GMTLS_ERR_CERT_BAD);
    t.unique_ids = 0;
    t.version = 2;
    n = ext(exts, GMTLS_OID_CE_KEY_USAGE, 1, KU_SIGN, sizeof(KU_SIGN));
    t.exts = exts;
    t.exts_len = n;
    len = make(&t, der, sizeof(der));
    CHECK_ERR(parse(&c, der, len), GMTLS_ERR_CERT_BAD);
    t.version = 4;
    len = make(&t, der, sizeof(der));
    CHECK_ERR(parse(&c, der, len), GMTLS_ERR_CERT_BAD);
    t.version = 3;
    len = make(&t, der, sizeof(der));
    CHECK_OK(parse(&c, der, len));
    if (c)
        CHECK_EQ(gmtls_cert_key_usage(c), GMTLS_KU_DIGITAL_SIGNATURE);
    gmtls_cert_free(c);

    /* Duplicate extension, malformed known extension, empty extension list. */
    n = ext(exts, GMTLS_OID_CE_KEY_USAGE, 1, KU_SIGN, sizeof(KU_SIGN));
    n += ext(exts + n, GMTLS_OID_CE_BASIC_CONSTRAINTS, 1, BC_CA, sizeof(BC_CA));
    n += ext(exts + n, GMTLS_OID_CE_KEY_USAGE, 0, KU_SIGN, sizeof(KU_SIGN));
    t.exts_len = n;
    len = make(&t, der, sizeof(der));
    CHECK_ERR(parse(&c, der, len), GMTLS_ERR_CERT_BAD);
    n = ext(exts, GMTLS_OID_CE_KEY_USAGE, 0, KU_BAD, sizeof(KU_BAD));
    t.exts_len = n;
    len = make(&t, der, sizeof(der));
    CHECK_ERR(parse(&c, der, len), GMTLS_ERR_CERT_BAD);
    static const uint8_t bad_san[] = {0x30, 0x03, 0x87, 0x01, 0x0a}; /* 1-byte iPAddress */
    n = ext(exts, GMTLS_OID_CE_SUBJECT_ALT_NAME, 0, bad_san, sizeof(bad_san));
    t.exts_len = n;
    len = make(&t, der, sizeof(der));
    CHECK_ERR(parse(&c, der, len), GMTLS_ERR_CERT_BAD);
    t.exts_len = 0;
    len = make(&t, der, sizeof(der));
    CHECK_ERR(parse(&c, der, len), GMTLS_ERR_CERT_BAD);
    t.exts = NULL;

    /* Serial numbers: 20 bytes is the limit, 21 is too many; zero and negative are refused. */
    uint8_t serial[21];
    memset(serial, 0x11, sizeof(serial));
    t.serial = serial;
    t.serial_len = 20;
    len = make(&t, der, sizeof(der));
    CHECK_OK(parse(&c, der, len));
    if (c) {
        const uint8_t *s;
        size_t sl;
        gmtls_cert_serial(c, &s, &sl);
        CHECK_EQ(sl, 20);
    }
    gmtls_cert_free(c);
    t.serial_len = 21;
    len = make(&t, der, sizeof(der));
    CHECK_ERR(parse(&c, der, len), GMTLS_ERR_CERT_BAD);
    static const uint8_t zero[] = {0x00};
    t.serial = zero;
    t.serial_len = 1;
    len = make(&t, der, sizeof(der));
    CHECK_ERR(parse(&c, der, len), GMTLS_ERR_CERT_BAD);
    t.serial = NULL;
    t.neg_serial = 1;
    len = make(&t, der, sizeof(der));
    CHECK_ERR(parse(&c, der, len), GMTLS_ERR_CERT_BAD);
    t.neg_serial = 0;

    /* Inner and outer signature algorithms must agree. */
    t.outer_alg = GMTLS_OID_SHA256;
    len = make(&t, der, sizeof(der));
    CHECK_ERR(parse(&c, der, len), GMTLS_ERR_CERT_BAD);
    t.outer_alg = 0;

    /* BMPString subject and GeneralizedTime (2050 and later). */
    t.bmp_subject = 1;
    t.subject_cn = "bmp.example";
    t.not_after = 2600000000LL; /* 2052 */
    len = make(&t, der, sizeof(der));
    CHECK_OK(parse(&c, der, len));
    if (c) {
        char buf[128];
        const uint8_t *p;
        size_t pl;
        int64_t na;
        gmtls_cert_subject_der(c, &p, &pl);
        CHECK(gmtls_name_to_text(p, pl, buf, sizeof(buf)) > 0 && strcmp(buf, "/CN=bmp.example") == 0);
        gmtls_cert_validity(c, NULL, &na);
        CHECK_EQ(na, 2600000000LL);
        /* A BMPString CN is not used as a host name. */
        CHECK_ERR(gmtls_cert_check_host(c, "bmp.example"), GMTLS_ERR_CERT_NAME_MISMATCH);
    }
    gmtls_cert_free(c);
}

static gmtls_cert *mk(struct tmpl *t)
{
    uint8_t der[4096];
    size_t len = make(t, der, sizeof(der));
    gmtls_cert *c = NULL;
    CHECK_OK(parse(&c, der, len));
    return c;
}

/* mk with this issuer name, subject name, subject key and signing key (kept in t). */
static gmtls_cert *mk_as(struct tmpl *t, const char *issuer_cn, const char *subject_cn, const gmtls_sm2_key *key,
                         const gmtls_sm2_key *signer)
{
    t->issuer_cn = issuer_cn;
    t->subject_cn = subject_cn;
    t->key = key;
    t->signer = signer;
    return mk(t);
}

static void test_algorithms_and_paths(void)
{
    uint8_t exts[1024];
    size_t n;
    struct tmpl t;
    memset(&t, 0, sizeof(t));
    t.version = 3;

    /* Root (self-signed CA) and leaf. */
    n = ext(exts, GMTLS_OID_CE_BASIC_CONSTRAINTS, 1, BC_CA_PATH1, sizeof(BC_CA_PATH1));
    t.exts = exts;
    t.exts_len = n;
    gmtls_cert *root = mk_as(&t, "Root", "Root", &root_key, &root_key);
    /* Two intermediates with the SAME name and no key identifiers: only the second holds the key
     * that signed the leaf. Path building must try both. */
    gmtls_cert *mid_wrong = mk_as(&t, "Root", "Mid", &other_key, &root_key);
    gmtls_cert *mid_right = mk_as(&t, "Root", "Mid", &leaf_key, &root_key);
    n = ext(exts, GMTLS_OID_CE_KEY_USAGE, 1, KU_SIGN, sizeof(KU_SIGN));
    t.exts_len = n;
    gmtls_cert *leaf = mk_as(&t, "Mid", "Leaf", &other_key, &leaf_key);
    /* A leaf signed with a non-SM2 algorithm identifier, and one with a P-256 key. */
    t.tbs_alg = GMTLS_OID_SHA256; /* any non-SM2 algorithm */
    gmtls_cert *other_alg = mk(&t);
    t.tbs_alg = 0;
    static const uint8_t p256_spki[] = {
        0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
        0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04, 0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8,
        0xbc, 0xe6, 0xe5, 0x63, 0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0, 0xf4, 0xa1, 0x39,
        0x45, 0xd8, 0x98, 0xc2, 0x96, 0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e, 0xe7, 0xeb, 0x4a, 0x7c,
        0x0f, 0x9e, 0x16, 0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51,
        0xf5};
    t.raw_spki = p256_spki;
    t.raw_spki_len = sizeof(p256_spki);
    gmtls_cert *p256 = mk(&t);
    t.raw_spki = NULL;

    gmtls_trust_store *ts = NULL;
    CHECK_OK(gmtls_trust_store_new(&ts));
    if (!ts || !root || !mid_wrong || !mid_right || !leaf || !other_alg || !p256)
        goto out;
    CHECK_OK(gmtls_trust_store_add_root_cert(ts, root));
    gmtls_verify_opts o = {GMTLS_PURPOSE_TLCP_SIGN, T0, NULL, 0, 0};
    gmtls_verify_result res;
    const gmtls_cert *chain[3] = {leaf, mid_wrong, mid_right};
    CHECK_OK(gmtls_verify_chain(ts, chain, 3, &o, &res));
    CHECK_EQ(res.path_len, 3);
    /* With only the wrong one, the signature error is reported. */
    CHECK_ERR(gmtls_verify_chain(ts, chain, 2, &o, &res), GMTLS_ERR_CERT_SIGNATURE);
    CHECK_EQ(res.error_depth, 0);
    CHECK_ERR(gmtls_cert_check_signature(leaf, mid_wrong), GMTLS_ERR_CERT_SIGNATURE);
    CHECK_OK(gmtls_cert_check_signature(leaf, mid_right));
    /* Non-SM2 algorithm and key: parse, but cannot be verified. */
    CHECK_ERR(gmtls_cert_check_signature(other_alg, mid_right), GMTLS_ERR_CERT_UNSUPPORTED);
    const gmtls_cert *c2[2] = {other_alg, mid_right};
    CHECK_ERR(gmtls_verify_chain(ts, c2, 2, &o, NULL), GMTLS_ERR_CERT_UNSUPPORTED);
    CHECK(gmtls_cert_pubkey(p256) == NULL);
    CHECK_ERR(gmtls_cert_check_signature(leaf, p256), GMTLS_ERR_CERT_UNSUPPORTED);
    char *text = NULL;
    CHECK_OK(gmtls_cert_to_text(p256, &text, NULL));
    if (text) {
        CHECK(strstr(text, "not an SM2 key") != NULL);
        free(text);
    }
    /* Root pathLen 1 allows one intermediate, not two (Mid2 under Mid). */
    CHECK_EQ(gmtls_cert_path_len(root), 1);
    n = ext(exts, GMTLS_OID_CE_BASIC_CONSTRAINTS, 1, BC_CA, sizeof(BC_CA));
    t.exts_len = n;
    gmtls_cert *mid2 = mk_as(&t, "Mid", "Mid2", &other_key, &leaf_key);
    n = ext(exts, GMTLS_OID_CE_KEY_USAGE, 1, KU_SIGN, sizeof(KU_SIGN));
    t.exts_len = n;
    gmtls_cert *leaf2 = mk_as(&t, "Mid2", "Leaf2", &root_key, &other_key);
    if (mid2 && leaf2) {
        const gmtls_cert *c4[3] = {leaf2, mid2, mid_right};
        CHECK_ERR(gmtls_verify_chain(ts, c4, 3, &o, &res), GMTLS_ERR_CERT_PATH_LEN);
        CHECK_EQ(res.error_depth, 1);
        o.purpose = GMTLS_PURPOSE_CA;
        const gmtls_cert *c5[2] = {mid2, mid_right};
        CHECK_OK(gmtls_verify_chain(ts, c5, 2, &o, &res));
        CHECK_EQ(res.path_len, 3);
    }
    gmtls_cert_free(mid2);
    gmtls_cert_free(leaf2);
    CHECK_EQ(gmtls_cert_error_alert(GMTLS_ERR_CERT_UNSUPPORTED), 43);
out:
    gmtls_trust_store_free(ts);
    gmtls_cert_free(root);
    gmtls_cert_free(mid_wrong);
    gmtls_cert_free(mid_right);
    gmtls_cert_free(leaf);
    gmtls_cert_free(other_alg);
    gmtls_cert_free(p256);
}

/* Build a GeneralSubtrees-style nameConstraints value: [tag] { SEQUENCE { base } } for one base. */
static size_t nc_value(uint8_t *out, uint8_t which, const uint8_t *base_tlv, size_t base_len)
{
    gmtls_writer w;
    gmtls_derw_mark a, b, c;
    size_t n;
    gmtls_writer_init(&w, out, 256);
    gmtls_derw_begin(&w, 0x30, &a);
    gmtls_derw_begin(&w, which, &b);
    gmtls_derw_begin(&w, 0x30, &c);
    gmtls_derw_raw(&w, base_tlv, base_len);
    gmtls_derw_end(&w, &c);
    gmtls_derw_end(&w, &b);
    gmtls_derw_end(&w, &a);
    return gmtls_writer_finish(&w, &n) == 0 ? n : 0;
}

/* Name constraints on email and directory names, and wildcard SANs against IP hosts. */
static void test_constraints_and_hosts(void)
{
    uint8_t exts[1024], val[256], base[128];
    size_t n, bl;
    struct tmpl t;
    gmtls_trust_store *ts = NULL;
    CHECK_OK(gmtls_trust_store_new(&ts));
    memset(&t, 0, sizeof(t));
    t.version = 3;
    n = ext(exts, GMTLS_OID_CE_BASIC_CONSTRAINTS, 1, BC_CA, sizeof(BC_CA));
    t.exts = exts;
    t.exts_len = n;
    gmtls_cert *root = mk_as(&t, "Root", "Root", &root_key, &root_key);
    if (!ts || !root)
        goto out;
    CHECK_OK(gmtls_trust_store_add_root_cert(ts, root));

    /* CA "NC1": excluded email domain example.com. CA "NC2": permitted directory name /CN=Leaf. */
    static const uint8_t email_base[] = {0x81, 0x0b, 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'c', 'o', 'm'};
    bl = nc_value(val, 0xa1, email_base, sizeof(email_base));
    n = ext(exts, GMTLS_OID_CE_BASIC_CONSTRAINTS, 1, BC_CA, sizeof(BC_CA));
    n += ext(exts + n, GMTLS_OID_CE_NAME_CONSTRAINTS, 1, val, bl);
    t.exts_len = n;
    gmtls_cert *nc1 = mk_as(&t, "Root", "NC1", &other_key, &root_key);
    gmtls_writer w;
    gmtls_derw_mark m;
    gmtls_writer_init(&w, base, sizeof(base));
    gmtls_derw_begin(&w, 0xa4, &m);
    name(&w, "Leaf", 0);
    gmtls_derw_end(&w, &m);
    size_t base_len = 0;
    CHECK_OK(gmtls_writer_finish(&w, &base_len));
    bl = nc_value(val, 0xa0, base, base_len);
    n = ext(exts, GMTLS_OID_CE_BASIC_CONSTRAINTS, 1, BC_CA, sizeof(BC_CA));
    n += ext(exts + n, GMTLS_OID_CE_NAME_CONSTRAINTS, 1, val, bl);
    t.exts_len = n;
    t.subject_cn = "NC2";
    gmtls_cert *nc2 = mk(&t);

    /* Leaves signed by other_key (the key of both constrained CAs). */
    static const uint8_t san_email[] = {0x30, 0x0f, 0x81, 0x0d, 'a', '@', 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'c', 'o', 'm'};
    static const uint8_t san_email2[] = {0x30, 0x0f, 0x81, 0x0d, 'a', '@', 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'o', 'r', 'g'};
    static const uint8_t san_wild[] = {0x30, 0x09, 0x82, 0x07, '*', '.', '1', '.', '2', '.', '3'};
    t.exts_len = ext(exts, GMTLS_OID_CE_SUBJECT_ALT_NAME, 0, san_email, sizeof(san_email));
    gmtls_cert *l_bad_email = mk_as(&t, "NC1", "Leaf", &leaf_key, &other_key);
    t.exts_len = ext(exts, GMTLS_OID_CE_SUBJECT_ALT_NAME, 0, san_email2, sizeof(san_email2));
    gmtls_cert *l_ok_email = mk(&t);
    t.issuer_cn = "NC2";
    t.exts_len = ext(exts, GMTLS_OID_CE_SUBJECT_ALT_NAME, 0, san_wild, sizeof(san_wild));
    gmtls_cert *l_ok_dn = mk(&t);
    t.subject_cn = "Other";
    gmtls_cert *l_bad_dn = mk(&t);
    if (nc1 && nc2 && l_bad_email && l_ok_email && l_ok_dn && l_bad_dn) {
        gmtls_verify_opts o = {GMTLS_PURPOSE_ANY, T0, NULL, 0, 0};
        const gmtls_cert *a[2] = {l_bad_email, nc1}, *b[2] = {l_ok_email, nc1}, *c[2] = {l_ok_dn, nc2},
                         *d[2] = {l_bad_dn, nc2};
        CHECK_ERR(gmtls_verify_chain(ts, a, 2, &o, NULL), GMTLS_ERR_CERT_NAME_CONSTRAINTS);
        CHECK_OK(gmtls_verify_chain(ts, b, 2, &o, NULL));
        CHECK_OK(gmtls_verify_chain(ts, c, 2, &o, NULL));
        CHECK_ERR(gmtls_verify_chain(ts, d, 2, &o, NULL), GMTLS_ERR_CERT_NAME_CONSTRAINTS);
        /* SAN DNS:*.1.2.3: a DNS name under it matches, the IP address 4.1.2.3 never does. */
        CHECK_OK(gmtls_cert_check_host(l_ok_dn, "a.1.2.3"));
        CHECK_ERR(gmtls_cert_check_host(l_ok_dn, "4.1.2.3"), GMTLS_ERR_CERT_NAME_MISMATCH);
        o.hostname = "4.1.2.3";
        CHECK_ERR(gmtls_verify_chain(ts, c, 2, &o, NULL), GMTLS_ERR_CERT_NAME_MISMATCH);
    }
    gmtls_cert_free(nc1);
    gmtls_cert_free(nc2);
    gmtls_cert_free(l_bad_email);
    gmtls_cert_free(l_ok_email);
    gmtls_cert_free(l_ok_dn);
    gmtls_cert_free(l_bad_dn);
out:
    gmtls_cert_free(root);
    gmtls_trust_store_free(ts);
}

int main(void)
{
    gmtls_drbg_test d;
    gmtls_drbg_test_init(&d, "x509-build", 10);
    gmtls_rand_set_source(gmtls_drbg_test_fill, &d);
    CHECK_OK(gmtls_sm2_keygen(&root_key));
    CHECK_OK(gmtls_sm2_keygen(&leaf_key));
    CHECK_OK(gmtls_sm2_keygen(&other_key));
    test_fields();
    test_algorithms_and_paths();
    test_constraints_and_hosts();
    return test_report();
}
