/* SM2 signatures (GB/T 32918.2): known answers with fixed nonces (shared/vectors/sm2_sign.txt),
 * signatures made by OpenSSL and Tongsuo (sm2_verify.txt), the verify cases of sm2_invalid.txt with
 * their exact error codes, strict DER, ID lengths, round trips with random nonces through the
 * one-shot and the cached-key paths, and randomness failures. Run on every arithmetic path. */
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "crypto/sm2_arith.h"
#include "crypto/sm2_internal.h"
#include "gmtls/rand.h"
#include "gmtls/sm2.h"
#include "test.h"
#include "vectors.h"

/* The group order n of sm2p256v1 (GB/T 32918.5), to classify signature values in the tests. */
static const char N_HEX[] = "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123";
static uint8_t N[32];

static int cmp256(const uint8_t a[32], const uint8_t b[32]) { return memcmp(a, b, 32); }

/* 1 when r, s in [1, n - 1] and r + s != n (the range rules of GB/T 32918.2 7.1 B1, B2, B5). */
static int sig_in_range(const uint8_t sig[64])
{
    static const uint8_t zero[32];
    const uint8_t *r = sig, *s = sig + 32;
    if (cmp256(r, zero) == 0 || cmp256(s, zero) == 0 || cmp256(r, N) >= 0 || cmp256(s, N) >= 0)
        return 0;
    uint8_t sum[33];
    unsigned carry = 0;
    for (int i = 31; i >= 0; i--) {
        unsigned v = (unsigned)r[i] + s[i] + carry;
        sum[i + 1] = (uint8_t)v;
        carry = v >> 8;
    }
    sum[0] = (uint8_t)carry;
    return !(sum[0] == 0 && cmp256(sum + 1, N) == 0);
}

static int load_pub(gmtls_sm2_pubkey *pub, const tv_case *c)
{
    uint8_t oct[65];
    oct[0] = 4;
    if (tv_hex_fixed(c, "pub_x", oct + 1, 32) != 0 || tv_hex_fixed(c, "pub_y", oct + 33, 32) != 0)
        return -1;
    return gmtls_sm2_pubkey_from_octets(pub, oct, 65);
}

