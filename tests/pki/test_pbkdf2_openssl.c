/* PBKDF2-HMAC-SM3 and PBKDF2-HMAC-SHA256 against OpenSSL's PKCS5_PBKDF2_HMAC (EVP_sm3, EVP_sha256)
 * over many passwords (including ones longer than the 64-byte HMAC block), salts, iteration counts
 * and output lengths (partial and multiple blocks), plus the argument checks. */
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "gmtls/pkey.h"
#include "pki/key_internal.h"
#include "test.h"

typedef int (*pbkdf2_fn)(const uint8_t *, size_t, const uint8_t *, size_t, uint32_t, uint8_t *, size_t);

static void cross(pbkdf2_fn fn, const EVP_MD *md, const char *name)
{
    static const size_t pw_lens[] = {0, 1, 8, 63, 64, 65, 100};
    static const size_t salt_lens[] = {0, 1, 16, 64, 80};
    static const uint32_t iters[] = {1, 2, 3, 1000};
    static const size_t out_lens[] = {1, 16, 31, 32, 33, 64, 100};
    test_rand_seed(42);
    int bad = 0, n = 0;
    for (size_t a = 0; a < sizeof(pw_lens) / sizeof(pw_lens[0]); a++)
        for (size_t b = 0; b < sizeof(salt_lens) / sizeof(salt_lens[0]); b++)
            for (size_t c = 0; c < sizeof(iters) / sizeof(iters[0]); c++) {
                uint8_t pw[128], salt[128], mine[128], theirs[128];
                size_t ol = out_lens[(a + b + c) % (sizeof(out_lens) / sizeof(out_lens[0]))];
                test_rand_bytes(pw, pw_lens[a]);
                test_rand_bytes(salt, salt_lens[b]);
                if (fn(pw, pw_lens[a], salt, salt_lens[b], iters[c], mine, ol) != 0)
                    bad++;
                if (PKCS5_PBKDF2_HMAC((const char *)pw, (int)pw_lens[a], salt, (int)salt_lens[b], (int)iters[c], md,
                                      (int)ol, theirs) != 1)
                    bad++;
                if (memcmp(mine, theirs, ol) != 0) {
                    bad++;
                    fprintf(stderr, "%s mismatch pw %zu salt %zu iter %u out %zu\n", name, pw_lens[a], salt_lens[b],
                            iters[c], ol);
                }
                n++;
            }
    CHECK_EQ(bad, 0);
    CHECK(n > 100);
    /* the GmSSL parameters: 65536 iterations, 16-byte key */
    uint8_t mine[16], theirs[16];
    const char *pw = "P@ssw0rd";
    const uint8_t salt[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    CHECK_OK(fn((const uint8_t *)pw, strlen(pw), salt, 16, 65536, mine, 16));
    CHECK_EQ(PKCS5_PBKDF2_HMAC(pw, (int)strlen(pw), salt, 16, 65536, md, 16, theirs), 1);
    CHECK_MEM(mine, theirs, 16);
    uint8_t o[4];
    CHECK_ERR(fn((const uint8_t *)pw, 1, salt, 1, 0, o, 4), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(fn((const uint8_t *)pw, 1, salt, 1, 1, o, 0), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(fn(NULL, 1, salt, 1, 1, o, 4), GMTLS_ERR_INVALID_ARG);
    CHECK_OK(fn(NULL, 0, NULL, 0, 1, o, 4));
}

/* The same through the OpenSSL "openssl kdf" command line, when it is there (an independent
 * program rather than the library). */
static void cli_check(void)
{
    FILE *f = popen("openssl kdf -keylen 32 -kdfopt digest:SM3 -kdfopt pass:password -kdfopt hexsalt:73616c74 "
                    "-kdfopt iter:4096 PBKDF2 2>/dev/null",
                    "r");
    if (!f)
        return;
    char line[256] = {0};
    char *got = fgets(line, sizeof(line), f);
    pclose(f);
    if (!got || strlen(line) < 64)
        return; /* CLI without the kdf command: the libcrypto comparison above covers it */
    uint8_t mine[32];
    CHECK_OK(gmtls_pbkdf2_hmac_sm3((const uint8_t *)"password", 8, (const uint8_t *)"salt", 4, 4096, mine, 32));
    char hex[100];
    size_t o = 0;
    for (int i = 0; i < 32; i++)
        o += (size_t)snprintf(hex + o, sizeof(hex) - o, "%02X%s", mine[i], i < 31 ? ":" : "");
    CHECK_MSG(strncmp(line, hex, o) == 0, "openssl kdf: %s, gmtls: %s", line, hex);
}

int main(void)
{
    cross(gmtls_pbkdf2_hmac_sm3, EVP_sm3(), "sm3");
    cross(gmtls_pbkdf2_hmac_sha256, EVP_sha256(), "sha256");
    cli_check();
    return test_report();
}
