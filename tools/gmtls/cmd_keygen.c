/* gmtls keygen: make a fresh SM2 key pair and write it as PKCS#8 (encrypted with
 * PBKDF2-HMAC-SM3 + SM4-CBC when a password is given) or SEC1, to a new file with mode 0600. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "gmtls/error.h"
#include "gmtls/pkey.h"
#include "gmtls/sm2.h"
#include "gmtls/util.h"

#define CMD "keygen"

static void usage(FILE *f)
{
    fprintf(f, "usage: gmtls keygen [-out FILE] [-format sec1|pkcs8] [-pass SPEC [-v2prf PRF] [-iter N]] [-force]\n"
               "  -out FILE      where to write the key (default: standard output); the file is\n"
               "                 created with mode 0600 and an existing file is not overwritten\n"
               "  -format F      pkcs8 (default, \"PRIVATE KEY\") or sec1 (\"EC PRIVATE KEY\")\n"
               "  -pass SPEC     encrypt the key (PKCS#8 only) with this password:\n"
               "                 pass:TEXT, file:PATH (first line) or env:NAME\n"
               "  -v2prf PRF     PBKDF2 PRF of an encrypted key: hmacWithSM3 (default; GmSSL reads it) or\n"
               "                 hmacWithSHA256 (OpenSSL 3.0 reads it)\n"
               "  -iter N        PBKDF2 iterations (default %d)\n"
               "  -force         overwrite an existing output file\n",
            GMTLS_PBKDF2_DEFAULT_ITER);
}

int cmd_keygen(int argc, char **argv)
{
    const char *out = NULL, *format = "pkcs8", *pass_spec = NULL, *prf_name = NULL, *iter_s = NULL;
    int force = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "-help") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "-force") == 0) {
            force = 1;
            continue;
        }
        if (i + 1 >= argc) {
            usage(stderr);
            return cli_error(CMD, "unknown option or missing value: %s", a);
        }
        if (strcmp(a, "-out") == 0) {
            out = argv[++i];
        } else if (strcmp(a, "-format") == 0) {
            format = argv[++i];
        } else if (strcmp(a, "-pass") == 0) {
            pass_spec = argv[++i];
        } else if (strcmp(a, "-v2prf") == 0) {
            prf_name = argv[++i];
        } else if (strcmp(a, "-iter") == 0) {
            iter_s = argv[++i];
        } else {
            usage(stderr);
            return cli_error(CMD, "unknown option %s", a);
        }
    }
    gmtls_keyfmt fmt;
    if (cli_key_format(CMD, format, &fmt))
        return 1;
    gmtls_pbkdf2_prf prf;
    uint32_t iter;
    if (cli_pbe_opts(CMD, prf_name, iter_s, &prf, &iter))
        return 1;
    if ((prf_name || iter_s) && !pass_spec)
        return cli_error(CMD, "-v2prf and -iter apply to encrypted keys only (give -pass)");
    char *pass = NULL;
    if (pass_spec) {
        if (fmt == GMTLS_KEYFMT_SEC1)
            return cli_error(CMD, "SEC1 keys cannot be encrypted; use -format pkcs8 with -pass");
        if (cli_pass_resolve(CMD, pass_spec, &pass))
            return 1;
        if (pass[0] == '\0') {
            cli_pass_free(pass);
            return cli_error(CMD, "the password is empty");
        }
        fmt = GMTLS_KEYFMT_PKCS8_ENCRYPTED;
    }
    gmtls_sm2_key key;
    int rc = 1, e = gmtls_sm2_keygen(&key);
    char *pem = NULL;
    size_t pem_len = 0;
    if (e) {
        cli_fail(CMD, "key generation", e);
    } else if ((e = gmtls_key_to_pem_ex(&key, fmt, pass, prf, iter, &pem, &pem_len)) != 0) {
        cli_fail(CMD, "encoding the key", e);
    } else {
        rc = cli_write_file(CMD, out, pem, pem_len, 0600, !force);
    }
    gmtls_free_secret(pem, pem_len);
    gmtls_wipe(&key, sizeof(key));
    cli_pass_free(pass);
    return rc;
}
