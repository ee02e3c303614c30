/* Chain verification against certificates and CRLs made by the OpenSSL 3 command line
 * (tests/pki/data/mkcerts_openssl.sh, run at test time in a temporary directory): they must parse
 * and verify, and every negative case must fail with its exact code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gmtls/x509.h"
#include "pki/x509_internal.h"
#include "pki_test_util.h"
#include "test.h"

static char dir[256];

static uint8_t *slurp(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    return test_read_file(path, len);
}

static gmtls_cert *cert(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    return pki_test_first_cert(path);
}

/* A store with root.pem as the anchor, the listed files as untrusted, the listed CRLs. */
static gmtls_trust_store *store(const char *const *untrusted, const char *const *crls)
{
    gmtls_trust_store *ts;
    size_t len;
    if (gmtls_trust_store_new(&ts) != 0)
        return NULL;
    uint8_t *d = slurp("root.pem", &len);
    if (d)
        CHECK_OK(gmtls_trust_store_add_roots(ts, d, len));
    free(d);
    for (; untrusted && *untrusted; untrusted++) {
        d = slurp(*untrusted, &len);
        if (d)
            CHECK_OK(gmtls_trust_store_add_untrusted(ts, d, len));
        free(d);
    }
    for (; crls && *crls; crls++) {
        d = slurp(*crls, &len);
        if (d)
            CHECK_OK(gmtls_trust_store_add_crls(ts, d, len));
        free(d);
    }
    return ts;
}

static int64_t T; /* a time inside every certificate's validity and the CRLs' */

static int verify(gmtls_trust_store *ts, const char *name, gmtls_purpose purpose, const char *host, unsigned flags)
{
    gmtls_cert *c = cert(name);
    if (!c || !ts)
        return -99999;
    gmtls_verify_opts o = {purpose, T, host, 0, flags};
    const gmtls_cert *chain[1] = {c};
    int e = gmtls_verify_chain(ts, chain, 1, &o, NULL);
    gmtls_cert_free(c);
    return e;
}

