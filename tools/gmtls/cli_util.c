/* Helpers shared by the gmtls subcommands. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "core/hex.h"
#include "gmtls/error.h"
#include "gmtls/util.h"

int cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "gmtls %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

int cli_fail(const char *cmd, const char *what, int err)
{
    return cli_error(cmd, "%s: %s", what, gmtls_strerror(err));
}

int cli_hex_arg(const char *cmd, const char *name, const char *hex, uint8_t *out, size_t cap,
                size_t want, size_t *outlen)
{
    size_t n = 0;
    int e = gmtls_hex_decode(hex, strlen(hex), out, cap, &n);
    if (e == GMTLS_ERR_BUFFER_TOO_SMALL || (e == 0 && want && n != want)) {
        if (want)
            return cli_error(cmd, "%s must be %zu bytes (%zu hex digits)", name, want, 2 * want);
        return cli_error(cmd, "%s is too long (at most %zu bytes)", name, cap);
    }
    if (e)
        return cli_error(cmd, "%s is not valid hex", name);
    if (outlen)
        *outlen = n;
    return 0;
}

int cli_read_all(const char *cmd, const char *path, uint8_t **buf, size_t *len)
{
    FILE *f = stdin;
    if (path && strcmp(path, "-") != 0) {
        f = fopen(path, "rb");
        if (!f)
            return cli_error(cmd, "%s: %s", path, strerror(errno));
        /* The input may be a private key or plaintext: no stdio buffer keeps a copy after fclose. */
        setvbuf(f, NULL, _IONBF, 0);
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *b = malloc(cap);
    if (!b) {
        if (f != stdin)
            fclose(f);
        return cli_error(cmd, "out of memory");
    }
    for (;;) {
        if (n == cap) {
            /* Not realloc: it would free the old block with the data still in it. */
            uint8_t *nb = malloc(cap * 2);
            if (nb)
                memcpy(nb, b, n);
            gmtls_wipe(b, n);
            free(b);
            if (!nb) {
                if (f != stdin)
                    fclose(f);
                return cli_error(cmd, "out of memory");
            }
            b = nb;
            cap *= 2;
        }
        size_t r = fread(b + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    int bad = ferror(f);
    if (f != stdin)
        fclose(f);
    if (bad) {
        gmtls_wipe(b, n);
        free(b);
        return cli_error(cmd, "%s: read error", path ? path : "stdin");
    }
    *buf = b;
    *len = n;
    return 0;
}

int cli_write_all(const char *cmd, const void *buf, size_t len)
{
    if (len && fwrite(buf, 1, len, stdout) != len)
        return cli_error(cmd, "write error: %s", strerror(errno));
    if (fflush(stdout) != 0)
        return cli_error(cmd, "write error: %s", strerror(errno));
    return 0;
}

int cli_write_file(const char *cmd, const char *path, const void *data, size_t len, unsigned mode, int exclusive)
{
    if (!path || strcmp(path, "-") == 0)
        return cli_write_all(cmd, data, len);
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC);
    int fd = open(path, flags, (mode_t)mode);
    if (fd < 0) {
        if (errno == EEXIST)
            return cli_error(cmd, "%s already exists (use -force to overwrite it)", path);
        return cli_error(cmd, "%s: %s", path, strerror(errno));
    }
    /* An existing file keeps its mode with O_TRUNC: narrow it before writing (a key must not stay
     * readable by others). */
    if (fchmod(fd, (mode_t)mode) != 0) {
        int err = errno;
        close(fd);
        return cli_error(cmd, "%s: %s", path, strerror(err));
    }
    const uint8_t *p = data;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int err = errno;
            close(fd);
            return cli_error(cmd, "%s: %s", path, strerror(err));
        }
        p += w;
        len -= (size_t)w;
    }
    if (close(fd) != 0)
        return cli_error(cmd, "%s: %s", path, strerror(errno));
    return 0;
}
