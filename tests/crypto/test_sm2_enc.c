/* SM2 encryption (GB/T 32918.4): known answers with fixed k in all three formats
 * (shared/vectors/sm2_enc.txt), decryption of each, the decrypt cases of sm2_invalid.txt, random
 * round trips, and forged / truncated ciphertexts: each gives GMTLS_ERR_DECRYPT_FAILED and leaves
 * the output buffer all zeros. Run on every arithmetic path. */
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "crypto/sm2_arith.h"
#include "crypto/sm2_internal.h"
#include "gmtls/sm2.h"
#include "test.h"
#include "vectors.h"

static const gmtls_sm2_format formats[3] = {GMTLS_SM2_C1C3C2, GMTLS_SM2_C1C2C3, GMTLS_SM2_DER};
static const char *const format_keys[3] = {"c1c3c2", "c1c2c3", "der"};

static int all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

/* Decrypt expecting failure: exact code, nothing left in the whole output buffer. */
static int decrypt_fails(const gmtls_sm2_key *key, gmtls_sm2_format f, const uint8_t *in, size_t len, size_t cap)
{
    uint8_t *out = malloc(cap + 1);
    size_t out_len = 12345;
    if (!out)
        return 0;
    memset(out, 0xaa, cap + 1);
    int rc = gmtls_sm2_decrypt(key, f, in, len, out, cap, &out_len);
    int ok = rc == GMTLS_ERR_DECRYPT_FAILED && all_zero(out, cap) && out[cap] == 0xaa && out_len == 0;
    free(out);
    return ok;
}

static void test_kat(void)
{
    tv_file f;
    if (tv_load(&f, "sm2_enc.txt") != 0)
        return;
    CHECK(f.n >= 16);
    for (size_t i = 0; i < f.n; i++) {
        const tv_case *c = &f.cases[i];
        uint8_t d[32], k[32], px[32], py[32];
        size_t msg_len;
        uint8_t *msg = tv_hex(c, "msg", &msg_len);
        gmtls_sm2_key key;
        if (tv_hex_fixed(c, "priv", d, 32) || tv_hex_fixed(c, "k", k, 32) || tv_hex_fixed(c, "pub_x", px, 32) ||
            tv_hex_fixed(c, "pub_y", py, 32)) {
            free(msg);
            continue;
        }
        CHECK_OK(gmtls_sm2_key_from_bytes(&key, d));
        CHECK_MEM(key.pub.x, px, 32);
        CHECK_MEM(key.pub.y, py, 32);
        for (int fi = 0; fi < 3; fi++) {
            size_t want_len;
            uint8_t *want = tv_hex(c, format_keys[fi], &want_len);
            size_t cap = gmtls_sm2_ciphertext_size(formats[fi], msg_len);
            CHECK(cap >= want_len);
            if (formats[fi] != GMTLS_SM2_DER)
                CHECK_EQ(cap, want_len);
            uint8_t *out = malloc(cap + 1), *plain = malloc(msg_len + 1);
            size_t out_len = 0, plain_len = 0;
            CHECK_OK(gmtls_sm2_encrypt_with_k(&key.pub, msg, msg_len, formats[fi], k, out, cap, &out_len));
            CHECK_MSG(out_len == want_len && memcmp(out, want, want_len) == 0, "%s, sm2_enc.txt line %d",
                      format_keys[fi], c->line);
            /* Decrypt the vector's ciphertext, unaligned, into an exactly sized buffer. */
            uint8_t *in = malloc(want_len + 1);
            memcpy(in + 1, want, want_len);
            CHECK_OK(gmtls_sm2_decrypt(&key, formats[fi], in + 1, want_len, plain + 1, msg_len, &plain_len));
            CHECK_EQ(plain_len, msg_len);
            CHECK_MSG(memcmp(plain + 1, msg, msg_len) == 0, "decrypt %s, line %d", format_keys[fi], c->line);
            /* One byte too small a buffer is refused before any work. */
            CHECK_ERR(gmtls_sm2_decrypt(&key, formats[fi], want, want_len, plain, msg_len - 1, &plain_len),
                      GMTLS_ERR_BUFFER_TOO_SMALL);
            free(in);
            free(out);
            free(plain);
            free(want);
        }
        /* The parts given separately match the raw form. */
        size_t c1x_len, c3_len, c2_len;
        uint8_t *c1x = tv_hex(c, "c1_x", &c1x_len), *c3 = tv_hex(c, "c3", &c3_len), *c2 = tv_hex(c, "c2", &c2_len);
        CHECK_EQ(c2_len, msg_len);
        CHECK_EQ(c3_len, 32);
        free(c1x);
        free(c3);
        free(c2);
        free(msg);
    }
    tv_free(&f);
}