static void test_chains(void)
{
    static const char *const ca1[] = {"ca1.pem", NULL};
    gmtls_trust_store *ts = store(ca1, NULL);
    CHECK_OK(verify(ts, "root.pem", GMTLS_PURPOSE_CA, NULL, 0));
    CHECK_OK(verify(ts, "ca1.pem", GMTLS_PURPOSE_CA, NULL, 0));
    CHECK_OK(verify(ts, "server.pem", GMTLS_PURPOSE_TLS_SERVER, "www.example.com", 0));
    CHECK_OK(verify(ts, "server.pem", GMTLS_PURPOSE_TLCP_SIGN, "foo.example.org", GMTLS_VERIFY_STRICT_TLCP));
    CHECK_OK(verify(ts, "server.pem", GMTLS_PURPOSE_TLCP_SIGN, "10.1.2.3", GMTLS_VERIFY_TLCP_SERVER));
    CHECK_OK(verify(ts, "server.pem", GMTLS_PURPOSE_ANY, "2001:db8:0::1", 0));
    CHECK_OK(verify(ts, "server.pem", GMTLS_PURPOSE_ANY, "[2001:db8::1]", 0));
    CHECK_OK(verify(ts, "enc.pem", GMTLS_PURPOSE_TLCP_ENC, NULL, GMTLS_VERIFY_STRICT_TLCP));
    CHECK_OK(verify(ts, "client.pem", GMTLS_PURPOSE_TLS_CLIENT, NULL, 0));
    CHECK_OK(verify(ts, "fabric.pem", GMTLS_PURPOSE_TLCP_SIGN, NULL, 0));
    CHECK_OK(verify(ts, "fabric.pem", GMTLS_PURPOSE_TLCP_ENC, NULL, 0));
    CHECK_OK(verify(ts, "noncrit.pem", GMTLS_PURPOSE_TLCP_SIGN, NULL, 0));
    CHECK_OK(verify(ts, "nosan.pem", GMTLS_PURPOSE_ANY, "NOSAN.example.net", 0));

    /* Name checks. */
    CHECK_ERR(verify(ts, "server.pem", GMTLS_PURPOSE_ANY, "example.com", 0), GMTLS_ERR_CERT_NAME_MISMATCH);
    CHECK_ERR(verify(ts, "server.pem", GMTLS_PURPOSE_ANY, "a.b.example.org", 0), GMTLS_ERR_CERT_NAME_MISMATCH);
    CHECK_ERR(verify(ts, "server.pem", GMTLS_PURPOSE_ANY, "example.org", 0), GMTLS_ERR_CERT_NAME_MISMATCH);
    CHECK_ERR(verify(ts, "server.pem", GMTLS_PURPOSE_ANY, "10.1.2.4", 0), GMTLS_ERR_CERT_NAME_MISMATCH);
    CHECK_ERR(verify(ts, "nosan.pem", GMTLS_PURPOSE_ANY, "other.example.net", 0), GMTLS_ERR_CERT_NAME_MISMATCH);
    /* Without any SAN the CN is the DNS name. */
    CHECK_OK(verify(ts, "client.pem", GMTLS_PURPOSE_ANY, "client", 0));
    CHECK_ERR(verify(ts, "client.pem", GMTLS_PURPOSE_ANY, "10.1.2.3", 0), GMTLS_ERR_CERT_NAME_MISMATCH);

    /* Usage. */
    CHECK_ERR(verify(ts, "server.pem", GMTLS_PURPOSE_TLCP_ENC, NULL, 0), GMTLS_ERR_CERT_KEY_USAGE);
    CHECK_ERR(verify(ts, "enc.pem", GMTLS_PURPOSE_TLCP_SIGN, NULL, 0), GMTLS_ERR_CERT_KEY_USAGE);
    CHECK_ERR(verify(ts, "client.pem", GMTLS_PURPOSE_TLS_SERVER, NULL, 0), GMTLS_ERR_CERT_EXT_KEY_USAGE);
    CHECK_ERR(verify(ts, "server.pem", GMTLS_PURPOSE_TLS_CLIENT, NULL, 0), GMTLS_ERR_CERT_EXT_KEY_USAGE);
    CHECK_ERR(verify(ts, "client.pem", GMTLS_PURPOSE_TLCP_SIGN, NULL, GMTLS_VERIFY_TLCP_SERVER),
              GMTLS_ERR_CERT_EXT_KEY_USAGE);
    CHECK_ERR(verify(ts, "server.pem", GMTLS_PURPOSE_CA, NULL, 0), GMTLS_ERR_CERT_NOT_CA);
    CHECK_ERR(verify(ts, "ca1.pem", GMTLS_PURPOSE_TLCP_SIGN, NULL, 0), GMTLS_ERR_CERT_KEY_USAGE);
    CHECK_ERR(verify(ts, "ca1.pem", GMTLS_PURPOSE_ANY, NULL, GMTLS_VERIFY_STRICT_TLCP), GMTLS_ERR_CERT_KEY_USAGE);

    /* Unknown critical extension: parses (and prints), fails verification. */
    CHECK_ERR(verify(ts, "crit.pem", GMTLS_PURPOSE_TLCP_SIGN, NULL, 0), GMTLS_ERR_CERT_CRITICAL_EXT);
    gmtls_cert *c = cert("crit.pem");
    if (c) {
        char *text;
        CHECK_OK(gmtls_cert_to_text(c, &text, NULL));
        if (text) {
            CHECK(strstr(text, "1.2.3.4: critical") != NULL);
            free(text);
        }
        gmtls_cert_free(c);
    }

    /* Time. */
    gmtls_cert *s = cert("server.pem");
    if (s) {
        int64_t nb, na;
        gmtls_cert_validity(s, &nb, &na);
        gmtls_verify_opts o = {GMTLS_PURPOSE_ANY, nb - 1, NULL, 0, 0};
        const gmtls_cert *chain[1] = {s};
        gmtls_verify_result res;
        CHECK_ERR(gmtls_verify_chain(ts, chain, 1, &o, &res), GMTLS_ERR_CERT_NOT_YET_VALID);
        /* root, ca1 and server were made in the same second or so: the failing one is the anchor
         * or an issuer unless they all share notBefore; only the code matters here. */
        o.time = na + 1;
        CHECK_ERR(gmtls_verify_chain(ts, chain, 1, &o, &res), GMTLS_ERR_CERT_EXPIRED);
        o.time = T;
        CHECK_OK(gmtls_verify_chain(ts, chain, 1, &o, &res));
        CHECK_EQ(res.path_len, 3);
        CHECK_EQ(res.error_depth, -1);
        /* Depth limit: the path needs 3 certificates. */
        o.max_depth = 2;
        CHECK_ERR(gmtls_verify_chain(ts, chain, 1, &o, &res), GMTLS_ERR_CERT_CHAIN_TOO_LONG);
        gmtls_cert_free(s);
    }
    gmtls_trust_store_free(ts);

    /* Without the intermediate the issuer is unknown; with it passed in the chain it works. */
    ts = store(NULL, NULL);
    CHECK_ERR(verify(ts, "server.pem", GMTLS_PURPOSE_ANY, NULL, 0), GMTLS_ERR_CERT_UNKNOWN_CA);
    gmtls_cert *leaf = cert("server.pem"), *mid = cert("ca1.pem");
    if (leaf && mid) {
        const gmtls_cert *chain[2] = {leaf, mid};
        gmtls_verify_opts o = {GMTLS_PURPOSE_TLS_SERVER, T, "www.example.com", 0, 0};
        CHECK_OK(gmtls_verify_chain(ts, chain, 2, &o, NULL));
    }
    gmtls_cert_free(leaf);
    gmtls_cert_free(mid);
    gmtls_trust_store_free(ts);

    /* Path length, non-CA issuer, CA without keyCertSign, loops. */
    static const char *const deep[] = {"ca1.pem", "ca2.pem", NULL};
    ts = store(deep, NULL);
    CHECK_ERR(verify(ts, "deep.pem", GMTLS_PURPOSE_ANY, NULL, 0), GMTLS_ERR_CERT_PATH_LEN);
    gmtls_trust_store_free(ts);
    static const char *const notca[] = {"ca1.pem", "server.pem", NULL};
    ts = store(notca, NULL);
    CHECK_ERR(verify(ts, "notca.pem", GMTLS_PURPOSE_ANY, NULL, 0), GMTLS_ERR_CERT_NOT_CA);
    gmtls_trust_store_free(ts);
    static const char *const casign[] = {"casign.pem", NULL};
    ts = store(casign, NULL);
    CHECK_ERR(verify(ts, "underks.pem", GMTLS_PURPOSE_ANY, NULL, 0), GMTLS_ERR_CERT_KEY_USAGE);
    gmtls_trust_store_free(ts);
    static const char *const cross[] = {"cross.pem", NULL};
    ts = store(cross, NULL);
    CHECK_ERR(verify(ts, "xleaf.pem", GMTLS_PURPOSE_ANY, NULL, 0), GMTLS_ERR_CERT_CHAIN_TOO_LONG);
    gmtls_trust_store_free(ts);

    /* Name constraints. */
    static const char *const nc[] = {"nc.pem", NULL};
    ts = store(nc, NULL);
    CHECK_OK(verify(ts, "ncgood.pem", GMTLS_PURPOSE_ANY, "www.example.com", 0));
    /* ncgood's CN is "ncgood", but it has SANs, so the CN is not a name of it. */
    CHECK_ERR(verify(ts, "ncgood.pem", GMTLS_PURPOSE_ANY, "ncgood", 0), GMTLS_ERR_CERT_NAME_MISMATCH);
    CHECK_ERR(verify(ts, "ncdns.pem", GMTLS_PURPOSE_ANY, NULL, 0), GMTLS_ERR_CERT_NAME_CONSTRAINTS);
    CHECK_ERR(verify(ts, "ncip.pem", GMTLS_PURPOSE_ANY, NULL, 0), GMTLS_ERR_CERT_NAME_CONSTRAINTS);
    CHECK_ERR(verify(ts, "ncexcl.pem", GMTLS_PURPOSE_ANY, NULL, 0), GMTLS_ERR_CERT_NAME_CONSTRAINTS);
    gmtls_trust_store_free(ts);
}

