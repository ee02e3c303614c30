/* gmtls x509: read certificates (PEM with any number of them, or one DER) and print or convert them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "gmtls/error.h"
#include "gmtls/pem.h"
#include "gmtls/x509.h"

static const char *const CMD = "x509";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: gmtls x509 [-in FILE] [-text] [-noout] [-outform pem|der] [-fingerprint]\n"
            "                  [-subject] [-issuer] [-serial] [-dates]\n"
            "  -in FILE        certificate file, PEM (several certificates allowed) or DER; default stdin\n"
            "  -text           print every field and extension in readable form\n"
            "  -noout          do not print the encoded certificate\n"
            "  -outform FMT    encoding of the certificate output: pem (default) or der (first certificate only)\n"
            "  -fingerprint    print the SM3 fingerprint of the DER encoding\n"
            "  -subject, -issuer, -serial, -dates   print that field on one line\n");
}

static void print_name(const char *label, const uint8_t *der, size_t len)
{
    char buf[2048];
    int e = gmtls_name_to_text(der, len, buf, sizeof(buf));
    printf("%s=%s%s\n", label, buf, e == GMTLS_ERR_BUFFER_TOO_SMALL ? "..." : "");
}

static void print_time(const char *label, int64_t t)
{
    /* gmtime_r handles the whole range a certificate can carry on 64-bit time_t systems. */
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[64];
    if (gmtime_r(&tt, &tm) && strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm) > 0)
        printf("%s=%s\n", label, buf);
    else
        printf("%s=%lld\n", label, (long long)t);
}

int cmd_x509(int argc, char **argv)
{
    const char *in = NULL, *outform = "pem";
    int text = 0, noout = 0, fingerprint = 0, subject = 0, issuer = 0, serial = 0, dates = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "-help") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-in") == 0 && i + 1 < argc) {
            in = argv[++i];
        } else if (strcmp(a, "-outform") == 0 && i + 1 < argc) {
            outform = argv[++i];
            if (strcmp(outform, "pem") != 0 && strcmp(outform, "der") != 0 && strcmp(outform, "PEM") != 0 &&
                strcmp(outform, "DER") != 0)
                return cli_error(CMD, "-outform must be pem or der");
        } else if (strcmp(a, "-text") == 0) {
            text = 1;
        } else if (strcmp(a, "-noout") == 0) {
            noout = 1;
        } else if (strcmp(a, "-fingerprint") == 0) {
            fingerprint = 1;
        } else if (strcmp(a, "-subject") == 0) {
            subject = 1;
        } else if (strcmp(a, "-issuer") == 0) {
            issuer = 1;
        } else if (strcmp(a, "-serial") == 0) {
            serial = 1;
        } else if (strcmp(a, "-dates") == 0) {
            dates = 1;
        } else {
            usage(stderr);
            return cli_error(CMD, "unknown or incomplete option '%s'", a);
        }
    }
    uint8_t *data;
    size_t len;
    if (cli_read_all(CMD, in, &data, &len))
        return 1;
    gmtls_cert **certs;
    size_t n;
    int e = gmtls_cert_parse_any(&certs, &n, data, len);
    free(data);
    if (e)
        return cli_fail(CMD, in ? in : "stdin", e);
    int der_out = outform[0] == 'd' || outform[0] == 'D';
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        const gmtls_cert *c = certs[k];
        const uint8_t *p;
        size_t l;
        if (subject) {
            gmtls_cert_subject_der(c, &p, &l);
            print_name("subject", p, l);
        }
        if (issuer) {
            gmtls_cert_issuer_der(c, &p, &l);
            print_name("issuer", p, l);
        }
        if (serial) {
            gmtls_cert_serial(c, &p, &l);
            printf("serial=");
            for (size_t i = 0; i < l; i++)
                printf("%02X", p[i]);
            printf("\n");
        }
        if (dates) {
            int64_t nb, na;
            gmtls_cert_validity(c, &nb, &na);
            print_time("notBefore", nb);
            print_time("notAfter", na);
        }
        if (fingerprint) {
            uint8_t fp[32];
            gmtls_cert_fingerprint(c, fp);
            printf("SM3 Fingerprint=");
            for (size_t i = 0; i < 32; i++)
                printf("%02X%s", fp[i], i == 31 ? "\n" : ":");
        }
        if (text) {
            char *t;
            size_t tl;
            if ((e = gmtls_cert_to_text(c, &t, &tl)) != 0) {
                rc = cli_fail(CMD, "text", e);
                break;
            }
            fwrite(t, 1, tl, stdout);
            free(t);
        }
        if (!noout) {
            gmtls_cert_der(c, &p, &l);
            if (der_out) {
                if (k == 0)
                    rc = cli_write_all(CMD, p, l);
            } else {
                char *pem;
                size_t pl;
                if ((e = gmtls_pem_encode("CERTIFICATE", p, l, &pem, &pl)) != 0) {
                    rc = cli_fail(CMD, "PEM", e);
                    break;
                }
                rc = cli_write_all(CMD, pem, pl);
                free(pem);
            }
        }
    }
    if (fflush(stdout) != 0 && rc == 0)
        rc = cli_error(CMD, "write error");
    gmtls_cert_free_all(certs, n);
    return rc;
}