static void test_invalid_vectors(void)
{
    tv_file f;
    if (tv_load(&f, "sm2_invalid.txt") != 0)
        return;
    size_t n = 0, pos = 0;
    for (const tv_case *c; (c = tv_next_where(&f, &pos, "op", "decrypt")) != NULL;) {
        n++;
        uint8_t d[32];
        size_t der_len;
        uint8_t *der = tv_hex(c, "der", &der_len);
        gmtls_sm2_key key;
        CHECK(tv_hex_fixed(c, "priv", d, 32) == 0);
        CHECK_OK(gmtls_sm2_key_from_bytes(&key, d));
        if (strcmp(tv_get(c, "result"), "valid") == 0) {
            size_t msg_len, out_len;
            uint8_t *msg = tv_hex(c, "msg", &msg_len);
            uint8_t out[256];
            CHECK_OK(gmtls_sm2_decrypt(&key, GMTLS_SM2_DER, der, der_len, out, sizeof out, &out_len));
            CHECK_EQ(out_len, msg_len);
            CHECK_MEM(out, msg, msg_len);
            CHECK(all_zero(out + msg_len, sizeof out - msg_len));
            free(msg);
        } else {
            CHECK_MSG(decrypt_fails(&key, GMTLS_SM2_DER, der, der_len, 256), "sm2_invalid.txt line %d", c->line);
        }
        free(der);
    }
    CHECK(n >= 15);
    tv_free(&f);
}

static void test_round_trips(void)
{
    gmtls_sm2_key key;
    CHECK_OK(gmtls_sm2_keygen(&key));
    for (int i = 0; i < 60; i++) {
        size_t len = 1 + (i < 40 ? (size_t)i : test_rand_u32() % 2000);
        gmtls_sm2_format fmt = formats[i % 3];
        uint8_t *msg = malloc(len), *ct = malloc(len + 200), *pt = malloc(len + 1);
        size_t ct_len, pt_len;
        test_rand_bytes(msg, len);
        size_t cap = gmtls_sm2_ciphertext_size(fmt, len);
        CHECK_OK(gmtls_sm2_encrypt(&key.pub, msg, len, fmt, ct, cap, &ct_len));
        CHECK(ct_len <= cap);
        CHECK_OK(gmtls_sm2_decrypt(&key, fmt, ct, ct_len, pt, len, &pt_len));
        CHECK_EQ(pt_len, len);
        CHECK_MEM(pt, msg, len);
        /* Two encryptions of one message differ (fresh k). */
        uint8_t *ct2 = malloc(len + 200);
        size_t ct2_len;
        CHECK_OK(gmtls_sm2_encrypt(&key.pub, msg, len, fmt, ct2, cap, &ct2_len));
        CHECK(memcmp(ct, ct2, 65 < ct_len ? 65 : ct_len) != 0);
        /* Decrypting in the wrong format fails. */
        CHECK(decrypt_fails(&key, formats[(i + 1) % 3], ct, ct_len, len + 200));
        free(ct2);
        free(msg);
        free(ct);
        free(pt);
    }
}

/* Every truncation, one extra byte, and a flipped byte in every position: each is rejected with the
 * one error code and an all-zero output buffer. */
static void test_forgeries(void)
{
    gmtls_sm2_key key, other;
    CHECK_OK(gmtls_sm2_keygen(&key));
    CHECK_OK(gmtls_sm2_keygen(&other));
    uint8_t msg[48], ct[300], ext[301];
    test_rand_bytes(msg, sizeof msg);
    for (int fi = 0; fi < 3; fi++) {
        size_t len;
        CHECK_OK(gmtls_sm2_encrypt(&key.pub, msg, sizeof msg, formats[fi], ct, sizeof ct, &len));
        unsigned bad = 0;
        for (size_t t = 0; t < len; t++)
            bad += !decrypt_fails(&key, formats[fi], ct, t, sizeof ct);
        CHECK_MSG(bad == 0, "%s: %u truncations not rejected", format_keys[fi], bad);
        memcpy(ext, ct, len);
        ext[len] = 0;
        CHECK(decrypt_fails(&key, formats[fi], ext, len + 1, sizeof ext));
        bad = 0;
        for (size_t pos = 0; pos < len; pos++) {
            memcpy(ext, ct, len);
            ext[pos] ^= (uint8_t)(1u << (pos % 8));
            bad += !decrypt_fails(&key, formats[fi], ext, len, sizeof ext);
        }
        CHECK_MSG(bad == 0, "%s: %u flipped bytes not rejected", format_keys[fi], bad);
        CHECK(decrypt_fails(&other, formats[fi], ct, len, sizeof ct));
        /* Untouched, it still decrypts. */
        uint8_t pt[48];
        size_t pt_len;
        CHECK_OK(gmtls_sm2_decrypt(&key, formats[fi], ct, len, pt, sizeof pt, &pt_len));
        CHECK_MEM(pt, msg, sizeof msg);
    }
}