/* Flip one byte of the serial number inside the TBS: still parses, signature fails. */
static void test_tamper(const char *name, const char *const *untrusted)
{
    gmtls_cert *c = cert(name);
    if (!c)
        return;
    const uint8_t *der, *serial;
    size_t len, slen;
    gmtls_cert_der(c, &der, &len);
    gmtls_cert_serial(c, &serial, &slen);
    uint8_t *copy = malloc(len);
    memcpy(copy, der, len);
    uint8_t *last = &copy[serial - der + (ptrdiff_t)slen - 1];
    *last = *last == 0x01 ? 0x03 : (uint8_t)(*last ^ 0x01); /* never a zero serial, sign bit kept */
    gmtls_cert *t = NULL;
    CHECK_OK(gmtls_cert_parse(&t, copy, len));
    gmtls_trust_store *ts = store(untrusted, NULL);
    if (t && ts) {
        const gmtls_cert *chain[1] = {t};
        gmtls_verify_opts o = {GMTLS_PURPOSE_ANY, T, NULL, 0, 0};
        CHECK_ERR(gmtls_verify_chain(ts, chain, 1, &o, NULL), GMTLS_ERR_CERT_SIGNATURE);
    }
    gmtls_trust_store_free(ts);
    gmtls_cert_free(t);
    free(copy);
    gmtls_cert_free(c);
}

