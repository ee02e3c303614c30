/* gmtls sm4 -e|-d -mode cbc|ctr|gcm -key HEX -iv HEX [-aad HEX] [-nopad] [-in FILE]
 * SM4 (GB/T 32907-2016) encryption and decryption of a file or stdin to stdout.
 *   cbc  PKCS#7 padding (RFC 5652 6.3) unless -nopad; IV 16 bytes
 *   ctr  128-bit big-endian counter starting at the IV (as `openssl enc -sm4-ctr`); IV 16 bytes
 *   gcm  SM4-GCM (NIST SP 800-38D); encryption writes ciphertext || 16-byte tag, decryption expects
 *        that and writes nothing unless the tag verifies; IV of any length >= 1 (12 recommended) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "core/ct.h"
#include "gmtls/error.h"
#include "gmtls/sm4.h"
#include "gmtls/sm4_gcm.h"
#include "gmtls/util.h"

#define CMD "sm4"
#define MAX_IV 256
#define MAX_AAD 65536

static void sm4_usage(FILE *out)
{
    fprintf(out,
            "usage: gmtls sm4 -e|-d -mode cbc|ctr|gcm -key HEX -iv HEX [-aad HEX] [-nopad] [-in FILE]\n"
            "Encrypt (-e) or decrypt (-d) FILE or standard input with SM4 and write the result to\n"
            "standard output.\n"
            "  -key HEX   the 16-byte key (32 hex digits)\n"
            "  -iv HEX    cbc, ctr: 16 bytes (for ctr, the first 128-bit big-endian counter block);\n"
            "             gcm: at least 1 byte, 12 recommended (never reuse one with the same key)\n"
            "  -mode cbc  CBC with PKCS#7 padding: 1 to 16 bytes of value n are added before\n"
            "             encrypting and checked and removed after decrypting (as `openssl enc`)\n"
            "  -nopad     cbc without padding: the input must be a multiple of 16 bytes\n"
            "  -mode ctr  counter mode, any length, no padding\n"
            "  -mode gcm  SM4-GCM: -e writes ciphertext followed by the 16-byte tag; -d reads that,\n"
            "             and if the tag does not verify writes nothing and exits with status 1\n"
            "  -aad HEX   gcm only: additional authenticated data\n"
            "Exit status: 0 on success, 1 on any error (bad arguments, bad padding, failed tag).\n");
}

/* CBC with PKCS#7. Encryption appends the padding; decryption checks it in constant time (the
 * outcome alone is reported) and returns the unpadded length in *outlen. */
static int cbc_run(const gmtls_sm4_key *k, int enc, int pad, const uint8_t iv0[16], const uint8_t *in, size_t len,
                   uint8_t **out, size_t *outlen)
{
    uint8_t iv[16];
    size_t total = len;
    if (enc && pad)
        total = len + 16 - len % 16;
    if (total % 16 != 0)
        return cli_error(CMD, enc ? "the input must be a multiple of 16 bytes with -nopad (got %zu bytes)"
                                  : "the encrypted input must be a multiple of 16 bytes (got %zu bytes)",
                         len);
    if (!enc && pad && total == 0)
        return cli_error(CMD, "the encrypted input is empty (CBC with padding has at least one block)");
    uint8_t *buf = malloc(total ? total : 1);
    if (buf == NULL)
        return cli_error(CMD, "out of memory");
    memcpy(buf, in, len);
    if (enc && pad)
        memset(buf + len, (int)(total - len), total - len);
    memcpy(iv, iv0, 16);
    int e = enc ? gmtls_sm4_cbc_encrypt(k, iv, buf, buf, total) : gmtls_sm4_cbc_decrypt(k, iv, buf, buf, total);
    if (e != 0) {
        gmtls_wipe(buf, total);
        free(buf);
        return cli_fail(CMD, "cbc", e);
    }
    *outlen = total;
    if (!enc && pad) {
        /* last byte n must be 1..16 and the last n bytes all n */
        uint32_t n = buf[total - 1];
        uint32_t bad = gmtls_ct_eq32(n, 0) | gmtls_ct_lt32(16, n);
        for (uint32_t i = 1; i <= 16; i++) {
            uint32_t in_pad = gmtls_ct_ge32(n, i);
            bad |= in_pad & ~gmtls_ct_eq32(buf[total - i], n);
        }
        if (bad) {
            gmtls_wipe(buf, total);
            free(buf);
            return cli_error(CMD, "bad padding after decryption: wrong key or IV, or the input is corrupted "
                                  "or was not padded (try -nopad)");
        }
        *outlen = total - n;
    }
    *out = buf;
    return 0;
}

