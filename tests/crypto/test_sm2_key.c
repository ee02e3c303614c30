/* SM2 keys (GB/T 32918.1): the pubkey and privkey cases of shared/vectors/sm2_invalid.txt with their
 * exact error codes, point encodings (uncompressed / compressed) both ways, key generation and the
 * range of private keys, on every arithmetic path. */
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "crypto/sm2_arith.h"
#include "gmtls/rand.h"
#include "gmtls/util.h"
#include "gmtls/sm2.h"
#include "test.h"
#include "vectors.h"

static void test_invalid_vectors(void)
{
    tv_file f;
    if (tv_load(&f, "sm2_invalid.txt") != 0)
        return;
    size_t npub = 0, npriv = 0, controls = 0;
    for (size_t i = 0; i < f.n; i++) {
        const tv_case *c = &f.cases[i];
        const char *op = tv_get(c, "op");
        int valid = strcmp(tv_get(c, "result"), "valid") == 0;
        controls += (size_t)valid;
        if (strcmp(op, "pubkey") == 0) {
            npub++;
            size_t len;
            uint8_t *pt = tv_hex(c, "point", &len);
            gmtls_sm2_pubkey pub;
            int rc = gmtls_sm2_pubkey_from_octets(&pub, pt, len);
            int want = valid ? 0 : GMTLS_ERR_BAD_POINT;
            CHECK_MSG(rc == want, "pubkey line %d: got %s", c->line, gmtls_errname(rc));
            if (valid && rc == 0) {
                /* Re-encode in the form it came in. */
                uint8_t out[65];
                size_t olen;
                gmtls_sm2_pubkey_to_octets(&pub, len == 33, out, &olen);
                CHECK_EQ(olen, len);
                CHECK_MEM(out, pt, len);
            }
            free(pt);
        } else if (strcmp(op, "privkey") == 0) {
            npriv++;
            uint8_t d[32];
            gmtls_sm2_key key;
            CHECK(tv_hex_fixed(c, "priv", d, 32) == 0);
            int rc = gmtls_sm2_key_from_bytes(&key, d);
            int want = valid ? 0 : GMTLS_ERR_BAD_KEY;
            CHECK_MSG(rc == want, "privkey line %d: got %s", c->line, gmtls_errname(rc));
            if (valid && rc == 0) {
                uint8_t back[32];
                gmtls_sm2_key_to_bytes(&key, back);
                CHECK_MEM(back, d, 32);
            }
        }
    }
    CHECK(npub >= 13);
    CHECK(npriv >= 6);
    CHECK(controls >= 7);
    tv_free(&f);
}