static void test_crls(void)
{
    size_t len;
    uint8_t *d = slurp("ca1.crl.der", &len);
    gmtls_crl *crl = NULL;
    if (d)
        CHECK_OK(gmtls_crl_parse(&crl, d, len));
    gmtls_cert *ca1 = cert("ca1.pem"), *root = cert("root.pem"), *rev = cert("revoked.pem"), *srv = cert("server.pem");
    if (crl && ca1 && root && rev && srv) {
        CHECK_EQ(gmtls_crl_count(crl), 1);
        const uint8_t *serial;
        size_t slen;
        int64_t when, tu, nu;
        int reason;
        CHECK_OK(gmtls_crl_entry(crl, 0, &serial, &slen, &when, &reason));
        CHECK(slen == 2 && serial[0] == 0x10 && serial[1] == 0x07);
        CHECK_EQ(reason, 1); /* keyCompromise */
        CHECK_ERR(gmtls_crl_entry(crl, 1, &serial, &slen, &when, &reason), GMTLS_ERR_NOT_FOUND);
        CHECK(crl->has_number && crl->number.len == 2 && crl->number.p[0] == 0x10 && crl->number.p[1] == 0x00);
        gmtls_crl_dates(crl, &tu, &nu);
        CHECK_EQ(nu - tu, 30 * 86400);
        CHECK_OK(gmtls_crl_verify(crl, ca1, T));
        CHECK_EQ(gmtls_crl_is_revoked(crl, rev), 1);
        CHECK_EQ(gmtls_crl_is_revoked(crl, srv), 0);
        CHECK_ERR(gmtls_crl_verify(crl, root, T), GMTLS_ERR_CRL_BAD);
        CHECK_ERR(gmtls_crl_verify(crl, ca1, nu + 1), GMTLS_ERR_CRL_EXPIRED);
        CHECK_ERR(gmtls_crl_verify(crl, ca1, tu - 1), GMTLS_ERR_CRL_EXPIRED);
        /* Tampered CRL: flip the last byte of the TBS (inside the CRL number). */
        uint8_t *copy = malloc(len);
        memcpy(copy, d, len);
        copy[(crl->tbs.p - crl->der) + (ptrdiff_t)crl->tbs.len - 1] ^= 0x01;
        gmtls_crl *bad = NULL;
        CHECK_OK(gmtls_crl_parse(&bad, copy, len));
        if (bad)
            CHECK_ERR(gmtls_crl_verify(bad, ca1, T), GMTLS_ERR_CRL_SIGNATURE);
        gmtls_crl_free(bad);
        /* Every truncation is a DER error. */
        CHECK_EQ(pki_test_crl_bad_truncations(d, len), 0);
        free(copy);
    }
    free(d);
    gmtls_crl_free(crl);

    /* An unknown critical CRL extension; a CRL issuer without cRLSign. */
    uint8_t *d2 = slurp("ca1_crit.crl.der", &len);
    gmtls_crl *x = NULL;
    if (d2)
        CHECK_ERR(gmtls_crl_parse(&x, d2, len), GMTLS_ERR_CRL_BAD);
    gmtls_crl_free(x);
    free(d2);
    d2 = slurp("xa.crl.der", &len);
    gmtls_cert *xa = cert("xa.pem");
    if (d2 && xa) {
        CHECK_OK(gmtls_crl_parse(&x, d2, len));
        if (x)
            CHECK_ERR(gmtls_crl_verify(x, xa, T), GMTLS_ERR_CERT_KEY_USAGE);
        gmtls_crl_free(x);
    }
    gmtls_cert_free(xa);
    free(d2);

    /* Revocation during chain verification. */
    static const char *const ca1list[] = {"ca1.pem", NULL};
    static const char *const crls[] = {"ca1.crl", NULL};
    gmtls_trust_store *ts = store(ca1list, crls);
    CHECK_ERR(verify(ts, "revoked.pem", GMTLS_PURPOSE_ANY, NULL, 0), GMTLS_ERR_CERT_REVOKED);
    CHECK_OK(verify(ts, "server.pem", GMTLS_PURPOSE_ANY, NULL, 0));
    gmtls_trust_store_free(ts);
    /* A CRL of another issuer does not apply; root.crl is valid for ca1 itself. */
    static const char *const rootcrl[] = {"root.crl", NULL};
    ts = store(ca1list, rootcrl);
    CHECK_OK(verify(ts, "revoked.pem", GMTLS_PURPOSE_ANY, NULL, 0));
    gmtls_trust_store_free(ts);
    /* An expired CRL for the issuer fails the path. */
    static const char *const shortcrl[] = {"ca1_short.crl", NULL};
    ts = store(ca1list, shortcrl);
    CHECK_OK(verify(ts, "server.pem", GMTLS_PURPOSE_ANY, NULL, 0));
    int64_t saved = T;
    T += 2 * 3600;
    CHECK_ERR(verify(ts, "server.pem", GMTLS_PURPOSE_ANY, NULL, 0), GMTLS_ERR_CRL_EXPIRED);
    T = saved;
    gmtls_trust_store_free(ts);
    gmtls_cert_free(ca1);
    gmtls_cert_free(root);
    gmtls_cert_free(rev);
    gmtls_cert_free(srv);
}

