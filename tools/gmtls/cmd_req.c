/* gmtls req: make a PKCS#10 certification request, or check and show one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "core/hex.h"
#include "gmtls/error.h"
#include "gmtls/issue.h"
#include "gmtls/pem.h"
#include "gmtls/util.h"
#include "gmtls/x509.h"
#include "pki/oid.h"
#include "pki_cli.h"

static const char *const CMD = "req";

static void usage(FILE *f)
{
    fprintf(f, "usage: gmtls req -key FILE [-passin SPEC] -subj /C=CN/O=Org/CN=name [-san LIST] [-out FILE]\n"
               "                [-outform pem|der]\n"
               "       gmtls req -in FILE [-verify] [-text] [-noout] [-out FILE]\n\n"
               "  -key FILE    the SM2 private key whose public key is requested\n"
               "  -passin SPEC password of an encrypted key: pass:TEXT, file:PATH or env:VAR\n"
               "  -subj NAME   subject, one attribute per '/' (C, ST, L, O, OU, CN, ...); '\\/' for a slash\n"
               "  -san LIST    subjectAltName: DNS:name,IP:addr,email:addr,URI:uri (comma separated)\n"
               "  -in FILE     read a request (PEM or DER) instead of making one\n"
               "  -verify      check the request's signature (SM2-with-SM3, ID 1234567812345678)\n"
               "  -text        print the request's contents\n"
               "  -noout       do not print the request itself\n");
}

static void print_text(const gmtls_csr *csr)
{
    const uint8_t *p, *oid, *val;
    size_t n, ol, vl;
    char buf[1024];
    int crit;
    gmtls_csr_subject_der(csr, &p, &n);
    if (gmtls_name_to_text(p, n, buf, sizeof(buf)) < 0)
        snprintf(buf, sizeof(buf), "(unprintable)");
    printf("Certificate Request:\n    Subject: %s\n", buf);
    uint8_t pt[65];
    size_t pl;
    char hex[131];
    gmtls_sm2_pubkey_to_octets(gmtls_csr_pubkey(csr), 0, pt, &pl);
    gmtls_hex_encode(pt, pl, hex);
    printf("    Public key: SM2\n        %s\n", hex);
    size_t count = gmtls_csr_ext_count(csr);
    if (count)
        printf("    Requested extensions:\n");
    for (size_t i = 0; i < count; i++) {
        if (gmtls_csr_ext(csr, i, &oid, &ol, &crit, &val, &vl) != 0)
            break;
        int id = gmtls_oid_lookup(oid, ol);
        if (id != GMTLS_OID_UNKNOWN)
            snprintf(buf, sizeof(buf), "%s", gmtls_oid_name(id));
        else if (gmtls_oid_to_text(oid, ol, buf, sizeof(buf)) < 0)
            snprintf(buf, sizeof(buf), "(bad OID)");
        printf("        %s%s\n", buf, crit ? " (critical)" : "");
        if (id == GMTLS_OID_CE_SUBJECT_ALT_NAME) {
            gmtls_general_name gn;
            for (size_t k = 0; gmtls_san_get(val, vl, k, &gn) == 0; k++)
                if (gmtls_general_name_to_text(&gn, buf, sizeof(buf)) == 0)
                    printf("            %s\n", buf);
        }
    }
    printf("    Signature algorithm: SM2-with-SM3\n");
}

static int show(const char *in, int verify, int text, int noout, const char *out)
{
    uint8_t *data;
    size_t len;
    gmtls_csr *csr = NULL;
    int e, rc = 0;
    if (cli_read_all(CMD, in, &data, &len))
        return 1;
    e = gmtls_csr_parse(&csr, data, len);
    free(data);
    if (e)
        return cli_error(CMD, "%s: not a valid certification request: %s", in, gmtls_strerror(e));
    if (verify) {
        e = gmtls_csr_verify(csr);
        if (e) {
            rc = cli_error(CMD, "%s: signature verification failed: %s", in, gmtls_strerror(e));
        } else {
            fprintf(stderr, "verify OK\n");
        }
    }
    if (text)
        print_text(csr);
    if (rc == 0 && (out || (!noout && !text && !verify))) {
        const uint8_t *der;
        size_t dl;
        gmtls_csr_der(csr, &der, &dl);
        rc = pki_write_pem(CMD, out, "CERTIFICATE REQUEST", der, dl);
    }
    gmtls_csr_free(csr);
    return rc;
}

int cmd_req(int argc, char **argv)
{
    const char *key_path = NULL, *passin = NULL, *subj = NULL, *san = NULL, *out = NULL, *in = NULL;
    const char *outform = "pem";
    int verify = 0, text = 0, noout = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-verify") == 0) {
            verify = 1;
        } else if (strcmp(a, "-text") == 0) {
            text = 1;
        } else if (strcmp(a, "-noout") == 0) {
            noout = 1;
        } else if (!has) {
            usage(stderr);
            return cli_error(CMD, "%s: missing value or unknown option", a);
        } else if (strcmp(a, "-key") == 0) {
            key_path = argv[++i];
        } else if (strcmp(a, "-passin") == 0) {
            passin = argv[++i];
        } else if (strcmp(a, "-subj") == 0) {
            subj = argv[++i];
        } else if (strcmp(a, "-san") == 0) {
            san = argv[++i];
        } else if (strcmp(a, "-out") == 0) {
            out = argv[++i];
        } else if (strcmp(a, "-in") == 0) {
            in = argv[++i];
        } else if (strcmp(a, "-outform") == 0) {
            outform = argv[++i];
        } else {
            usage(stderr);
            return cli_error(CMD, "unknown option %s", a);
        }
    }
    if (in) {
        if (key_path || subj || san)
            return cli_error(CMD, "-in cannot be combined with -key, -subj or -san");
        return show(in, verify, text, noout, out);
    }
    if (!key_path || !subj) {
        usage(stderr);
        return cli_error(CMD, "-key and -subj are required to make a request");
    }
    if (strcmp(outform, "pem") != 0 && strcmp(outform, "der") != 0)
        return cli_error(CMD, "-outform: expected pem or der");

    gmtls_sm2_key key;
    uint8_t *name = NULL, *alt = NULL, *der = NULL;
    size_t name_len = 0, alt_len = 0, der_len = 0;
    int e, rc = 1;
    if (pki_load_key(CMD, key_path, passin, &key))
        return 1;
    if ((e = gmtls_subject_from_text(subj, &name, &name_len)) != 0) {
        cli_error(CMD, "-subj '%s': expected /ATTR=value/... with ATTR one of C, ST, L, O, OU, CN, street, "
                       "serialNumber, DC, UID, emailAddress (C is two letters)",
                  subj);
        goto out;
    }
    if (san && (e = gmtls_san_from_text(san, &alt, &alt_len)) != 0) {
        cli_error(CMD, "-san '%s': expected a comma-separated list of DNS:name, IP:address, email:address, URI:uri",
                  san);
        goto out;
    }
    if ((e = gmtls_csr_create(&key, name, name_len, alt, alt_len, &der, &der_len)) != 0) {
        cli_fail(CMD, "making the request", e);
        goto out;
    }
    if (text) {
        gmtls_csr *csr = NULL;
        if (gmtls_csr_parse(&csr, der, der_len) == 0) {
            print_text(csr);
            gmtls_csr_free(csr);
        }
    }
    if (strcmp(outform, "der") == 0)
        rc = cli_write_file(CMD, out, der, der_len, 0644, 0);
    else
        rc = (noout && !out) ? 0 : pki_write_pem(CMD, out, "CERTIFICATE REQUEST", der, der_len);
out:
    gmtls_wipe(&key, sizeof(key));
    free(name);
    free(alt);
    free(der);
    return rc;
}
