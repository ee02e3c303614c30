/* gmtls verify: verify certificates (and TLCP signing/encryption pairs) against trusted roots. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "gmtls/error.h"
#include "gmtls/x509.h"

static const char *const CMD = "verify";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: gmtls verify -CAfile FILE [-untrusted FILE] [-crl FILE] [-purpose P] [-host NAME]\n"
            "                    [-attime UNIX] [-depth N] [-strict] [-pair SIGN ENC [-fabric]] CERT...\n"
            "  -CAfile FILE     trusted root certificates (PEM or DER); may be repeated\n"
            "  -untrusted FILE  intermediate CA candidates (PEM or DER); may be repeated\n"
            "  -crl FILE        CRLs (PEM or DER) to check revocation with; may be repeated\n"
            "  -purpose P       tlcp-sign, tlcp-enc, server, client, ca or any (default)\n"
            "  -host NAME       the certificate must match this DNS name or IP address\n"
            "  -attime UNIX     verify at this time (seconds since 1970) instead of now\n"
            "  -depth N         most certificates in a path, root included (default 10)\n"
            "  -strict          strict TLCP checks (keyUsage required, no CA end-entity; strict pair rules)\n"
            "  -pair SIGN ENC   verify SIGN as tlcp-sign, ENC as tlcp-enc, and the pair rules\n"
            "  -fabric          with -pair: one certificate used for both roles (SIGN and ENC the same)\n"
            "Each CERT file holds the certificate first, then optional intermediates. Prints\n"
            "'CERT: OK' or 'CERT: error: <reason>'; exits 2 when anything fails to verify.\n");
}

static int parse_purpose(const char *s, gmtls_purpose *p)
{
    static const struct {
        const char *name;
        gmtls_purpose p;
    } t[] = {{"tlcp-sign", GMTLS_PURPOSE_TLCP_SIGN}, {"tlcp-enc", GMTLS_PURPOSE_TLCP_ENC},
             {"server", GMTLS_PURPOSE_TLS_SERVER},   {"client", GMTLS_PURPOSE_TLS_CLIENT},
             {"ca", GMTLS_PURPOSE_CA},               {"any", GMTLS_PURPOSE_ANY}};
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (strcmp(s, t[i].name) == 0) {
            *p = t[i].p;
            return 0;
        }
    return 1;
}

typedef int (*add_fn)(gmtls_trust_store *, const uint8_t *, size_t);

static int add_file(gmtls_trust_store *ts, const char *path, add_fn fn)
{
    uint8_t *data;
    size_t len;
    if (cli_read_all(CMD, path, &data, &len))
        return 1;
    int e = fn(ts, data, len);
    free(data);
    return e ? cli_fail(CMD, path, e) : 0;
}

static int load_chain(const char *path, gmtls_cert ***certs, size_t *n)
{
    uint8_t *data;
    size_t len;
    if (cli_read_all(CMD, path, &data, &len))
        return 1;
    int e = gmtls_cert_parse_any(certs, n, data, len);
    free(data);
    return e;
}

/* Verify one file; prints the verdict; returns 0 when OK. */
static int verify_file(const gmtls_trust_store *ts, const char *path, const gmtls_verify_opts *o)
{
    gmtls_cert **certs;
    size_t n;
    int e = load_chain(path, &certs, &n);
    if (e == 1)
        return 1;
    if (e == 0) {
        e = gmtls_verify_chain(ts, (const gmtls_cert *const *)certs, n, o, NULL);
        gmtls_cert_free_all(certs, n);
    }
    if (e)
        printf("%s: error: %s\n", path, gmtls_strerror(e));
    else
        printf("%s: OK\n", path);
    return e ? 1 : 0;
}

static int verify_pair(const gmtls_trust_store *ts, const char *sign, const char *enc, gmtls_verify_opts o,
                       gmtls_pair_mode mode)
{
    gmtls_cert **sc = NULL, **ec = NULL;
    size_t sn = 0, en = 0;
    int e = load_chain(sign, &sc, &sn);
    if (e == 0)
        e = load_chain(enc, &ec, &en);
    if (e == 0) {
        /* Fabric: one certificate for both roles, so it must satisfy both usages. */
        o.purpose = GMTLS_PURPOSE_TLCP_SIGN;
        e = gmtls_verify_chain(ts, (const gmtls_cert *const *)sc, sn, &o, NULL);
        if (e == 0) {
            o.purpose = GMTLS_PURPOSE_TLCP_ENC;
            e = gmtls_verify_chain(ts, (const gmtls_cert *const *)ec, en, &o, NULL);
        }
        if (e == 0)
            e = gmtls_tlcp_pair_check(sc[0], ec[0], mode);
    }
    gmtls_cert_free_all(sc, sn);
    gmtls_cert_free_all(ec, en);
    if (e == 1)
        return 1;
    if (e)
        printf("%s + %s: error: %s\n", sign, enc, gmtls_strerror(e));
    else
        printf("%s + %s: OK\n", sign, enc);
    return e ? 1 : 0;
}