static void test_pairs(void)
{
    gmtls_cert *s = cert("server.pem"), *e = cert("enc.pem"), *f = cert("fabric.pem"), *cl = cert("client.pem");
    if (s && e && f && cl) {
        CHECK_OK(gmtls_tlcp_pair_check(s, e, GMTLS_PAIR_DEFAULT));
        CHECK_OK(gmtls_tlcp_pair_check(s, e, GMTLS_PAIR_STRICT));
        CHECK_OK(gmtls_tlcp_pair_check(f, f, GMTLS_PAIR_FABRIC));
        CHECK_ERR(gmtls_tlcp_pair_check(f, f, GMTLS_PAIR_DEFAULT), GMTLS_ERR_CERT_PAIR);
        CHECK_ERR(gmtls_tlcp_pair_check(s, f, GMTLS_PAIR_DEFAULT), GMTLS_ERR_CERT_PAIR);
        CHECK_ERR(gmtls_tlcp_pair_check(cl, e, GMTLS_PAIR_DEFAULT), GMTLS_ERR_CERT_PAIR);
        CHECK_ERR(gmtls_tlcp_pair_check(s, cl, GMTLS_PAIR_DEFAULT), GMTLS_ERR_CERT_KEY_USAGE);
    }
    /* Encryption certificates that satisfy the default rules but not the strict ones, each for
     * its own reason. */
    static const struct {
        const char *enc;
        int strict_err;
    } strict_cases[] = {
        {"enc_de.pem", GMTLS_ERR_CERT_KEY_USAGE},   /* dataEncipherment but no keyEncipherment */
        {"enc_san.pem", GMTLS_ERR_CERT_PAIR},       /* different subjectAltName */
        {"enc_noku.pem", GMTLS_ERR_CERT_KEY_USAGE}, /* no keyUsage extension */
        {"enc_ca.pem", GMTLS_ERR_CERT_KEY_USAGE},   /* a CA certificate */
        {"enc_root.pem", GMTLS_ERR_CERT_PAIR},      /* another issuer */
    };
    for (size_t i = 0; s && i < sizeof(strict_cases) / sizeof(strict_cases[0]); i++) {
        gmtls_cert *x = cert(strict_cases[i].enc);
        if (!x)
            continue;
        CHECK_MSG(gmtls_tlcp_pair_check(s, x, GMTLS_PAIR_DEFAULT) == 0, "%s default", strict_cases[i].enc);
        int got = gmtls_tlcp_pair_check(s, x, GMTLS_PAIR_STRICT);
        CHECK_MSG(got == strict_cases[i].strict_err, "%s strict: %s", strict_cases[i].enc, gmtls_errname(got));
        gmtls_cert_free(x);
    }
    gmtls_cert_free(s);
    gmtls_cert_free(e);
    gmtls_cert_free(f);
    gmtls_cert_free(cl);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/gmtls-x509-XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        CHECK_MSG(0, "mkdtemp failed");
        return test_report();
    }
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "bash '%s' '%s' >'%s/gen.log' 2>&1", test_source_path("tests/pki/data/mkcerts_openssl.sh"),
             dir, dir);
    int rc = system(cmd);
    CHECK_MSG(rc == 0, "certificate generation failed (see %s/gen.log)", dir);
    if (rc == 0) {
        gmtls_cert *s = cert("server.pem");
        if (s) {
            int64_t nb;
            gmtls_cert_validity(s, &nb, NULL);
            T = nb + 600;
            gmtls_cert_free(s);
        }
        /* DER and PEM forms give the same certificate. */
        gmtls_cert *a = cert("server.pem"), *b = cert("server.der");
        if (a && b) {
            const uint8_t *pa, *pb;
            size_t la, lb;
            gmtls_cert_der(a, &pa, &la);
            gmtls_cert_der(b, &pb, &lb);
            CHECK(la == lb && memcmp(pa, pb, la) == 0);
        }
        gmtls_cert_free(a);
        gmtls_cert_free(b);
        test_chains();
        static const char *const ca1[] = {"ca1.pem", NULL};
        test_tamper("server.pem", ca1);
        test_tamper("ca1.pem", NULL);
        test_tamper("root.pem", NULL); /* the root is not in the chain as itself once changed */
        test_crls();
        test_pairs();
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        if (test_failed == 0 && system(cmd) != 0)
            CHECK_MSG(0, "cleanup failed");
    }
    return test_report();
}