static void test_sign_kat(void)
{
    tv_file f;
    if (tv_load(&f, "sm2_sign.txt") != 0)
        return;
    CHECK(f.n >= 25);
    for (size_t i = 0; i < f.n; i++) {
        const tv_case *c = &f.cases[i];
        uint8_t d[32], px[32], py[32], z[32], e[32], k[32], r[32], s[32], got[64], want[64], der[72];
        size_t id_len, msg_len, der_len, wder_len;
        uint8_t *id = tv_hex(c, "id", &id_len);
        uint8_t *msg = tv_hex(c, "msg", &msg_len);
        uint8_t *wder = tv_hex(c, "sig_der", &wder_len);
        if (tv_hex_fixed(c, "priv", d, 32) || tv_hex_fixed(c, "pub_x", px, 32) || tv_hex_fixed(c, "pub_y", py, 32) ||
            tv_hex_fixed(c, "z", z, 32) || tv_hex_fixed(c, "e", e, 32) || tv_hex_fixed(c, "k", k, 32) ||
            tv_hex_fixed(c, "r", r, 32) || tv_hex_fixed(c, "s", s, 32))
            goto next;
        memcpy(want, r, 32);
        memcpy(want + 32, s, 32);
        gmtls_sm2_key key;
        CHECK_OK(gmtls_sm2_key_from_bytes(&key, d));
        CHECK_MSG(memcmp(key.pub.x, px, 32) == 0 && memcmp(key.pub.y, py, 32) == 0, "pub from priv, line %d",
                  c->line);
        uint8_t d2[32];
        gmtls_sm2_key_to_bytes(&key, d2);
        CHECK_MEM(d2, d, 32);
        uint8_t gz[32], ge[32];
        CHECK_OK(gmtls_sm2_compute_z(&key.pub, id, id_len, gz));
        CHECK_MSG(memcmp(gz, z, 32) == 0, "Z, line %d", c->line);
        CHECK_OK(gmtls_sm2_compute_e(&key.pub, id, id_len, msg, msg_len, ge));
        CHECK_MSG(memcmp(ge, e, 32) == 0, "e, line %d", c->line);
        CHECK_OK(gmtls_sm2_sign_digest_with_k(&key, e, k, got));
        CHECK_MSG(memcmp(got, want, 64) == 0, "r || s, line %d", c->line);
        CHECK_OK(gmtls_sm2_sig_to_der(got, der, &der_len));
        CHECK_MSG(der_len == wder_len && memcmp(der, wder, der_len) == 0, "sig_der, line %d", c->line);
        uint8_t back[64];
        CHECK_OK(gmtls_sm2_sig_from_der(wder, wder_len, back));
        CHECK_MEM(back, want, 64);
        CHECK_OK(gmtls_sm2_verify(&key.pub, id, id_len, msg, msg_len, want));
        CHECK_OK(gmtls_sm2_verify_digest(&key.pub, e, want));
        gmtls_sm2_verify_key *vk = malloc(sizeof *vk);
        gmtls_sm2_verify_key_init(vk, &key.pub);
        CHECK_OK(gmtls_sm2_verify_key_verify(vk, id, id_len, msg, msg_len, want));
        CHECK_OK(gmtls_sm2_verify_key_verify_digest(vk, e, want));
        want[63] ^= 1;
        CHECK_ERR(gmtls_sm2_verify_key_verify(vk, id, id_len, msg, msg_len, want), GMTLS_ERR_VERIFY_FAILED);
        want[63] ^= 1;
        free(vk);

        /* Random nonces through every public signing path, checked by verify. */
        gmtls_sm2_sign_key sk;
        gmtls_sm2_sign_key_init(&sk, &key);
        CHECK_OK(gmtls_sm2_sign(&key, id, id_len, msg, msg_len, got));
        CHECK_OK(gmtls_sm2_verify(&key.pub, id, id_len, msg, msg_len, got));
        CHECK_OK(gmtls_sm2_sign_key_sign(&sk, id, id_len, msg, msg_len, got));
        CHECK_OK(gmtls_sm2_verify(&key.pub, id, id_len, msg, msg_len, got));
        CHECK_OK(gmtls_sm2_sign_digest(&key, e, got));
        CHECK_OK(gmtls_sm2_verify_digest(&key.pub, e, got));
        CHECK_OK(gmtls_sm2_sign_key_sign_digest(&sk, e, got));
        CHECK_OK(gmtls_sm2_verify(&key.pub, id, id_len, msg, msg_len, got));
        /* A different message or ID does not verify. */
        CHECK_ERR(gmtls_sm2_verify(&key.pub, id, id_len, (const uint8_t *)"x", 1, got), GMTLS_ERR_VERIFY_FAILED);
        CHECK_ERR(gmtls_sm2_verify(&key.pub, (const uint8_t *)"ALICE", 5, msg, msg_len, got),
                  GMTLS_ERR_VERIFY_FAILED);
    next:
        free(id);
        free(msg);
        free(wder);
    }
    tv_free(&f);
}

static void test_verify_kat(void)
{
    tv_file f;
    if (tv_load(&f, "sm2_verify.txt") != 0)
        return;
    CHECK(f.n >= 40);
    for (size_t i = 0; i < f.n; i++) {
        const tv_case *c = &f.cases[i];
        size_t id_len, msg_len, der_len;
        uint8_t *id = tv_hex(c, "id", &id_len);
        uint8_t *msg = tv_hex(c, "msg", &msg_len);
        uint8_t *der = tv_hex(c, "sig_der", &der_len);
        gmtls_sm2_pubkey pub;
        uint8_t sig[64];
        CHECK_OK(load_pub(&pub, c));
        CHECK_OK(gmtls_sm2_sig_from_der(der, der_len, sig));
        CHECK_MSG(strcmp(tv_get(c, "result"), "valid") == 0, "line %d", c->line);
        int rc = gmtls_sm2_verify(&pub, id, id_len, msg, msg_len, sig);
        CHECK_MSG(rc == 0, "sm2_verify.txt line %d: %s", c->line, gmtls_errname(rc));
        free(id);
        free(msg);
        free(der);
    }
    tv_free(&f);
}

