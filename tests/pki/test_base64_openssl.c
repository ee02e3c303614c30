/* Base64: RFC 4648 10 examples, strictness (padding, pad bits, alphabet), and random round trips
 * cross-checked against OpenSSL's EVP_EncodeBlock / EVP_DecodeBlock. */
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "pki/base64.h"
#include "test.h"

static int dec(const char *s, int ws, uint8_t *out, size_t *ol)
{
    return gmtls_base64_decode(s, strlen(s), ws, out, 256, ol);
}

static void test_rfc4648(void)
{
    /* RFC 4648 10: BASE64("foobar") and its prefixes. */
    static const char *plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *enc[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    for (int i = 0; i < 7; i++) {
        char out[16] = {0};
        size_t n = strlen(plain[i]);
        CHECK_EQ(gmtls_base64_encoded_len(n), strlen(enc[i]));
        gmtls_base64_encode((const uint8_t *)plain[i], n, out);
        CHECK(memcmp(out, enc[i], strlen(enc[i])) == 0);
        uint8_t back[16];
        size_t bl;
        CHECK_OK(dec(enc[i], 0, back, &bl));
        CHECK_EQ(bl, n);
        CHECK_MEM(back, plain[i], n);
    }
}

static void test_strict(void)
{
    uint8_t o[256];
    size_t ol;
    CHECK_ERR(dec("Zg=", 0, o, &ol), GMTLS_ERR_BASE64);       /* short padding */
    CHECK_ERR(dec("Zg", 0, o, &ol), GMTLS_ERR_BASE64);        /* missing padding */
    CHECK_ERR(dec("Zg===", 0, o, &ol), GMTLS_ERR_BASE64);
    CHECK_ERR(dec("Zm8==", 0, o, &ol), GMTLS_ERR_BASE64);
    CHECK_ERR(dec("Zh==", 0, o, &ol), GMTLS_ERR_BASE64);      /* non-zero pad bits */
    CHECK_ERR(dec("Zm9=", 0, o, &ol), GMTLS_ERR_BASE64);
    CHECK_ERR(dec("Z===", 0, o, &ol), GMTLS_ERR_BASE64);
    CHECK_ERR(dec("Z", 0, o, &ol), GMTLS_ERR_BASE64);
    CHECK_ERR(dec("====", 0, o, &ol), GMTLS_ERR_BASE64);
    CHECK_ERR(dec("Zg==Zg==", 0, o, &ol), GMTLS_ERR_BASE64);  /* data after padding */
    CHECK_ERR(dec("Zm9v!mFy", 0, o, &ol), GMTLS_ERR_BASE64);
    CHECK_ERR(dec("Zm9v-mFy", 0, o, &ol), GMTLS_ERR_BASE64);  /* base64url is not accepted */
    CHECK_ERR(dec("Zm9v_mFy", 0, o, &ol), GMTLS_ERR_BASE64);
    CHECK_ERR(dec("Zm9v\x80mFy", 0, o, &ol), GMTLS_ERR_BASE64);
    CHECK_ERR(dec("Zm9v YmFy", 0, o, &ol), GMTLS_ERR_BASE64); /* whitespace only when allowed */
    CHECK_OK(dec("Zm9v YmFy", 1, o, &ol));
    CHECK_EQ(ol, 6);
    CHECK_OK(dec("Zm9v\r\nYmE=\r\n", 1, o, &ol));
    CHECK_EQ(ol, 5);
    CHECK_OK(dec(" \t\r\n", 1, o, &ol));
    CHECK_EQ(ol, 0);
    CHECK_ERR(dec("Zg==\n=", 1, o, &ol), GMTLS_ERR_BASE64);
    /* output capacity */
    CHECK_ERR(gmtls_base64_decode("Zm9vYmFy", 8, 0, o, 5, &ol), GMTLS_ERR_BASE64);
    CHECK_OK(gmtls_base64_decode("Zm9vYmFy", 8, 0, o, 6, &ol));
}

static void test_openssl(void)
{
    test_rand_seed(99);
    int bad = 0;
    for (int i = 0; i < 400; i++) {
        uint8_t in[300], back[300];
        char mine[420], theirs[420];
        size_t n = test_rand_u32() % 300, bl;
        test_rand_bytes(in, n);
        gmtls_base64_encode(in, n, mine);
        int tl = EVP_EncodeBlock((unsigned char *)theirs, in, (int)n);
        if ((size_t)tl != gmtls_base64_encoded_len(n) || memcmp(mine, theirs, (size_t)tl) != 0)
            bad++;
        if (gmtls_base64_decode(theirs, (size_t)tl, 0, back, sizeof(back), &bl) != 0 || bl != n ||
            memcmp(back, in, n) != 0)
            bad++;
    }
    CHECK_EQ(bad, 0);
    /* every single character value other than '=': valid exactly for the 64 alphabet characters,
     * as in OpenSSL (which trims leading/trailing whitespace and control characters, so those
     * are left out of the comparison) */
    int mismatch = 0;
    for (int c = 0; c < 256; c++) {
        if (c == '=' || c <= 0x20 || c == 0x7f)
            continue;
        char s[5] = {'A', 'A', 'A', (char)c, 0};
        uint8_t o[8], t[8];
        size_t ol;
        int mine_ok = gmtls_base64_decode(s, 4, 0, o, sizeof(o), &ol) == 0;
        int theirs_ok = EVP_DecodeBlock(t, (const unsigned char *)s, 4) == 3;
        if (mine_ok != theirs_ok || (mine_ok && memcmp(o, t, 3) != 0))
            mismatch++;
    }
    for (int c = 0; c <= 0x20; c++) {
        char s[5] = {'A', 'A', 'A', (char)c, 0};
        uint8_t o[8];
        size_t ol;
        if (gmtls_base64_decode(s, 4, 0, o, sizeof(o), &ol) != GMTLS_ERR_BASE64)
            mismatch++;
    }
    CHECK_EQ(mismatch, 0);
    uint8_t o[8];
    size_t ol;
    CHECK_OK(dec("AAA=", 0, o, &ol));
    CHECK_EQ(ol, 2);
}

int main(void)
{
    test_rfc4648();
    test_strict();
    test_openssl();
    return test_report();
}
