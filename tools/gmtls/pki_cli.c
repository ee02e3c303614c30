/* Helpers shared by the issuing subcommands (see pki_cli.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "gmtls/error.h"
#include "gmtls/issue.h"
#include "gmtls/pem.h"
#include "gmtls/pkey.h"
#include "gmtls/util.h"
#include "pki_cli.h"

int pki_load_key(const char *cmd, const char *path, const char *passin_spec, gmtls_sm2_key *key)
{
    uint8_t *buf;
    size_t len;
    char *pass = NULL;
    int e;
    if (cli_read_all(cmd, path, &buf, &len))
        return 1;
    if (passin_spec && cli_pass_resolve(cmd, passin_spec, &pass)) {
        gmtls_free_secret(buf, len);
        return 1;
    }
    if (!pass && gmtls_key_is_encrypted(buf, len)) {
        gmtls_free_secret(buf, len);
        return cli_error(cmd, "%s: the key is encrypted; give its password with -passin", path);
    }
    e = gmtls_key_parse(key, buf, len, pass);
    cli_pass_free(pass);
    gmtls_free_secret(buf, len);
    if (e)
        return cli_error(cmd, "%s: %s", path, gmtls_strerror(e));
    return 0;
}

int pki_parse_days(const char *cmd, const char *opt, const char *s, unsigned *days)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v == 0)
        return cli_error(cmd, "%s: expected a number of days, got '%s'", opt, s);
    if (v > GMTLS_ISSUE_MAX_DAYS)
        return cli_error(cmd, "%s %lu: at most %d days (about 10 years) are allowed; GmSSL rejects certificates "
                              "valid for longer",
                         opt, v, GMTLS_ISSUE_MAX_DAYS);
    *days = (unsigned)v;
    return 0;
}

int pki_write_pem(const char *cmd, const char *path, const char *label, const uint8_t *der, size_t len)
{
    char *pem = NULL;
    size_t pem_len = 0;
    int e = gmtls_pem_encode(label, der, len, &pem, &pem_len);
    if (e)
        return cli_fail(cmd, "PEM encoding", e);
    int r = cli_write_file(cmd, path, pem, pem_len, 0644, 0);
    free(pem);
    return r;
}