/* sm2_invalid.txt, op = verify. Expected code: GMTLS_ERR_BAD_SIGNATURE when the DER is not a
 * canonical pair of 32-byte integers (the cases without r/s fields) or r, s break the range rules;
 * GMTLS_ERR_VERIFY_FAILED when a well-formed signature does not match; 0 for the controls. */
static void test_invalid_verify(void)
{
    tv_file f;
    if (tv_load(&f, "sm2_invalid.txt") != 0)
        return;
    size_t n = 0, controls = 0, pos = 0;
    for (const tv_case *c; (c = tv_next_where(&f, &pos, "op", "verify")) != NULL;) {
        n++;
        size_t id_len, msg_len, der_len;
        uint8_t *id = tv_hex(c, "id", &id_len);
        uint8_t *msg = tv_hex(c, "msg", &msg_len);
        uint8_t *der = tv_hex(c, "sig_der", &der_len);
        int valid = strcmp(tv_get(c, "result"), "valid") == 0;
        gmtls_sm2_pubkey pub;
        uint8_t sig[64], raw[64];
        CHECK_OK(load_pub(&pub, c));
        int want;
        if (valid) {
            want = 0;
            controls++;
        } else if (!tv_get(c, "r")) {
            want = GMTLS_ERR_BAD_SIGNATURE;
        } else {
            CHECK(tv_hex_fixed(c, "r", raw, 32) == 0 && tv_hex_fixed(c, "s", raw + 32, 32) == 0);
            want = sig_in_range(raw) ? GMTLS_ERR_VERIFY_FAILED : GMTLS_ERR_BAD_SIGNATURE;
        }
        int rc = gmtls_sm2_sig_from_der(der, der_len, sig);
        if (rc == 0) {
            if (tv_get(c, "r"))
                CHECK_MSG(memcmp(sig, raw, 64) == 0 || valid, "decoded r || s, line %d", c->line);
            rc = gmtls_sm2_verify(&pub, id, id_len, msg, msg_len, sig);
            /* The prepared verify key gives the same answer. */
            gmtls_sm2_verify_key *vk = malloc(sizeof *vk);
            gmtls_sm2_verify_key_init(vk, &pub);
            int rc3 = gmtls_sm2_verify_key_verify(vk, id, id_len, msg, msg_len, sig);
            CHECK_MSG(rc3 == rc, "verify key, line %d: %s", c->line, gmtls_errname(rc3));
            free(vk);
        }
        CHECK_MSG(rc == want, "sm2_invalid.txt line %d: got %s, want %s", c->line, gmtls_errname(rc),
                  gmtls_errname(want));
        /* The raw r || s path gives the same answer where the values fit 32 bytes. */
        if (tv_get(c, "r")) {
            CHECK(tv_hex_fixed(c, "r", raw, 32) == 0 && tv_hex_fixed(c, "s", raw + 32, 32) == 0);
            int rc2 = gmtls_sm2_verify(&pub, id, id_len, msg, msg_len, raw);
            CHECK_MSG(rc2 == want, "raw r || s, line %d: got %s", c->line, gmtls_errname(rc2));
        }
        free(id);
        free(msg);
        free(der);
    }
    CHECK(n >= 24);
    CHECK(controls >= 1);
    tv_free(&f);
}