static void test_encodings(void)
{
    for (int i = 0; i < 50; i++) {
        gmtls_sm2_key key;
        gmtls_sm2_pubkey pub, pub2, pub3;
        uint8_t oct[65], cmp[65];
        size_t len, clen;
        CHECK_OK(gmtls_sm2_keygen(&key));
        gmtls_sm2_pubkey_from_key(&pub, &key);
        gmtls_sm2_pubkey_to_octets(&pub, 0, oct, &len);
        CHECK_EQ(len, 65);
        CHECK_EQ(oct[0], 4);
        gmtls_sm2_pubkey_to_octets(&pub, 1, cmp, &clen);
        CHECK_EQ(clen, 33);
        CHECK_EQ(cmp[0], 2 | (oct[64] & 1));
        CHECK_OK(gmtls_sm2_pubkey_from_octets(&pub2, oct, len));
        CHECK_OK(gmtls_sm2_pubkey_from_octets(&pub3, cmp, clen));
        CHECK(gmtls_sm2_pubkey_equal(&pub, &pub2));
        CHECK(gmtls_sm2_pubkey_equal(&pub, &pub3));
        CHECK(memcmp(&pub, &pub3, sizeof pub) == 0); /* same internal form either way */
        /* The other parity gives the negated point, also valid and different. */
        cmp[0] ^= 1;
        CHECK_OK(gmtls_sm2_pubkey_from_octets(&pub3, cmp, clen));
        CHECK(!gmtls_sm2_pubkey_equal(&pub, &pub3));
        CHECK(memcmp(pub3.x, pub.x, 32) == 0);
        /* Every other length, every prefix, and a flipped y are rejected. */
        for (size_t l = 0; l < 65; l++)
            if (l != 33)
                CHECK_ERR(gmtls_sm2_pubkey_from_octets(&pub2, oct, l), GMTLS_ERR_BAD_POINT);
        for (int p = 0; p < 256; p++) {
            oct[0] = (uint8_t)p;
            if (p != 4)
                CHECK_ERR(gmtls_sm2_pubkey_from_octets(&pub2, oct, 65), GMTLS_ERR_BAD_POINT);
        }
        oct[0] = 4;
        oct[64] ^= 1;
        CHECK_ERR(gmtls_sm2_pubkey_from_octets(&pub2, oct, 65), GMTLS_ERR_BAD_POINT);
        /* Key round trip. */
        uint8_t d[32];
        gmtls_sm2_key key2;
        gmtls_sm2_key_to_bytes(&key, d);
        CHECK_OK(gmtls_sm2_key_from_bytes(&key2, d));
        CHECK(memcmp(&key, &key2, sizeof key) == 0);
        gmtls_wipe(&key, sizeof key);
    }
    gmtls_sm2_pubkey pub;
    CHECK_ERR(gmtls_sm2_pubkey_from_octets(&pub, NULL, 65), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm2_pubkey_from_octets(NULL, (const uint8_t *)"", 0), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm2_pubkey_from_octets(&pub, (const uint8_t *)"", 0), GMTLS_ERR_BAD_POINT);
}

/* d = 1 gives G; d = n - 2 gives -2G, whose x equals that of 2G. */
static void test_small_keys(void)
{
    uint8_t d[32] = {0};
    gmtls_sm2_key k1, k2, kn;
    d[31] = 1;
    CHECK_OK(gmtls_sm2_key_from_bytes(&k1, d));
    uint8_t g[65];
    test_unhex("0432c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7"
               "bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0",
               g, sizeof g);
    CHECK_MEM(k1.pub.x, g + 1, 32);
    CHECK_MEM(k1.pub.y, g + 33, 32);
    d[31] = 2;
    CHECK_OK(gmtls_sm2_key_from_bytes(&k2, d));
    test_unhex("fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54121", d, 32);
    CHECK_OK(gmtls_sm2_key_from_bytes(&kn, d));
    CHECK_MEM(kn.pub.x, k2.pub.x, 32);
    CHECK(memcmp(kn.pub.y, k2.pub.y, 32) != 0);
    CHECK_ERR(gmtls_sm2_key_from_bytes(&kn, NULL), GMTLS_ERR_INVALID_ARG);
}

/* Key generation draws from gmtls_random: a deterministic source gives the same key twice. */
static void test_keygen_source(void)
{
    gmtls_drbg_test d;
    gmtls_sm2_key a, b;
    gmtls_drbg_test_init(&d, "k", 1);
    gmtls_rand_set_source(gmtls_drbg_test_fill, &d);
    CHECK_OK(gmtls_sm2_keygen(&a));
    gmtls_drbg_test_init(&d, "k", 1);
    CHECK_OK(gmtls_sm2_keygen(&b));
    gmtls_rand_set_source(NULL, NULL);
    CHECK(memcmp(&a, &b, sizeof a) == 0);
    CHECK_OK(gmtls_sm2_keygen(&b));
    CHECK(memcmp(&a, &b, sizeof a) != 0);
}

int main(void)
{
    static const uint32_t masks[] = {0xffffffffu, 0};
    for (size_t m = 0; m < 2; m++) {
        gmtls_cpu_set_mask(masks[m]);
        gmtls_sm2_arith_impl_reset();
        test_invalid_vectors();
        test_encodings();
        test_small_keys();
    }
    gmtls_cpu_set_mask(0xffffffffu);
    gmtls_sm2_arith_impl_reset();
    test_keygen_source();
    CHECK(gmtls_sm2_impl() != NULL);
    return test_report();
}