int cmd_verify(int argc, char **argv)
{
    gmtls_trust_store *ts;
    int e = gmtls_trust_store_new(&ts);
    if (e)
        return cli_fail(CMD, "trust store", e);
    gmtls_verify_opts o = {GMTLS_PURPOSE_ANY, 0, NULL, 0, 0};
    const char *pair_sign = NULL, *pair_enc = NULL;
    int strict = 0, fabric = 0, nfiles = 0, rc = 0, roots = 0;
    char **files = calloc((size_t)argc + 1, sizeof(char *));
    if (!files) {
        gmtls_trust_store_free(ts);
        return cli_error(CMD, "out of memory");
    }
    for (int i = 1; i < argc && rc == 0; i++) {
        const char *a = argv[i];
        int has_arg = i + 1 < argc;
        if (strcmp(a, "-h") == 0 || strcmp(a, "-help") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            free(files);
            gmtls_trust_store_free(ts);
            return 0;
        } else if (strcmp(a, "-CAfile") == 0 && has_arg) {
            rc = add_file(ts, argv[++i], gmtls_trust_store_add_roots);
            roots++;
        } else if (strcmp(a, "-untrusted") == 0 && has_arg) {
            rc = add_file(ts, argv[++i], gmtls_trust_store_add_untrusted);
        } else if (strcmp(a, "-crl") == 0 && has_arg) {
            rc = add_file(ts, argv[++i], gmtls_trust_store_add_crls);
        } else if (strcmp(a, "-purpose") == 0 && has_arg) {
            if (parse_purpose(argv[++i], &o.purpose))
                rc = cli_error(CMD, "unknown purpose '%s'", argv[i]);
        } else if (strcmp(a, "-host") == 0 && has_arg) {
            o.hostname = argv[++i];
        } else if (strcmp(a, "-attime") == 0 && has_arg) {
            char *end;
            long long t = strtoll(argv[++i], &end, 10);
            if (*end || t <= 0)
                rc = cli_error(CMD, "-attime needs a positive number of seconds");
            o.time = t;
        } else if (strcmp(a, "-depth") == 0 && has_arg) {
            char *end;
            long d = strtol(argv[++i], &end, 10);
            if (*end || d < 1 || d > 32)
                rc = cli_error(CMD, "-depth must be 1..32");
            o.max_depth = (unsigned)d;
        } else if (strcmp(a, "-strict") == 0) {
            strict = 1;
        } else if (strcmp(a, "-fabric") == 0) {
            fabric = 1;
        } else if (strcmp(a, "-pair") == 0 && i + 2 < argc) {
            pair_sign = argv[++i];
            pair_enc = argv[++i];
        } else if (a[0] == '-' && a[1] != 0) {
            usage(stderr);
            rc = cli_error(CMD, "unknown or incomplete option '%s'", a);
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (rc == 0 && roots == 0)
        rc = cli_error(CMD, "-CAfile is required");
    if (rc == 0 && nfiles == 0 && !pair_sign)
        rc = cli_error(CMD, "no certificate to verify");
    if (rc == 0 && strict && fabric)
        rc = cli_error(CMD, "-strict and -fabric exclude each other");
    if (rc == 0) {
        int failed = 0;
        if (strict)
            o.flags |= GMTLS_VERIFY_STRICT_TLCP;
        for (int i = 0; i < nfiles; i++)
            failed |= verify_file(ts, files[i], &o);
        if (pair_sign)
            failed |= verify_pair(ts, pair_sign, pair_enc, o,
                                  fabric ? GMTLS_PAIR_FABRIC : strict ? GMTLS_PAIR_STRICT : GMTLS_PAIR_DEFAULT);
        rc = failed ? 2 : 0;
    }
    free(files);
    gmtls_trust_store_free(ts);
    return rc;
}