static void test_der(void)
{
    uint8_t sig[64], der[72], back[64];
    size_t len;
    /* Values with leading zero bytes and top bits set or clear: 64 to 72-byte encodings. */
    for (int i = 0; i < 500; i++) {
        test_rand_bytes(sig, 64);
        int lead = (int)(test_rand_u32() % 4);
        if (lead & 1)
            memset(sig, 0, test_rand_u32() % 32);
        if (lead & 2)
            memset(sig + 32, 0, test_rand_u32() % 32);
        CHECK_OK(gmtls_sm2_sig_to_der(sig, der, &len));
        CHECK(len >= 8 && len <= 72);
        CHECK_OK(gmtls_sm2_sig_from_der(der, len, back));
        CHECK_MEM(back, sig, 64);
        /* Every truncation and one extra byte are rejected. */
        if (i < 20) {
            for (size_t t = 0; t < len; t++)
                CHECK_ERR(gmtls_sm2_sig_from_der(der, t, back), GMTLS_ERR_BAD_SIGNATURE);
            uint8_t ext[73];
            memcpy(ext, der, len);
            ext[len] = 0;
            CHECK_ERR(gmtls_sm2_sig_from_der(ext, len + 1, back), GMTLS_ERR_BAD_SIGNATURE);
        }
    }
    /* Hand-made defects. */
    struct {
        const char *hex;
    } cases[] = {
        {"3006020101020101ff"},
        {"3007020101020101"},
        {"3106020101020101"},
        {"30060201010201ff"},
        {"300702020001020101"},     /* superfluous leading 00 on r */
        {"3006020101030101"},       /* BIT STRING in place of s */
        {"3080020101020101 0000"},
        {"3003020101"},
        {"3000"},
        {"30050201010200"},         /* zero-length INTEGER */
        {"308106020101020101"},     /* long form for a short length */
        {"30060281010102 0101"},
        {"3026022101" "0000000000000000000000000000000000000000000000000000000000000000" "020101"}, /* 33 bytes */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t in[80];
        char clean[200];
        size_t o = 0;
        for (const char *p = cases[i].hex; *p && o < sizeof clean - 1; p++)
            if (*p != ' ')
                clean[o++] = *p;
        clean[o] = 0;
        size_t n = test_unhex(clean, in, sizeof in);
        CHECK_MSG(gmtls_sm2_sig_from_der(in, n, back) == GMTLS_ERR_BAD_SIGNATURE, "DER case %zu", i);
    }
    /* r = 1, s = 0x80: minimal encodings accepted. */
    uint8_t ok[] = {0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0x80};
    CHECK_OK(gmtls_sm2_sig_from_der(ok, sizeof ok, back));
    CHECK_EQ(back[31], 1);
    CHECK_EQ(back[63], 0x80);
    CHECK_ERR(gmtls_sm2_sig_from_der(NULL, 5, back), GMTLS_ERR_INVALID_ARG);
    /* Strictness as a property: whatever the decoder accepts re-encodes to exactly the same bytes.
     * Inputs are valid encodings with one byte changed, and random bytes behind 30 xx 02. */
    unsigned accepted = 0, noncanonical = 0, badcode = 0;
    for (int i = 0; i < 4000; i++) {
        uint8_t in[80], re[72];
        size_t ilen, relen;
        if (i & 1) {
            test_rand_bytes(sig, 64);
            sig[0] &= (uint8_t)test_rand_u32();
            CHECK_OK(gmtls_sm2_sig_to_der(sig, in, &ilen));
            in[test_rand_u32() % ilen] ^= (uint8_t)(1u << (test_rand_u32() % 8));
        } else {
            ilen = 2 + test_rand_u32() % 76;
            test_rand_bytes(in, ilen);
            in[0] = 0x30;
            in[1] = (uint8_t)(ilen - 2);
            in[2] = 0x02;
        }
        int rc = gmtls_sm2_sig_from_der(in, ilen, back);
        if (rc == 0) {
            accepted++;
            CHECK_OK(gmtls_sm2_sig_to_der(back, re, &relen));
            noncanonical += !(relen == ilen && memcmp(re, in, ilen) == 0);
        } else {
            badcode += rc != GMTLS_ERR_BAD_SIGNATURE;
        }
    }
    CHECK(accepted > 0);
    CHECK_EQ(noncanonical, 0);
    CHECK_EQ(badcode, 0);
}