static void test_args(void)
{
    gmtls_sm2_key key;
    uint8_t msg[4] = {1, 2, 3, 4}, out[200];
    size_t len;
    CHECK_OK(gmtls_sm2_keygen(&key));
    CHECK_ERR(gmtls_sm2_encrypt(&key.pub, msg, 0, GMTLS_SM2_C1C3C2, out, sizeof out, &len), GMTLS_ERR_BAD_LENGTH);
    CHECK_ERR(gmtls_sm2_encrypt(&key.pub, msg, 4, GMTLS_SM2_C1C3C2, out, 100, &len), GMTLS_ERR_BUFFER_TOO_SMALL);
    CHECK_OK(gmtls_sm2_encrypt(&key.pub, msg, 4, GMTLS_SM2_C1C3C2, out, 101, &len));
    CHECK_EQ(len, 101);
    CHECK_ERR(gmtls_sm2_encrypt(&key.pub, msg, 4, (gmtls_sm2_format)7, out, sizeof out, &len), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm2_decrypt(&key, (gmtls_sm2_format)7, out, 101, out + 101, 50, &len), GMTLS_ERR_INVALID_ARG);
    /* No output buffer at all: the announced plaintext does not fit. */
    CHECK_ERR(gmtls_sm2_decrypt(&key, GMTLS_SM2_C1C3C2, out, 101, NULL, 0, &len), GMTLS_ERR_BUFFER_TOO_SMALL);
    CHECK_ERR(gmtls_sm2_decrypt(&key, GMTLS_SM2_C1C3C2, out, 3, NULL, 0, &len), GMTLS_ERR_DECRYPT_FAILED);
    CHECK_ERR(gmtls_sm2_decrypt(&key, GMTLS_SM2_C1C3C2, NULL, 0, NULL, 0, &len), GMTLS_ERR_DECRYPT_FAILED);
    CHECK_ERR(gmtls_sm2_decrypt(&key, GMTLS_SM2_C1C3C2, out, 101, NULL, 4, &len), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm2_encrypt(&key.pub, NULL, 4, GMTLS_SM2_DER, out, sizeof out, &len), GMTLS_ERR_INVALID_ARG);
    CHECK_EQ(gmtls_sm2_ciphertext_size((gmtls_sm2_format)9, 4), 0);
    CHECK_EQ(gmtls_sm2_ciphertext_size(GMTLS_SM2_C1C2C3, SIZE_MAX), 0);
    CHECK_EQ(gmtls_sm2_ciphertext_size(GMTLS_SM2_C1C2C3, 48), 145);
    /* DER bound: 48-byte premaster, at most 3 + 35 + 35 + 34 + 50 = 157 bytes. */
    CHECK_EQ(gmtls_sm2_ciphertext_size(GMTLS_SM2_DER, 48), 157);
    /* Fixed k out of range. */
    uint8_t k[32];
    memset(k, 0, 32);
    CHECK_ERR(gmtls_sm2_encrypt_with_k(&key.pub, msg, 4, GMTLS_SM2_DER, k, out, sizeof out, &len),
              GMTLS_ERR_INVALID_ARG);
    memset(k, 0xff, 32);
    CHECK_ERR(gmtls_sm2_encrypt_with_k(&key.pub, msg, 4, GMTLS_SM2_DER, k, out, sizeof out, &len),
              GMTLS_ERR_INVALID_ARG);
}

/* Overlapping buffers are rejected before anything is written (encryption would overwrite M before
 * reading it and report success; decryption writes the KDF output over C2). */