static int gcm_run(const uint8_t key[16], int enc, const uint8_t *iv, size_t ivlen, const uint8_t *aad,
                   size_t aadlen, const uint8_t *in, size_t len, uint8_t **out, size_t *outlen)
{
    gmtls_sm4_gcm_ctx ctx;
    uint8_t *buf;
    int e;
    if (!enc && len < GMTLS_SM4_GCM_TAG_SIZE)
        return cli_error(CMD, "the input (%zu bytes) is shorter than the 16-byte GCM tag", len);
    size_t body = enc ? len : len - GMTLS_SM4_GCM_TAG_SIZE;
    buf = malloc(body + GMTLS_SM4_GCM_TAG_SIZE);
    if (buf == NULL)
        return cli_error(CMD, "out of memory");
    gmtls_sm4_gcm_init(&ctx, key);
    if (enc)
        e = gmtls_sm4_gcm_encrypt(&ctx, iv, ivlen, aad, aadlen, in, buf, body, buf + body);
    else
        e = gmtls_sm4_gcm_decrypt(&ctx, iv, ivlen, aad, aadlen, in, buf, body, in + body);
    gmtls_sm4_gcm_wipe(&ctx);
    if (e != 0) {
        gmtls_wipe(buf, body + GMTLS_SM4_GCM_TAG_SIZE);
        free(buf);
        if (e == GMTLS_ERR_AUTH_FAILED)
            return cli_error(CMD, "authentication failed: the tag does not match (wrong key, IV or AAD, "
                                  "or the data was modified); nothing was written");
        return cli_fail(CMD, "gcm", e);
    }
    *out = buf;
    *outlen = enc ? body + GMTLS_SM4_GCM_TAG_SIZE : body;
    return 0;
}

int cmd_sm4(int argc, char **argv)
{
    const char *mode = NULL, *keyhex = NULL, *ivhex = NULL, *aadhex = NULL, *path = NULL;
    int enc = -1, pad = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has_value = i + 1 < argc;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            sm4_usage(stdout);
            return 0;
        } else if (strcmp(a, "-e") == 0 || strcmp(a, "-d") == 0) {
            if (enc != -1)
                return cli_error(CMD, "give exactly one of -e and -d");
            enc = a[1] == 'e';
        } else if (strcmp(a, "-nopad") == 0) {
            pad = 0;
        } else if ((strcmp(a, "-mode") == 0 || strcmp(a, "-key") == 0 || strcmp(a, "-iv") == 0 ||
                    strcmp(a, "-aad") == 0 || strcmp(a, "-in") == 0)) {
            if (!has_value)
                return cli_error(CMD, "%s needs a value", a);
            const char *v = argv[++i];
            if (a[1] == 'm')
                mode = v;
            else if (a[1] == 'k')
                keyhex = v;
            else if (a[2] == 'v')
                ivhex = v;
            else if (a[1] == 'a')
                aadhex = v;
            else
                path = v;
        } else {
            cli_error(CMD, "unknown option %s", a);
            sm4_usage(stderr);
            return 1;
        }
    }
    if (enc == -1 || mode == NULL || keyhex == NULL || ivhex == NULL) {
        cli_error(CMD, "-e or -d, -mode, -key and -iv are required");
        sm4_usage(stderr);
        return 1;
    }
    int is_cbc = strcmp(mode, "cbc") == 0, is_ctr = strcmp(mode, "ctr") == 0, is_gcm = strcmp(mode, "gcm") == 0;
    if (!is_cbc && !is_ctr && !is_gcm)
        return cli_error(CMD, "unknown mode '%s' (use cbc, ctr or gcm)", mode);
    if (aadhex != NULL && !is_gcm)
        return cli_error(CMD, "-aad is only for -mode gcm");
    if (!pad && !is_cbc)
        return cli_error(CMD, "-nopad is only for -mode cbc");

    uint8_t key[16], iv[MAX_IV];
    static uint8_t aad[MAX_AAD];
    size_t ivlen = 0, aadlen = 0;
    if (cli_hex_arg(CMD, "-key", keyhex, key, sizeof key, 16, NULL) != 0) {
        gmtls_wipe(key, sizeof key); /* bytes decoded before the bad digit or the wrong length */
        return 1;
    }
    if (cli_hex_arg(CMD, "-iv", ivhex, iv, sizeof iv, is_gcm ? 0 : 16, &ivlen) != 0) {
        gmtls_wipe(key, sizeof key);
        return 1;
    }
    if (ivlen == 0) {
        gmtls_wipe(key, sizeof key);
        return cli_error(CMD, "-iv must not be empty (12 bytes recommended for gcm)");
    }
    if (aadhex != NULL && cli_hex_arg(CMD, "-aad", aadhex, aad, sizeof aad, 0, &aadlen) != 0) {
        gmtls_wipe(key, sizeof key);
        return 1;
    }

    uint8_t *in = NULL, *out = NULL;
    size_t len = 0, outlen = 0;
    int rc = cli_read_all(CMD, path, &in, &len);
    if (rc == 0) {
        if (is_gcm) {
            rc = gcm_run(key, enc, iv, ivlen, aad, aadlen, in, len, &out, &outlen);
        } else {
            gmtls_sm4_key k;
            gmtls_sm4_set_key(&k, key);
            if (is_cbc) {
                rc = cbc_run(&k, enc, pad, iv, in, len, &out, &outlen);
            } else {
                out = malloc(len ? len : 1);
                if (out == NULL) {
                    rc = cli_error(CMD, "out of memory");
                } else {
                    gmtls_sm4_ctr(&k, iv, in, out, len);
                    outlen = len;
                }
            }
            gmtls_sm4_key_wipe(&k);
        }
        if (rc == 0)
            rc = cli_write_all(CMD, out, outlen);
    }
    gmtls_wipe(key, sizeof key);
    if (in != NULL) {
        gmtls_wipe(in, len);
        free(in);
    }
    if (out != NULL) {
        gmtls_wipe(out, outlen);
        free(out);
    }
    return rc;
}