static void test_flips_and_ids(void)
{
    gmtls_sm2_key key;
    uint8_t sig[64], bad[64];
    const uint8_t msg[] = "message";
    CHECK_OK(gmtls_sm2_keygen(&key));
    CHECK_OK(gmtls_sm2_sign(&key, NULL, 0, msg, 7, sig)); /* empty ID is legal */
    CHECK_OK(gmtls_sm2_verify(&key.pub, NULL, 0, msg, 7, sig));
    CHECK_ERR(gmtls_sm2_verify(&key.pub, (const uint8_t *)GMTLS_SM2_DEFAULT_ID, 16, msg, 7, sig),
              GMTLS_ERR_VERIFY_FAILED);
    /* Every single-bit flip is rejected, with the code its value calls for, by both verify paths. */
    gmtls_sm2_verify_key *vk = malloc(sizeof *vk);
    gmtls_sm2_verify_key_init(vk, &key.pub);
    CHECK_OK(gmtls_sm2_verify_key_verify(vk, NULL, 0, msg, 7, sig));
    for (int bit = 0; bit < 512; bit++) {
        memcpy(bad, sig, 64);
        bad[bit / 8] ^= (uint8_t)(0x80 >> (bit % 8));
        int want = sig_in_range(bad) ? GMTLS_ERR_VERIFY_FAILED : GMTLS_ERR_BAD_SIGNATURE;
        int rc = gmtls_sm2_verify(&key.pub, NULL, 0, msg, 7, bad);
        CHECK_MSG(rc == want, "bit %d: %s", bit, gmtls_errname(rc));
        rc = gmtls_sm2_verify_key_verify(vk, NULL, 0, msg, 7, bad);
        CHECK_MSG(rc == want, "verify key, bit %d: %s", bit, gmtls_errname(rc));
    }
    /* Default ID through the cached Z, and a custom ID through the full computation. */
    CHECK_OK(gmtls_sm2_sign(&key, (const uint8_t *)GMTLS_SM2_DEFAULT_ID, 16, msg, 7, sig));
    CHECK_OK(gmtls_sm2_verify_key_verify(vk, (const uint8_t *)GMTLS_SM2_DEFAULT_ID, 16, msg, 7, sig));
    CHECK_ERR(gmtls_sm2_verify_key_verify(vk, NULL, 0, msg, 7, sig), GMTLS_ERR_VERIFY_FAILED);
    CHECK_ERR(gmtls_sm2_verify_key_verify(vk, NULL, 5, msg, 7, sig), GMTLS_ERR_INVALID_ARG);
    free(vk);
    /* ID lengths: 8191 bytes is the maximum (ENTL = 65528 bits). */
    uint8_t *id = calloc(1, 8193);
    uint8_t z[32];
    CHECK(id != NULL);
    if (!id)
        return;
    memset(id, 'A', 8192);
    CHECK_OK(gmtls_sm2_compute_z(&key.pub, id, 8191, z));
    CHECK_ERR(gmtls_sm2_compute_z(&key.pub, id, 8192, z), GMTLS_ERR_BAD_LENGTH);
    CHECK_OK(gmtls_sm2_sign(&key, id, 8191, msg, 7, sig));
    CHECK_OK(gmtls_sm2_verify(&key.pub, id, 8191, msg, 7, sig));
    CHECK_ERR(gmtls_sm2_sign(&key, id, 8192, msg, 7, sig), GMTLS_ERR_BAD_LENGTH);
    CHECK_ERR(gmtls_sm2_verify(&key.pub, id, 8192, msg, 7, sig), GMTLS_ERR_BAD_LENGTH);
    gmtls_sm2_sign_key sk;
    gmtls_sm2_sign_key_init(&sk, &key);
    CHECK_ERR(gmtls_sm2_sign_key_sign(&sk, id, 8192, msg, 7, sig), GMTLS_ERR_BAD_LENGTH);
    CHECK_OK(gmtls_sm2_sign_key_sign(&sk, id, 300, msg, 7, sig));
    CHECK_OK(gmtls_sm2_verify(&key.pub, id, 300, msg, 7, sig));
    free(id);
    CHECK_ERR(gmtls_sm2_compute_z(&key.pub, NULL, 3, z), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm2_sign(&key, NULL, 0, NULL, 3, sig), GMTLS_ERR_INVALID_ARG);
}

/* The nonce is fresh for every signature: two signatures of one message differ, and a source that
 * fails makes signing fail cleanly. */
