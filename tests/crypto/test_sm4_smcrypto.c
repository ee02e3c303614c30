/* SM4 ECB and CBC against npm sm-crypto (tests/oracle/sm4.js), both directions, without padding,
 * plus PKCS#7-padded CBC encryption (gmtls CBC itself never pads; the padding is added here the way
 * the gmtls command adds it). Random keys, IVs and inputs of 0..40 blocks and a few large ones. */
#include <stdlib.h>
#include <unistd.h>

#include "gmtls/sm4.h"
#include "oracle_util.h"
#include "test.h"

#define NCASES 160
#define MAXLEN 4096

struct tcase {
    int enc, cbc, pad;
    uint8_t key[16], iv[16];
    size_t inlen, outlen;
    uint8_t in[MAXLEN + 16];
};

/* The gmtls result for case c (into out; returns the length). */
static size_t compute(const struct tcase *c, uint8_t *out)
{
    gmtls_sm4_key k;
    uint8_t iv[16], buf[MAXLEN + 16];
    size_t len = c->inlen;
    gmtls_sm4_set_key(&k, c->key);
    memcpy(iv, c->iv, 16);
    memcpy(buf, c->in, len);
    if (c->pad) { /* PKCS#7: 1..16 bytes of value n */
        size_t n = 16 - len % 16;
        memset(buf + len, (int)n, n);
        len += n;
    }
    if (!c->cbc && c->enc)
        gmtls_sm4_ecb_encrypt(&k, buf, out, len / 16);
    else if (!c->cbc)
        gmtls_sm4_ecb_decrypt(&k, buf, out, len / 16);
    else if (c->enc)
        CHECK_OK(gmtls_sm4_cbc_encrypt(&k, iv, buf, out, len));
    else
        CHECK_OK(gmtls_sm4_cbc_decrypt(&k, iv, buf, out, len));
    gmtls_sm4_key_wipe(&k);
    return len;
}

static int unhex_line(const char *s, uint8_t *out, size_t cap, size_t *len)
{
    size_t n = 0;
    if (strcmp(s, "-") == 0) {
        *len = 0;
        return 0;
    }
    for (; s[0] && s[1]; s += 2) {
        unsigned v;
        if (n >= cap || sscanf(s, "%2x", &v) != 1)
            return -1;
        out[n++] = (uint8_t)v;
    }
    *len = n;
    return s[0] == 0 ? 0 : -1;
}

int main(void)
{
    static struct tcase cases[NCASES];
    static const size_t large[] = {1024, 4000, 4096};
    char req[] = "/tmp/gmtls-sm4-smcrypto-XXXXXX";
    int fd = mkstemp(req);
    CHECK(fd >= 0);
    if (fd < 0)
        return test_report();
    FILE *f = fdopen(fd, "w");
    test_rand_seed(0x736d63727970746full);
    for (size_t i = 0; i < NCASES; i++) {
        struct tcase *c = &cases[i];
        c->enc = (int)(i & 1);
        c->cbc = (int)((i >> 1) & 1);
        c->pad = c->enc && c->cbc && (i % 8) == 3;
        size_t nb = i < NCASES - 6 ? (i / 4) % 41 : large[i % 3] / 16;
        c->inlen = nb * 16 - (c->pad ? (i / 8) % 16 : 0);
        test_rand_bytes(c->key, 16);
        test_rand_bytes(c->iv, 16);
        test_rand_bytes(c->in, c->inlen);
        fprintf(f, "%s %s %s ", c->enc ? "enc" : "dec", c->cbc ? "cbc" : "ecb", c->pad ? "pkcs#7" : "none");
        oracle_put_hex(f, c->key, 16);
        fputc(' ', f);
        if (c->cbc)
            oracle_put_hex(f, c->iv, 16);
        else
            fputs("-", f);
        fputc(' ', f);
        oracle_put_hex(f, c->in, c->inlen);
        fputc('\n', f);
    }
    fclose(f);

    const char *src = getenv("GMTLS_SOURCE_DIR");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "node '%s/tests/oracle/sm4.js' '%s'", src ? src : ".", req);
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    size_t got_lines = 0;
    if (p != NULL) {
        static char line[2 * (MAXLEN + 16) + 64];
        static uint8_t oracle[MAXLEN + 16], mine[MAXLEN + 16];
        while (got_lines < NCASES && fgets(line, sizeof line, p) != NULL) {
            struct tcase *c = &cases[got_lines++];
            line[strcspn(line, "\r\n")] = 0;
            size_t olen = 0;
            int ok = unhex_line(line, oracle, sizeof oracle, &olen) == 0;
            CHECK_MSG(ok, "case %zu: sm-crypto said %.80s", got_lines - 1, line);
            size_t mlen = compute(c, mine);
            CHECK_MSG(ok && olen == mlen && memcmp(oracle, mine, mlen) == 0,
                      "case %zu (%s %s, %zu bytes) differs from sm-crypto", got_lines - 1, c->enc ? "enc" : "dec",
                      c->cbc ? "cbc" : "ecb", c->inlen);
        }
        CHECK_EQ(pclose(p), 0);
    }
    CHECK_EQ(got_lines, NCASES);
    unlink(req);
    return test_report();
}
