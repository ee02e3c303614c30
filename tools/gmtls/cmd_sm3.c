/* gmtls sm3 [FILE...]            SM3 digests (GB/T 32905-2016), one line per file
 * gmtls hmac-sm3 -key HEX [FILE]  HMAC-SM3 (RFC 2104) of a file or stdin */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "core/hex.h"
#include "gmtls/sm3.h"
#include "gmtls/util.h"

/* Files are read in pieces, so any size works in constant memory. */
#define CHUNK 65536

typedef void (*absorb_fn)(void *ctx, const void *data, size_t len);

static void absorb_sm3(void *ctx, const void *data, size_t len)
{
    gmtls_sm3_update(ctx, data, len);
}

static void absorb_hmac(void *ctx, const void *data, size_t len)
{
    gmtls_hmac_sm3_update(ctx, data, len);
}

/* Feed a file ("-" or NULL: stdin) to absorb. Returns 0, or 1 after printing the error. */
static int absorb_file(const char *cmd, const char *path, absorb_fn absorb, void *ctx)
{
    int is_stdin = !path || strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return cli_error(cmd, "%s: %s", path, strerror(errno));
    static uint8_t buf[CHUNK];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        absorb(ctx, buf, n);
    int bad = ferror(f);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (bad)
        return cli_error(cmd, "%s: read error: %s", is_stdin ? "stdin" : path, strerror(saved));
    return 0;
}

static void print_hex(const uint8_t d[32], const char *name)
{
    char hex[65];
    gmtls_hex_encode(d, 32, hex);
    if (name)
        printf("%s  %s\n", hex, name);
    else
        printf("%s\n", hex);
}

static void sm3_usage(FILE *out)
{
    fprintf(out, "usage: gmtls sm3 [FILE...]\n"
                 "Prints the SM3 digest (GB/T 32905-2016) of each FILE as \"<64 hex digits>  <FILE>\",\n"
                 "one line per file, like sha256sum. With no FILE, or when FILE is -, reads standard\n"
                 "input and prints \"<hex>  -\". A file that cannot be read is reported on stderr and\n"
                 "the others are still hashed; the exit status is then 1.\n");
}

int cmd_sm3(int argc, char **argv)
{
    int first = 1;
    if (first < argc && (strcmp(argv[first], "-h") == 0 || strcmp(argv[first], "--help") == 0)) {
        sm3_usage(stdout);
        return 0;
    }
    if (first < argc && strcmp(argv[first], "--") == 0)
        first++;
    else if (first < argc && argv[first][0] == '-' && argv[first][1] != '\0') {
        cli_error("sm3", "unknown option %s", argv[first]);
        sm3_usage(stderr);
        return 1;
    }
    int status = 0;
    if (first >= argc) {
        gmtls_sm3_ctx ctx;
        uint8_t d[32];
        gmtls_sm3_init(&ctx);
        if (absorb_file("sm3", "-", absorb_sm3, &ctx) != 0)
            return 1;
        gmtls_sm3_final(&ctx, d);
        print_hex(d, "-");
    }
    for (int i = first; i < argc; i++) {
        gmtls_sm3_ctx ctx;
        uint8_t d[32];
        gmtls_sm3_init(&ctx);
        if (absorb_file("sm3", argv[i], absorb_sm3, &ctx) != 0) {
            status = 1;
            continue;
        }
        gmtls_sm3_final(&ctx, d);
        print_hex(d, argv[i]);
    }
    if (fflush(stdout) != 0)
        return cli_error("sm3", "write error: %s", strerror(errno));
    return status;
}

static void hmac_usage(FILE *out)
{
    fprintf(out, "usage: gmtls hmac-sm3 -key HEX [FILE]\n"
                 "Prints the HMAC-SM3 (RFC 2104) of FILE, or of standard input when FILE is absent\n"
                 "or -, as 64 hex digits. The key is given in hex, any length (an empty key is\n"
                 "-key \"\"); keys longer than 64 bytes are hashed first, as RFC 2104 says.\n");
}

int cmd_hmac_sm3(int argc, char **argv)
{
    const char *key_hex = NULL, *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            hmac_usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "-key") == 0) {
            if (i + 1 >= argc)
                return cli_error("hmac-sm3", "-key needs a hex value");
            key_hex = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            cli_error("hmac-sm3", "unknown option %s", argv[i]);
            hmac_usage(stderr);
            return 1;
        } else if (file) {
            return cli_error("hmac-sm3", "only one FILE may be given (got %s and %s)", file, argv[i]);
        } else {
            file = argv[i];
        }
    }
    if (!key_hex) {
        cli_error("hmac-sm3", "missing -key HEX");
        hmac_usage(stderr);
        return 1;
    }
    /* Say exactly what is wrong with the key before decoding it. */
    size_t hexlen = strlen(key_hex);
    for (size_t i = 0; i < hexlen; i++) {
        char c = key_hex[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return cli_error("hmac-sm3", "-key is not valid hex: character '%c' at position %zu", c, i + 1);
    }
    if (hexlen % 2)
        return cli_error("hmac-sm3", "-key is not valid hex: odd number of digits (%zu)", hexlen);
    size_t cap = hexlen / 2 + 1, klen = 0;
    uint8_t *key = malloc(cap);
    if (!key)
        return cli_error("hmac-sm3", "out of memory");
    if (cli_hex_arg("hmac-sm3", "-key", key_hex, key, cap, 0, &klen) != 0) {
        free(key);
        return 1;
    }
    gmtls_hmac_sm3_ctx ctx;
    gmtls_hmac_sm3_init(&ctx, key, klen);
    gmtls_wipe(key, cap);
    free(key);
    if (absorb_file("hmac-sm3", file, absorb_hmac, &ctx) != 0) {
        gmtls_wipe(&ctx, sizeof(ctx));
        return 1;
    }
    uint8_t mac[32];
    gmtls_hmac_sm3_final(&ctx, mac);
    print_hex(mac, NULL);
    if (fflush(stdout) != 0)
        return cli_error("hmac-sm3", "write error: %s", strerror(errno));
    return 0;
}