static void test_overlap(void)
{
    gmtls_sm2_key key;
    uint8_t buf[400], ct[200], save[400];
    size_t len = 7, ct_len;
    CHECK_OK(gmtls_sm2_keygen(&key));
    test_rand_bytes(buf, sizeof buf);
    memcpy(save, buf, sizeof buf);
    /* msg inside out, at its start and further in. */
    CHECK_ERR(gmtls_sm2_encrypt(&key.pub, buf, 20, GMTLS_SM2_C1C3C2, buf, 200, &len), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm2_encrypt(&key.pub, buf + 100, 20, GMTLS_SM2_C1C2C3, buf, 200, &len), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm2_encrypt(&key.pub, buf + 190, 20, GMTLS_SM2_DER, buf, 200, &len), GMTLS_ERR_INVALID_ARG);
    CHECK_MEM(buf, save, sizeof buf);
    /* Adjacent is fine. */
    CHECK_OK(gmtls_sm2_encrypt(&key.pub, buf + 200, 20, GMTLS_SM2_C1C3C2, buf, 200, &len));
    CHECK_EQ(len, 117);
    memcpy(ct, buf, len);
    ct_len = len;
    /* Decryption in place or shifted. */
    memcpy(buf, ct, ct_len);
    CHECK_ERR(gmtls_sm2_decrypt(&key, GMTLS_SM2_C1C3C2, buf, ct_len, buf, ct_len, &len), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm2_decrypt(&key, GMTLS_SM2_C1C3C2, buf, ct_len, buf + 50, 100, &len), GMTLS_ERR_INVALID_ARG);
    CHECK_MEM(buf, ct, ct_len);
    CHECK_OK(gmtls_sm2_decrypt(&key, GMTLS_SM2_C1C3C2, buf, ct_len, buf + ct_len, 20, &len));
    CHECK_EQ(len, 20);
    CHECK_MEM(buf + ct_len, save + 200, 20);
}

/* GB/T 32918.4 5.4.3: the KDF makes at most (2^32 - 1) * 32 bytes, so longer messages cannot be
 * encrypted (the KDF would fail and C2 would be M xor whatever out held). Only the length is
 * examined before the error, so a short buffer stands in for the huge one. */
static void test_kdf_limit(void)
{
    gmtls_sm2_key key;
    uint8_t msg[4] = {1, 2, 3, 4}, out[200];
    size_t len;
    if (sizeof(size_t) < 8)
        return;
    size_t max = (size_t)0xffffffffu * 32;
    CHECK_OK(gmtls_sm2_keygen(&key));
    CHECK_EQ(gmtls_sm2_ciphertext_size(GMTLS_SM2_C1C3C2, max), max + 97);
    CHECK_EQ(gmtls_sm2_ciphertext_size(GMTLS_SM2_C1C3C2, max + 1), 0);
    CHECK_EQ(gmtls_sm2_ciphertext_size(GMTLS_SM2_DER, max + 1), 0);
    CHECK_ERR(gmtls_sm2_encrypt(&key.pub, msg, max + 1, GMTLS_SM2_C1C2C3, out, sizeof out, &len),
              GMTLS_ERR_BAD_LENGTH);
    /* A raw ciphertext announcing a longer C2 is malformed (only its first 65 bytes are read). */
    CHECK_OK(gmtls_sm2_encrypt(&key.pub, msg, 4, GMTLS_SM2_C1C3C2, out, sizeof out, &len));
    CHECK(decrypt_fails(&key, GMTLS_SM2_C1C3C2, out, max + 1 + 97, 64));
}

/* Random bytes, and random bytes behind a plausible DER header, in every format: always the one
 * error code and a zeroed buffer, never a crash (this runs under ASan and valgrind too). */
static void test_garbage(void)
{
    gmtls_sm2_key key;
    uint8_t in[300];
    CHECK_OK(gmtls_sm2_keygen(&key));
    unsigned bad = 0;
    for (int i = 0; i < 1500; i++) {
        size_t len = test_rand_u32() % sizeof in;
        test_rand_bytes(in, len);
        if (len > 4 && i % 3 == 0) {
            in[0] = 0x30;
            in[1] = (uint8_t)(len - 2 < 0x80 ? len - 2 : 0x81);
            in[2] = 0x02;
        } else if (len > 0 && i % 3 == 1) {
            in[0] = 0x04;
        }
        bad += !decrypt_fails(&key, formats[i % 3], in, len, 64 + test_rand_u32() % 300);
    }
    CHECK_MSG(bad == 0, "%u garbage ciphertexts not rejected cleanly", bad);
}

int main(void)
{
    test_rand_seed(0xe2c);
    static const uint32_t masks[] = {0xffffffffu, 0};
    for (size_t m = 0; m < 2; m++) {
        gmtls_cpu_set_mask(masks[m]);
        gmtls_sm2_arith_impl_reset();
        test_kat();
        test_invalid_vectors();
        test_forgeries();
    }
    gmtls_cpu_set_mask(0xffffffffu);
    gmtls_sm2_arith_impl_reset();
    test_round_trips();
    test_args();
    test_overlap();
    test_kdf_limit();
    test_garbage();
    return test_report();
}
