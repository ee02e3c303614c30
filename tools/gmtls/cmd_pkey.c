/* gmtls pkey: read an SM2 private key in any supported form (SEC1, PKCS#8, encrypted PKCS#8; PEM
 * or DER), and write it in another form, print its public key, or describe it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "gmtls/error.h"
#include "gmtls/pkey.h"
#include "gmtls/sm2.h"
#include "gmtls/util.h"

#define CMD "pkey"

static void usage(FILE *f)
{
    fprintf(f, "usage: gmtls pkey -in FILE [-passin SPEC] [-out FILE] [-format sec1|pkcs8] [-passout SPEC]\n"
               "                  [-v2prf PRF] [-iter N] [-pubout] [-text] [-noout]\n"
               "  -in FILE       private key: SEC1, PKCS#8 or encrypted PKCS#8, PEM or DER (- for stdin)\n"
               "  -passin SPEC   password of an encrypted key: pass:TEXT, file:PATH or env:NAME;\n"
               "                 asked for on the terminal when the key is encrypted and none is given\n"
               "  -out FILE      output (default: standard output); private keys get mode 0600\n"
               "  -format F      private key output: pkcs8 (default) or sec1\n"
               "  -passout SPEC  encrypt the output (PKCS#8, PBKDF2 + SM4-CBC)\n"
               "  -v2prf PRF     PBKDF2 PRF with -passout: hmacWithSM3 (default; GmSSL reads it) or\n"
               "                 hmacWithSHA256 (OpenSSL 3.0 reads it)\n"
               "  -iter N        PBKDF2 iterations with -passout (default %d)\n"
               "  -pubout        write the public key (\"PUBLIC KEY\", SubjectPublicKeyInfo) instead\n"
               "  -text          print the key's fields\n"
               "  -noout         do not write the key (with -text: only the description)\n",
            GMTLS_PBKDF2_DEFAULT_ITER);
}

static const char *fmt_name(gmtls_keyfmt f)
{
    return f == GMTLS_KEYFMT_SEC1 ? "SEC1 ECPrivateKey" : f == GMTLS_KEYFMT_PKCS8 ? "PKCS#8" : "encrypted PKCS#8";
}

static void print_hex(FILE *f, const char *label, const uint8_t *p, size_t n)
{
    fprintf(f, "%s:\n", label);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%02x%s", i % 16 == 0 ? "    " : "", p[i], i + 1 == n ? "\n" : (i % 16 == 15 ? ":\n" : ":"));
}

static int load(const char *in, const char *passin_spec, gmtls_sm2_key *key, gmtls_keyfmt *fmt)
{
    uint8_t *data;
    size_t len;
    if (cli_read_all(CMD, in, &data, &len))
        return 1;
    char *pass = NULL;
    int rc = 0;
    if (passin_spec) {
        rc = cli_pass_resolve(CMD, passin_spec, &pass);
    } else if (gmtls_key_is_encrypted(data, len)) {
        char prompt[300];
        snprintf(prompt, sizeof(prompt), "Password for %s: ", in && strcmp(in, "-") ? in : "the key");
        rc = cli_pass_prompt(CMD, prompt, &pass);
    }
    if (rc == 0) {
        char what[160];
        int e = gmtls_key_parse_ex(key, data, len, pass, fmt, what, sizeof(what));
        const char *name = in ? in : "-";
        if (e == GMTLS_ERR_UNKNOWN_ALGORITHM && what[0])
            rc = cli_error(CMD, "%s: unsupported algorithm: %s (gmtls reads PBES2 with PBKDF2-HMAC-SM3 or "
                                "-HMAC-SHA256 and SM4-CBC)",
                           name, what);
        else if (e == GMTLS_ERR_UNKNOWN_ALGORITHM)
            rc = cli_error(CMD, "%s: not an SM2 key (unsupported key algorithm or curve)", name);
        else if (e == GMTLS_ERR_BAD_PASSWORD)
            rc = cli_error(CMD, "%s: %s", name,
                           pass ? "wrong password (or a corrupted key)" : "the key is encrypted; give -passin");
        else if (e == GMTLS_ERR_KEY_FORMAT && what[0])
            rc = cli_error(CMD, "%s: %s is not accepted", name, what);
        else if (e)
            rc = cli_fail(CMD, name, e);
    }
    cli_pass_free(pass);
    gmtls_wipe(data, len);
    free(data);
    return rc;
}

int cmd_pkey(int argc, char **argv)
{
    const char *in = NULL, *out = NULL, *format = "pkcs8", *passin = NULL, *passout = NULL, *prf_name = NULL,
               *iter_s = NULL;
    int pubout = 0, text = 0, noout = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "-help") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "-pubout") == 0) {
            pubout = 1;
            continue;
        }
        if (strcmp(a, "-text") == 0) {
            text = 1;
            continue;
        }
        if (strcmp(a, "-noout") == 0) {
            noout = 1;
            continue;
        }
        if (i + 1 >= argc) {
            usage(stderr);
            return cli_error(CMD, "unknown option or missing value: %s", a);
        }
        if (strcmp(a, "-in") == 0)
            in = argv[++i];
        else if (strcmp(a, "-out") == 0)
            out = argv[++i];
        else if (strcmp(a, "-format") == 0)
            format = argv[++i];
        else if (strcmp(a, "-passin") == 0)
            passin = argv[++i];
        else if (strcmp(a, "-passout") == 0)
            passout = argv[++i];
        else if (strcmp(a, "-v2prf") == 0)
            prf_name = argv[++i];
        else if (strcmp(a, "-iter") == 0)
            iter_s = argv[++i];
        else {
            usage(stderr);
            return cli_error(CMD, "unknown option %s", a);
        }
    }
    if (!in) {
        usage(stderr);
        return cli_error(CMD, "-in is required");
    }
    gmtls_keyfmt ofmt;
    if (cli_key_format(CMD, format, &ofmt))
        return 1;
    if (passout && ofmt == GMTLS_KEYFMT_SEC1)
        return cli_error(CMD, "SEC1 keys cannot be encrypted; use -format pkcs8 with -passout");
    gmtls_pbkdf2_prf prf;
    uint32_t iter;
    if (cli_pbe_opts(CMD, prf_name, iter_s, &prf, &iter))
        return 1;
    if ((prf_name || iter_s) && !passout)
        return cli_error(CMD, "-v2prf and -iter apply to encrypted output only (give -passout)");
    if (passout && pubout)
        return cli_error(CMD, "-passout does not apply to -pubout (public keys are not encrypted)");

    gmtls_sm2_key key;
    gmtls_keyfmt infmt = GMTLS_KEYFMT_PKCS8;
    if (load(in, passin, &key, &infmt))
        return 1;
    int rc = 0;
    char *pem = NULL, *pass = NULL;
    size_t pem_len = 0;
    if (text) {
        uint8_t d[32], pt[65];
        size_t pl;
        gmtls_sm2_pubkey_to_octets(&key.pub, 0, pt, &pl);
        FILE *f = out && strcmp(out, "-") && !noout ? stderr : stdout;
        if (pubout) {
            fprintf(f, "SM2 public key (curve sm2p256v1)\n");
        } else {
            fprintf(f, "SM2 private key (curve sm2p256v1), read as %s\n", fmt_name(infmt));
            gmtls_sm2_key_to_bytes(&key, d);
            print_hex(f, "priv", d, sizeof(d));
            gmtls_wipe(d, sizeof(d));
        }
        print_hex(f, "pub", pt, pl);
        fflush(f);
    }
    if (!noout) {
        int e;
        if (pubout) {
            e = gmtls_pubkey_to_pem(&key.pub, &pem, &pem_len);
            if (e)
                rc = cli_fail(CMD, "encoding the public key", e);
            else if (out && strcmp(out, "-") != 0) {
                FILE *f = fopen(out, "w");
                if (!f || fwrite(pem, 1, pem_len, f) != pem_len || fclose(f) != 0)
                    rc = cli_error(CMD, "cannot write %s", out);
            } else {
                rc = cli_write_all(CMD, pem, pem_len);
            }
        } else {
            if (passout) {
                rc = cli_pass_resolve(CMD, passout, &pass);
                if (rc == 0 && pass[0] == '\0')
                    rc = cli_error(CMD, "the output password is empty");
                ofmt = GMTLS_KEYFMT_PKCS8_ENCRYPTED;
            }
            if (rc == 0) {
                e = gmtls_key_to_pem_ex(&key, ofmt, pass, prf, iter, &pem, &pem_len);
                if (e)
                    rc = cli_fail(CMD, "encoding the key", e);
                else
                    rc = cli_write_file(CMD, out, pem, pem_len, 0600, 0);
            }
        }
    }
    gmtls_free_secret(pem, pem_len);
    cli_pass_free(pass);
    gmtls_wipe(&key, sizeof(key));
    return rc;
}
