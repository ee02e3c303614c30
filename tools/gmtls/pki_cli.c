/* Helpers shared by the issuing subcommands (see pki_cli.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int pki_write_file(const char *cmd, const char *path, const void *data, size_t len, unsigned mode, int exclusive)
{
    if (!path || strcmp(path, "-") == 0)
        return cli_write_all(cmd, data, len);
    int fd = open(path, O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC), (mode_t)mode);
    if (fd < 0)
        return cli_error(cmd, "%s: %s", path, strerror(errno));
    /* The file may have existed with a wider mode: narrow it before writing a secret into it. */
    if (fchmod(fd, (mode_t)mode) != 0) {
        close(fd);
        return cli_error(cmd, "%s: %s", path, strerror(errno));
    }
    const uint8_t *p = data;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, p + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int err = errno;
            close(fd);
            return cli_error(cmd, "%s: %s", path, strerror(err));
        }
        done += (size_t)n;
    }
    if (close(fd) != 0)
        return cli_error(cmd, "%s: %s", path, strerror(errno));
    return 0;
}

int pki_write_pem(const char *cmd, const char *path, const char *label, const uint8_t *der, size_t len)
{
    char *pem = NULL;
    size_t pem_len = 0;
    int e = gmtls_pem_encode(label, der, len, &pem, &pem_len);
    if (e)
        return cli_fail(cmd, "PEM encoding", e);
    int r = pki_write_file(cmd, path, pem, pem_len, 0644, 0);
    free(pem);
    return r;
}
