/* The SM2 KDF (GB/T 32918.3-2016 5.4.3): known answers from shared/vectors/sm3_kdf.txt, the
 * construction SM3(Z || ct) rebuilt by hand, prefixes, and argument errors. */
#include <stdint.h>
#include <stdlib.h>

#include "core/bytes.h"
#include "gmtls/sm3.h"
#include "test.h"
#include "vectors.h"

static void test_kat(void)
{
    tv_file f;
    if (tv_load(&f, "sm3_kdf.txt") != 0)
        return;
    CHECK(f.n >= 12);
    for (size_t i = 0; i < f.n; i++) {
        const tv_case *c = &f.cases[i];
        size_t zlen, olen;
        uint8_t *z = tv_hex(c, "z", &zlen);
        uint8_t *want = tv_hex(c, "out", &olen);
        long klen = tv_long(c, "klen");
        CHECK_EQ(klen, (long)olen);
        uint8_t *got = malloc(olen + 1);
        CHECK(got != NULL);
        if (got) {
            got[olen] = 0x5a;
            CHECK_OK(gmtls_sm3_kdf(z, zlen, got, olen));
            CHECK_MSG(memcmp(got, want, olen) == 0, "sm3_kdf.txt line %d", c->line);
            CHECK_EQ(got[olen], 0x5a); /* nothing written past out_len */
        }
        free(got);
        free(z);
        free(want);
    }
    tv_free(&f);
}

static void test_construction(void)
{
    uint8_t z[70], out[200], want[224];
    test_rand_bytes(z, sizeof(z));
    /* out = SM3(z || 00000001) || SM3(z || 00000002) || ... */
    for (uint32_t i = 0; i < 7; i++) {
        uint8_t in[74];
        memcpy(in, z, 70);
        gmtls_store_be32(in + 70, i + 1);
        gmtls_sm3(in, sizeof(in), want + 32 * i);
    }
    CHECK_OK(gmtls_sm3_kdf(z, sizeof(z), out, 200));
    CHECK_MEM(out, want, 200);
    /* every shorter output is a prefix */
    unsigned bad = 0;
    for (size_t n = 0; n <= 200; n++) {
        uint8_t o[200];
        memset(o, 0, sizeof(o));
        if (gmtls_sm3_kdf(z, sizeof(z), o, n) != 0)
            bad++;
        bad += memcmp(o, want, n) != 0;
    }
    CHECK_EQ(bad, 0);
    /* an empty Z is allowed */
    uint8_t ct1[4] = {0, 0, 0, 1};
    gmtls_sm3(ct1, 4, want);
    CHECK_OK(gmtls_sm3_kdf(NULL, 0, out, 32));
    CHECK_MEM(out, want, 32);
}

static void test_errors(void)
{
    uint8_t z[32] = {1}, out[32];
    /* the 32-bit counter allows at most (2^32 - 1) * 32 bytes; nothing is written on error */
    if (SIZE_MAX / 32 > 0xffffffffu) {
        size_t too_long = (size_t)0xffffffffu * 32 + 1;
        memset(out, 0x77, sizeof(out));
        CHECK_ERR(gmtls_sm3_kdf(z, sizeof(z), out, too_long), GMTLS_ERR_BAD_LENGTH);
        CHECK_ERR(gmtls_sm3_kdf(z, sizeof(z), out, SIZE_MAX), GMTLS_ERR_BAD_LENGTH);
        CHECK_EQ(out[0], 0x77);
    }
    CHECK_ERR(gmtls_sm3_kdf(NULL, 1, out, 32), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm3_kdf(z, 32, NULL, 1), GMTLS_ERR_INVALID_ARG);
    CHECK_OK(gmtls_sm3_kdf(z, 32, NULL, 0));
}

int main(void)
{
    test_rand_seed(13);
    test_kat();
    test_construction();
    test_errors();
    return test_report();
}
