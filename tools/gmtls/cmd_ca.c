/* gmtls ca: issue a certificate from a request or a public key, or make a self-signed root. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "gmtls/error.h"
#include "gmtls/issue.h"
#include "gmtls/pkey.h"
#include "gmtls/util.h"
#include "gmtls/x509.h"
#include "pki_cli.h"

static const char *const CMD = "ca";

static void usage(FILE *f)
{
    fprintf(f,
            "usage: gmtls ca -cacert FILE -cakey FILE [-passin SPEC] (-in REQ | -pubkey FILE) [-subj NAME]\n"
            "                -profile PROFILE [-days N] [-san LIST] [-pathlen N] [-out FILE] [-outform pem|der]\n"
            "       gmtls ca -selfsign -key FILE [-passin SPEC] -subj NAME [-days N] [-pathlen N] [-out FILE]\n\n"
            "  -cacert, -cakey  the issuing CA's certificate and private key\n"
            "  -passin SPEC     password of an encrypted key: pass:TEXT, file:PATH or env:VAR\n"
            "  -in REQ          a PKCS#10 request (its signature is checked; subject and SAN are taken from it)\n"
            "  -pubkey FILE     a public key (PEM or DER SubjectPublicKeyInfo) instead of a request; needs -subj\n"
            "  -subj NAME       subject (/C=CN/O=Org/CN=name); overrides the request's\n"
            "  -profile P       ca, sign, enc, client-sign, client-enc or fabric\n"
            "  -days N          validity in days (default 365, 3650 for -selfsign; at most %d)\n"
            "  -san LIST        subjectAltName DNS:..,IP:..,email:..,URI:..; overrides the request's\n"
            "  -pathlen N       pathLenConstraint for the ca profile\n"
            "  -selfsign        make a self-signed CA certificate (a root) for -key\n",
            GMTLS_ISSUE_MAX_DAYS);
}

int cmd_ca(int argc, char **argv)
{
    const char *cacert = NULL, *cakey = NULL, *key_path = NULL, *passin = NULL, *in = NULL, *pubkey = NULL;
    const char *subj = NULL, *profile_name = NULL, *days_s = NULL, *san = NULL, *out = NULL, *pathlen_s = NULL;
    const char *outform = "pem";
    int selfsign = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "-selfsign") == 0) {
            selfsign = 1;
            continue;
        }
        const char **slot = NULL;
        if (strcmp(a, "-cacert") == 0)
            slot = &cacert;
        else if (strcmp(a, "-cakey") == 0)
            slot = &cakey;
        else if (strcmp(a, "-key") == 0)
            slot = &key_path;
        else if (strcmp(a, "-passin") == 0)
            slot = &passin;
        else if (strcmp(a, "-in") == 0)
            slot = &in;
        else if (strcmp(a, "-pubkey") == 0)
            slot = &pubkey;
        else if (strcmp(a, "-subj") == 0)
            slot = &subj;
        else if (strcmp(a, "-profile") == 0)
            slot = &profile_name;
        else if (strcmp(a, "-days") == 0)
            slot = &days_s;
        else if (strcmp(a, "-san") == 0)
            slot = &san;
        else if (strcmp(a, "-out") == 0)
            slot = &out;
        else if (strcmp(a, "-pathlen") == 0)
            slot = &pathlen_s;
        else if (strcmp(a, "-outform") == 0)
            slot = &outform;
        if (!slot) {
            usage(stderr);
            return cli_error(CMD, "unknown option %s", a);
        }
        if (i + 1 >= argc)
            return cli_error(CMD, "%s needs a value", a);
        *slot = argv[++i];
    }

    gmtls_issue_params p;
    memset(&p, 0, sizeof(p));
    p.path_len = -1;
    p.profile = selfsign ? GMTLS_PROFILE_CA : GMTLS_PROFILE_SIGN;
    p.days = selfsign ? 3650 : 365;
    if (profile_name && gmtls_profile_from_name(profile_name, &p.profile) != 0)
        return cli_error(CMD, "-profile %s: expected ca, sign, enc, client-sign, client-enc or fabric", profile_name);
    if (!selfsign && !profile_name)
        return cli_error(CMD, "-profile is required (ca, sign, enc, client-sign, client-enc or fabric)");
    if (days_s && pki_parse_days(CMD, "-days", days_s, &p.days))
        return 1;
    if (pathlen_s) {
        char *end;
        errno = 0;
        long v = strtol(pathlen_s, &end, 10);
        if (errno || *end || end == pathlen_s || v < 0 || v > 64)
            return cli_error(CMD, "-pathlen: expected a number from 0 to 64");
        if (p.profile != GMTLS_PROFILE_CA)
            return cli_error(CMD, "-pathlen only applies to the ca profile");
        p.path_len = (int)v;
    }
    if (strcmp(outform, "pem") != 0 && strcmp(outform, "der") != 0)
        return cli_error(CMD, "-outform: expected pem or der");
    if (selfsign) {
        if (!key_path || !subj)
            return cli_error(CMD, "-selfsign needs -key and -subj");
        if (cacert || cakey || in || pubkey)
            return cli_error(CMD, "-selfsign cannot be combined with -cacert, -cakey, -in or -pubkey");
    } else {
        if (!cacert || !cakey)
            return cli_error(CMD, "-cacert and -cakey are required (or -selfsign for a root)");
        if (!in == !pubkey)
            return cli_error(CMD, "give exactly one of -in REQ or -pubkey FILE");
        if (pubkey && !subj)
            return cli_error(CMD, "-pubkey needs -subj");
        if (key_path)
            return cli_error(CMD, "-key is for -selfsign; the CA key is -cakey");
    }

    int rc = 1, e;
    gmtls_sm2_key key;
    gmtls_sm2_pubkey pub;
    gmtls_cert *ca = NULL;
    gmtls_csr *csr = NULL;
    gmtls_issuer iss;
    uint8_t *name = NULL, *alt = NULL, *der = NULL, *buf = NULL;
    size_t name_len = 0, alt_len = 0, der_len = 0, len = 0;
    memset(&key, 0, sizeof(key));

    if (pki_load_key(CMD, selfsign ? key_path : cakey, passin, &key))
        goto out;
    if (subj) {
        if (gmtls_subject_from_text(subj, &name, &name_len) != 0) {
            cli_error(CMD, "-subj '%s': expected /ATTR=value/... with ATTR one of C, ST, L, O, OU, CN, street, "
                           "serialNumber, DC, UID, emailAddress (C is two letters)",
                      subj);
            goto out;
        }
        p.subject = name;
        p.subject_len = name_len;
    }
    if (san) {
        if (gmtls_san_from_text(san, &alt, &alt_len) != 0) {
            cli_error(CMD, "-san '%s': expected a comma-separated list of DNS:name, IP:address, email:address, URI:uri",
                      san);
            goto out;
        }
        p.san = alt;
        p.san_len = alt_len;
    }

    if (selfsign) {
        if ((e = gmtls_cert_self_sign(&p, &key, &der, &der_len)) != 0) {
            cli_fail(CMD, "issuing", e);
            goto out;
        }
    } else {
        if (cli_read_all(CMD, cacert, &buf, &len))
            goto out;
        gmtls_cert **certs = NULL;
        size_t n = 0;
        e = gmtls_cert_parse_any(&certs, &n, buf, len);
        free(buf);
        buf = NULL;
        if (e) {
            cli_error(CMD, "%s: not a certificate: %s", cacert, gmtls_strerror(e));
            goto out;
        }
        /* the first certificate of the file is the CA's own */
        e = gmtls_cert_dup(&ca, certs[0]);
        gmtls_cert_free_all(certs, n);
        if (e) {
            cli_fail(CMD, cacert, e);
            goto out;
        }
        if ((e = gmtls_issuer_from_cert(&iss, ca, &key)) != 0) {
            if (e == GMTLS_ERR_BAD_KEY)
                cli_error(CMD, "%s does not belong to the certificate %s", cakey, cacert);
            else if (e == GMTLS_ERR_CERT_NOT_CA || e == GMTLS_ERR_CERT_KEY_USAGE)
                cli_error(CMD, "%s is not a CA certificate (needs basicConstraints cA and keyCertSign)", cacert);
            else
                cli_fail(CMD, cacert, e);
            goto out;
        }
        if (in) {
            if (cli_read_all(CMD, in, &buf, &len))
                goto out;
            e = gmtls_csr_parse(&csr, buf, len);
            if (e) {
                cli_error(CMD, "%s: not a valid certification request: %s", in, gmtls_strerror(e));
                goto out;
            }
            /* RFC 2986 3: the signature proves possession of the private key */
            if ((e = gmtls_csr_verify(csr)) != 0) {
                cli_error(CMD, "%s: the request's signature does not verify: %s", in, gmtls_strerror(e));
                goto out;
            }
            if (!p.subject)
                gmtls_csr_subject_der(csr, &p.subject, &p.subject_len);
            if (!p.san && gmtls_csr_san(csr, &p.san, &p.san_len) != 0)
                p.san = NULL;
            p.pubkey = gmtls_csr_pubkey(csr);
            if (p.subject_len <= 2) {
                cli_error(CMD, "%s has an empty subject; give one with -subj", in);
                goto out;
            }
        } else {
            if (cli_read_all(CMD, pubkey, &buf, &len))
                goto out;
            if ((e = gmtls_pubkey_parse(&pub, buf, len)) != 0) {
                cli_error(CMD, "%s: not an SM2 public key: %s", pubkey, gmtls_strerror(e));
                goto out;
            }
            p.pubkey = &pub;
        }
        if ((e = gmtls_cert_issue(&p, &iss, &der, &der_len)) != 0) {
            cli_fail(CMD, "issuing", e);
            goto out;
        }
    }
    if (strcmp(outform, "der") == 0)
        rc = cli_write_file(CMD, out, der, der_len, 0644, 0);
    else
        rc = pki_write_pem(CMD, out, "CERTIFICATE", der, der_len);
out:
    gmtls_wipe(&key, sizeof(key));
    gmtls_cert_free(ca);
    gmtls_csr_free(csr);
    free(name);
    free(alt);
    free(der);
    free(buf);
    return rc;
}