static int failing_source(void *ctx, void *buf, size_t len)
{
    (void)ctx;
    memset(buf, 0, len);
    return GMTLS_ERR_RANDOM;
}

static int constant_source(void *ctx, void *buf, size_t len)
{
    memset(buf, *(const uint8_t *)ctx, len);
    return 0;
}

static void test_randomness(void)
{
    gmtls_sm2_key key;
    gmtls_sm2_sign_key sk;
    uint8_t s1[64], s2[64], e[32] = {1};
    CHECK_OK(gmtls_sm2_keygen(&key));
    gmtls_sm2_sign_key_init(&sk, &key);
    CHECK_OK(gmtls_sm2_sign_key_sign_digest(&sk, e, s1));
    CHECK_OK(gmtls_sm2_sign_key_sign_digest(&sk, e, s2));
    CHECK(memcmp(s1, s2, 64) != 0);
    gmtls_rand_set_source(failing_source, NULL);
    CHECK_ERR(gmtls_sm2_sign_key_sign_digest(&sk, e, s1), GMTLS_ERR_RANDOM);
    CHECK_ERR(gmtls_sm2_sign_digest(&key, e, s1), GMTLS_ERR_RANDOM);
    CHECK_ERR(gmtls_sm2_keygen(&key), GMTLS_ERR_RANDOM);
    /* A source stuck at 0xff never yields a scalar < n: bounded retries, then an error. */
    uint8_t ff = 0xff;
    gmtls_rand_set_source(constant_source, &ff);
    CHECK_ERR(gmtls_sm2_sign_key_sign_digest(&sk, e, s1), GMTLS_ERR_RANDOM);
    CHECK_ERR(gmtls_sm2_keygen(&key), GMTLS_ERR_RANDOM);
    gmtls_rand_set_source(NULL, NULL);
    /* Deterministic source: reproducible signatures. */
    gmtls_drbg_test d;
    CHECK_OK(gmtls_sm2_keygen(&key));
    gmtls_sm2_sign_key_init(&sk, &key);
    gmtls_drbg_test_init(&d, "seed", 4);
    gmtls_rand_set_source(gmtls_drbg_test_fill, &d);
    CHECK_OK(gmtls_sm2_sign_key_sign_digest(&sk, e, s1));
    gmtls_drbg_test_init(&d, "seed", 4);
    CHECK_OK(gmtls_sm2_sign_key_sign_digest(&sk, e, s2));
    CHECK_MEM(s1, s2, 64);
    gmtls_rand_set_source(NULL, NULL);
}

/* Fixed nonces that hit the retry rules of GB/T 32918.2 6.1 are refused by the test entry point. */
static void test_nonce_rules(void)
{
    gmtls_sm2_key key;
    uint8_t d[32] = {0}, k[32] = {0}, e[32], sig[64];
    d[31] = 7;
    CHECK_OK(gmtls_sm2_key_from_bytes(&key, d));
    memset(e, 0x11, 32);
    CHECK_ERR(gmtls_sm2_sign_digest_with_k(&key, e, k, sig), GMTLS_ERR_INVALID_ARG); /* k = 0 */
    CHECK_ERR(gmtls_sm2_sign_digest_with_k(&key, e, N, sig), GMTLS_ERR_INVALID_ARG); /* k = n */
    /* Choose e so that r = e + x1 = 0 mod n for k = 1 (x1 = Gx): e = n - Gx. */
    k[31] = 1;
    gmtls_sm2_scalar gx, ev;
    (void)gmtls_sm2_scalar_from_bytes(&gx, gmtls_sm2_z_params + 64);
    gmtls_sm2_scalar_neg(&ev, &gx);
    gmtls_sm2_scalar_to_bytes(e, &ev);
    CHECK_ERR(gmtls_sm2_sign_digest_with_k(&key, e, k, sig), GMTLS_ERR_INVALID_ARG);
    /* r + k = n: with k = 1, r = n - 1, so e = n - 1 - Gx. */
    gmtls_sm2_scalar one;
    gmtls_sm2_scalar_set_u64(&one, 1);
    gmtls_sm2_scalar_sub(&ev, &ev, &one);
    gmtls_sm2_scalar_to_bytes(e, &ev);
    CHECK_ERR(gmtls_sm2_sign_digest_with_k(&key, e, k, sig), GMTLS_ERR_INVALID_ARG);
    /* Any other e signs. */
    gmtls_sm2_scalar_sub(&ev, &ev, &one);
    gmtls_sm2_scalar_to_bytes(e, &ev);
    CHECK_OK(gmtls_sm2_sign_digest_with_k(&key, e, k, sig));
    CHECK_OK(gmtls_sm2_verify_digest(&key.pub, e, sig));
}

