/* Passwords and private key files for the gmtls subcommands: "-pass pass:TEXT | file:PATH |
 * env:NAME" and a no-echo prompt on /dev/tty when a password is needed and none was given.
 * Password buffers are wiped by cli_pass_free. Also the private key output options shared by
 * keygen and pkey (-format, -v2prf, -iter). Key files are written by cli_write_file, mode 0600. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cmd.h"
#include "gmtls/pkey.h"
#include "gmtls/util.h"

#define PASS_MAX 1024

static char *dup_secret(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* First line of a file, without its line end. */
static int pass_from_file(const char *cmd, const char *path, char **out)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return cli_error(cmd, "password file %s: %s", path, strerror(errno));
    setvbuf(f, NULL, _IONBF, 0); /* no stdio buffer keeps a copy of the password after fclose */
    char buf[PASS_MAX + 2];
    size_t n = 0;
    int c, nul = 0;
    while ((c = fgetc(f)) != EOF && c != '\n' && n < sizeof(buf) - 1) {
        nul |= c == 0;
        buf[n++] = (char)c;
    }
    fclose(f);
    if (n > PASS_MAX) {
        gmtls_wipe(buf, sizeof(buf));
        return cli_error(cmd, "password in %s is longer than %d bytes", path, PASS_MAX);
    }
    /* Passwords are C strings from here on: a NUL would silently cut the password short (a
     * weaker key than the file suggests) and leave the rest unwiped by cli_pass_free. */
    if (nul) {
        gmtls_wipe(buf, sizeof(buf));
        return cli_error(cmd, "password in %s contains a NUL byte", path);
    }
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    *out = dup_secret(buf, n);
    gmtls_wipe(buf, sizeof(buf));
    return *out ? 0 : cli_error(cmd, "out of memory");
}

int cli_pass_resolve(const char *cmd, const char *spec, char **out)
{
    *out = NULL;
    if (strncmp(spec, "pass:", 5) == 0) {
        *out = dup_secret(spec + 5, strlen(spec + 5));
    } else if (strncmp(spec, "file:", 5) == 0) {
        return pass_from_file(cmd, spec + 5, out);
    } else if (strncmp(spec, "env:", 4) == 0) {
        const char *v = getenv(spec + 4);
        if (!v)
            return cli_error(cmd, "environment variable %s is not set", spec + 4);
        *out = dup_secret(v, strlen(v));
    } else {
        return cli_error(cmd, "bad password source '%s' (use pass:TEXT, file:PATH or env:NAME)", spec);
    }
    return *out ? 0 : cli_error(cmd, "out of memory");
}

int cli_pass_prompt(const char *cmd, const char *prompt, char **out)
{
    *out = NULL;
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return cli_error(cmd, "a password is needed and there is no terminal to ask on (use -pass/-passin)");
    struct termios old, quiet;
    int have_tc = tcgetattr(fd, &old) == 0;
    if (have_tc) {
        quiet = old;
        quiet.c_lflag &= (tcflag_t)~(ECHO | ECHOE | ECHOK | ECHONL);
        quiet.c_lflag |= ICANON;
        (void)tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    if (write(fd, prompt, strlen(prompt)) < 0) {
        /* the prompt is cosmetic; reading still works */
    }
    char buf[PASS_MAX + 2];
    size_t n = 0;
    int ok = 1, nul = 0;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r <= 0) {
            ok = r == 0 && n > 0;
            break;
        }
        if (c == '\n' || c == '\r')
            break;
        nul |= c == '\0';
        if (n < sizeof(buf) - 1)
            buf[n++] = c;
    }
    if (have_tc)
        (void)tcsetattr(fd, TCSAFLUSH, &old);
    if (write(fd, "\n", 1) < 0) {
        /* cosmetic */
    }
    close(fd);
    if (!ok || n > PASS_MAX || nul) {
        gmtls_wipe(buf, sizeof(buf));
        return cli_error(cmd, !ok ? "no password entered"
                              : nul ? "the password contains a NUL byte"
                                    : "password too long");
    }
    *out = dup_secret(buf, n);
    gmtls_wipe(buf, sizeof(buf));
    return *out ? 0 : cli_error(cmd, "out of memory");
}

void cli_pass_free(char *pass)
{
    if (pass) {
        gmtls_wipe(pass, strlen(pass));
        free(pass);
    }
}

int cli_key_format(const char *cmd, const char *name, gmtls_keyfmt *fmt)
{
    if (strcmp(name, "pkcs8") == 0)
        *fmt = GMTLS_KEYFMT_PKCS8;
    else if (strcmp(name, "sec1") == 0)
        *fmt = GMTLS_KEYFMT_SEC1;
    else
        return cli_error(cmd, "unknown format '%s' (use sec1 or pkcs8)", name);
    return 0;
}

int cli_pbe_opts(const char *cmd, const char *prf_name, const char *iter_s, gmtls_pbkdf2_prf *prf, uint32_t *iter)
{
    *prf = GMTLS_PBKDF2_HMAC_SM3;
    *iter = 0;
    if (prf_name) {
        if (strcmp(prf_name, "hmacWithSM3") == 0)
            *prf = GMTLS_PBKDF2_HMAC_SM3;
        else if (strcmp(prf_name, "hmacWithSHA256") == 0)
            *prf = GMTLS_PBKDF2_HMAC_SHA256;
        else
            return cli_error(cmd, "unknown PRF '%s' (use hmacWithSM3 or hmacWithSHA256)", prf_name);
    }
    if (iter_s) {
        char *end;
        unsigned long v = strtoul(iter_s, &end, 10);
        if (*iter_s == '\0' || *end != '\0' || v < 1000 || v > GMTLS_PBKDF2_MAX_ITER)
            return cli_error(cmd, "-iter must be a number from 1000 to %d", GMTLS_PBKDF2_MAX_ITER);
        *iter = (uint32_t)v;
    }
    return 0;
}