/* The final check of verification without an inversion, white-box: x1 >= n (probability about
 * 2^-97 for a real signature, so no known answer can reach it) must match c = x1 - n, and points
 * in any Jacobian representation must match their x mod n and nothing else. */
static void test_x_matches(void)
{
    uint8_t x[32], y[32], lam[32];
    gmtls_sm2_point p;
    int found = 0;
    memcpy(x, N, 32);
    for (int i = 0; i < 200 && !found; i++) {
        x[31]++; /* n + 1, n + 2, ... (no carry for these few steps) */
        found = gmtls_sm2_point_decompress(y, x, 0) == 0;
    }
    CHECK(found);
    CHECK_OK(gmtls_sm2_point_from_affine(&p, x, y));
    /* (X, Y, Z) -> (l^2 X, l^3 Y, l Z) */
    test_rand_bytes(lam, 32);
    lam[0] &= 0x7f;
    gmtls_sm2_fe l, l2;
    (void)gmtls_sm2_fe_from_bytes(&l, lam);
    gmtls_sm2_fe_sqr(&l2, &l);
    gmtls_sm2_fe_mul(&p.X, &p.X, &l2);
    gmtls_sm2_fe_mul(&l2, &l2, &l);
    gmtls_sm2_fe_mul(&p.Y, &p.Y, &l2);
    gmtls_sm2_fe_mul(&p.Z, &p.Z, &l);
    uint8_t xa[32];
    CHECK_OK(gmtls_sm2_point_to_affine(xa, NULL, &p));
    CHECK_MEM(xa, x, 32);
    gmtls_sm2_scalar c, one;
    uint8_t cb[32];
    (void)gmtls_sm2_scalar_from_bytes(&c, x); /* x mod n = x - n */
    gmtls_sm2_scalar_to_bytes(cb, &c);
    CHECK(cb[31] == x[31] - N[31] && cb[30] == 0);
    CHECK(gmtls_sm2_x_matches(&p, &c));
    gmtls_sm2_scalar_set_u64(&one, 1);
    gmtls_sm2_scalar_add(&c, &c, &one);
    CHECK(!gmtls_sm2_x_matches(&p, &c));
    /* An ordinary point: matches its x and not x + 1. */
    gmtls_sm2_point g;
    gmtls_sm2_point_generator(&g);
    gmtls_sm2_point_double(&g, &g);
    CHECK_OK(gmtls_sm2_point_to_affine(xa, NULL, &g));
    (void)gmtls_sm2_scalar_from_bytes(&c, xa);
    CHECK(gmtls_sm2_x_matches(&g, &c));
    gmtls_sm2_scalar_add(&c, &c, &one);
    CHECK(!gmtls_sm2_x_matches(&g, &c));
}

int main(void)
{
    test_unhex(N_HEX, N, 32);
    test_rand_seed(0x5a2);
    /* Every arithmetic path this CPU offers: all features, then none (portable). */
    static const uint32_t masks[] = {0xffffffffu, 0};
    for (size_t m = 0; m < 2; m++) {
        gmtls_cpu_set_mask(masks[m]);
        gmtls_sm2_arith_impl_reset();
        if (m == 1 && strcmp(gmtls_sm2_impl(), "portable") != 0)
            CHECK(0);
        test_sign_kat();
        test_verify_kat();
        test_invalid_verify();
        test_nonce_rules();
        test_x_matches();
    }
    gmtls_cpu_set_mask(0xffffffffu);
    gmtls_sm2_arith_impl_reset();
    test_der();
    test_flips_and_ids();
    test_randomness();
    return test_report();
}
