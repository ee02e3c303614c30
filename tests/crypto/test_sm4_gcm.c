/* SM4-GCM: the known answers of shared/vectors/sm4_gcm.txt (RFC 8998 A.1 and more; the forgeries
 * must fail with GMTLS_ERR_AUTH_FAILED and leave only zeros), tampering with every bit of our own
 * encryptions, every GHASH x SM4 implementation pair against the portable pair (unaligned, in
 * place, IV lengths 1/12/16/60, lengths 0..600 and some of ~100 KB), and the argument checks. */
#include <stdint.h>
#include <stdlib.h>

#include "core/cpu.h"
#include "crypto/sm4_ghash.h"
#include "crypto/sm4_internal.h"
#include "gmtls/sm4_gcm.h"
#include "gcm_model.h"
#include "test.h"
#include "vectors.h"

static int all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

static void use_mask(uint32_t m)
{
    gmtls_cpu_set_mask(m);
    gmtls_sm4_impl_reset();
}

/* ---- known answers ---- */

static void test_vectors(void)
{
    tv_file f;
    if (tv_load(&f, "sm4_gcm.txt") != 0)
        return;
    size_t nvalid = 0, ninvalid = 0;
    for (size_t i = 0; i < f.n; i++) {
        const tv_case *c = &f.cases[i];
        uint8_t key[16];
        size_t iv_len, aad_len, ct_len, tag_len;
        if (tv_hex_fixed(c, "key", key, 16) != 0)
            continue;
        uint8_t *iv = tv_hex(c, "iv", &iv_len);
        uint8_t *aad = tv_hex(c, "aad", &aad_len);
        uint8_t *ct = tv_hex(c, "ct", &ct_len);
        uint8_t *tag = tv_hex(c, "tag", &tag_len);
        const char *result = tv_get(c, "result");
        gmtls_sm4_gcm_ctx ctx;
        gmtls_sm4_gcm_init(&ctx, key);
        uint8_t *out = malloc(ct_len + 32), *io = malloc(ct_len + 32);
        uint8_t got_tag[16];
        CHECK(result != NULL && out != NULL && io != NULL);
        if (!result || !out || !io) {
            free(out), free(io), free(iv), free(aad), free(ct), free(tag);
            continue;
        }
        if (strcmp(result, "valid") == 0) {
            size_t pt_len;
            uint8_t *pt = tv_hex(c, "pt", &pt_len);
            CHECK_EQ(pt_len, ct_len);
            CHECK_EQ(tag_len, 16);
            nvalid++;
            CHECK_OK(gmtls_sm4_gcm_encrypt(&ctx, iv, iv_len, aad, aad_len, pt, out, pt_len, got_tag));
            CHECK_MEM(out, ct, ct_len);
            CHECK_MEM(got_tag, tag, 16);
            CHECK_OK(gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, aad_len, ct, out, ct_len, tag));
            CHECK_MEM(out, pt, pt_len);
            memcpy(io, ct, ct_len);
            CHECK_OK(gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, aad_len, io, io, ct_len, tag));
            CHECK_MEM(io, pt, pt_len);
            memcpy(io, pt, pt_len);
            CHECK_OK(gmtls_sm4_gcm_encrypt(&ctx, iv, iv_len, aad, aad_len, io, io, pt_len, got_tag));
            CHECK_MEM(io, ct, ct_len);
            CHECK_MEM(got_tag, tag, 16);
            free(pt);
        } else {
            CHECK(strcmp(result, "invalid") == 0);
            ninvalid++;
            /* The API takes 16-byte tags. A record carries ciphertext || tag and the receiver takes
             * the last 16 bytes as the tag, so a forgery with another tag length is checked the
             * way it would arrive: split the concatenation 16 bytes from its end. */
            uint8_t *rec = malloc(ct_len + tag_len + 1);
            CHECK(rec != NULL && ct_len + tag_len >= 16);
            if (rec && ct_len + tag_len >= 16) {
                memcpy(rec, ct, ct_len);
                memcpy(rec + ct_len, tag, tag_len);
                size_t n = ct_len + tag_len - 16;
                memset(out, 0xA5, n + 1);
                CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, aad_len, rec, out, n, rec + n),
                          GMTLS_ERR_AUTH_FAILED);
                CHECK_MSG(all_zero(out, n) && out[n] == 0xA5, "case at line %d: output not cleared exactly", c->line);
                uint8_t t16[16];
                memcpy(t16, rec + n, 16);
                CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, aad_len, rec, rec, n, t16),
                          GMTLS_ERR_AUTH_FAILED);
                CHECK(all_zero(rec, n));
            }
            free(rec);
        }
        gmtls_sm4_gcm_wipe(&ctx);
        free(out), free(io), free(iv), free(aad), free(ct), free(tag);
    }
    CHECK_EQ(nvalid, 16);
    CHECK_EQ(ninvalid, 7);
    tv_free(&f);
}

/* ---- tampering ---- */

/* Every single-bit change of tag, ciphertext, AAD and IV must be refused, leaving zeros. */
static void tamper_one(size_t iv_len)
{
    enum { AAD = 21, LEN = 45 };
    uint8_t key[16], iv[60], aad[AAD], pt[LEN], ct[LEN], tag[16], out[LEN];
    gmtls_sm4_gcm_ctx ctx;
    test_rand_bytes(key, sizeof key);
    test_rand_bytes(iv, sizeof iv);
    test_rand_bytes(aad, sizeof aad);
    test_rand_bytes(pt, sizeof pt);
    gmtls_sm4_gcm_init(&ctx, key);
    CHECK_OK(gmtls_sm4_gcm_encrypt(&ctx, iv, iv_len, aad, AAD, pt, ct, LEN, tag));
    CHECK_OK(gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, AAD, ct, out, LEN, tag));
    CHECK_MEM(out, pt, LEN);
    unsigned long bad = 0, dirty = 0;
    struct {
        uint8_t *p;
        size_t n;
    } parts[] = {{tag, 16}, {ct, LEN}, {aad, AAD}, {iv, iv_len}};
    for (size_t k = 0; k < 4; k++)
        for (size_t bit = 0; bit < 8 * parts[k].n; bit++) {
            parts[k].p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            memset(out, 0xA5, LEN);
            if (gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, AAD, ct, out, LEN, tag) != GMTLS_ERR_AUTH_FAILED)
                bad++;
            if (!all_zero(out, LEN))
                dirty++;
            parts[k].p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
    CHECK_MSG(bad == 0, "iv_len %zu: %lu tampered inputs not refused", iv_len, bad);
    CHECK_MSG(dirty == 0, "iv_len %zu: %lu refusals left output", iv_len, dirty);
    /* Shorter ciphertext, shorter or missing AAD, shorter IV, and an in-place failure. */
    memset(out, 0xA5, LEN);
    CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, AAD, ct, out, LEN - 1, tag), GMTLS_ERR_AUTH_FAILED);
    CHECK(all_zero(out, LEN - 1) && out[LEN - 1] == 0xA5);
    CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, AAD - 1, ct, out, LEN, tag), GMTLS_ERR_AUTH_FAILED);
    CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, NULL, 0, ct, out, LEN, tag), GMTLS_ERR_AUTH_FAILED);
    if (iv_len > 1)
        CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len - 1, aad, AAD, ct, out, LEN, tag), GMTLS_ERR_AUTH_FAILED);
    CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len + 1, aad, AAD, ct, out, LEN, tag), GMTLS_ERR_AUTH_FAILED);
    CHECK(all_zero(out, LEN));
    tag[15] ^= 0x80;
    CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, AAD, ct, ct, LEN, tag), GMTLS_ERR_AUTH_FAILED);
    CHECK(all_zero(ct, LEN));
    /* An empty message is authenticated too. */
    CHECK_OK(gmtls_sm4_gcm_encrypt(&ctx, iv, iv_len, aad, AAD, NULL, NULL, 0, tag));
    CHECK_OK(gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, AAD, NULL, NULL, 0, tag));
    aad[0] ^= 1;
    CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, AAD, NULL, NULL, 0, tag), GMTLS_ERR_AUTH_FAILED);
    gmtls_sm4_gcm_wipe(&ctx);
}

/* ---- implementations against each other ---- */

typedef struct {
    uint32_t mask;
    const char *sm4, *ghash;
} combo;

static size_t find_combos(combo *out, size_t cap)
{
    const uint32_t all = 0xFFFFFFFFu;
    const uint32_t masks[] = {
        0, /* the reference: portable SM4 and portable GHASH */
        all,
        all & ~(uint32_t)GMTLS_CPU_VPCLMULQDQ,
        all & ~(uint32_t)GMTLS_CPU_PCLMUL,
        all & ~(uint32_t)GMTLS_CPU_AVX512F,
        all & ~(uint32_t)(GMTLS_CPU_AVX512F | GMTLS_CPU_PCLMUL),
        all & ~(uint32_t)(GMTLS_CPU_AVX512F | GMTLS_CPU_GFNI),
        all & ~(uint32_t)(GMTLS_CPU_AVX512F | GMTLS_CPU_GFNI | GMTLS_CPU_PCLMUL),
        GMTLS_GHASH_NEED_PCLMUL,
        GMTLS_GHASH_NEED_VPCLMUL,
    };
    size_t n = 0;
    for (size_t i = 0; i < sizeof masks / sizeof masks[0] && n < cap; i++) {
        use_mask(masks[i]);
        combo c = {masks[i], gmtls_sm4_impl(), gmtls_ghash_impl()};
        int dup = 0;
        for (size_t j = 0; j < n; j++)
            dup |= strcmp(out[j].sm4, c.sm4) == 0 && strcmp(out[j].ghash, c.ghash) == 0;
        if (!dup) {
            out[n++] = c;
            fprintf(stderr, "testing SM4 %s with GHASH %s\n", c.sm4, c.ghash);
        }
    }
    CHECK(n >= 1 && strcmp(out[0].sm4, "portable-ct") == 0 && strcmp(out[0].ghash, "portable-ct") == 0);
    return n;
}

/* One message under every combination; the first combination is the reference. */
static void cross_one(const combo *cs, size_t ncs, size_t len, size_t iv_len, size_t aad_len, uint8_t *pool)
{
    uint8_t key[16], iv[60], tag_ref[16], tag[16];
    uint8_t *pt = pool + (len % 13), *aad = pool + 200000 + (len % 5);
    uint8_t *ct_ref = pool + 400000, *buf = pool + 600000 + (len % 7), *io = pool + 800000 + (len % 11);
    gmtls_sm4_gcm_ctx ref, ctx;
    test_rand_bytes(key, sizeof key);
    test_rand_bytes(iv, sizeof iv);
    test_rand_bytes(pt, len);
    test_rand_bytes(aad, aad_len);
    use_mask(cs[0].mask);
    gmtls_sm4_gcm_init(&ref, key);
    CHECK_OK(gmtls_sm4_gcm_encrypt(&ref, iv, iv_len, aad, aad_len, pt, ct_ref, len, tag_ref));
    unsigned long bad = 0;
    for (size_t c = 0; c < ncs; c++) {
        use_mask(cs[c].mask);
        gmtls_sm4_gcm_init(&ctx, key);
        bad += memcmp(&ctx, &ref, sizeof ctx) != 0;
        bad += gmtls_sm4_gcm_encrypt(&ctx, iv, iv_len, aad, aad_len, pt, buf, len, tag) != 0;
        bad += memcmp(buf, ct_ref, len) != 0 || memcmp(tag, tag_ref, 16) != 0;
        memcpy(io, pt, len);
        bad += gmtls_sm4_gcm_encrypt(&ctx, iv, iv_len, aad, aad_len, io, io, len, tag) != 0;
        bad += memcmp(io, ct_ref, len) != 0 || memcmp(tag, tag_ref, 16) != 0;
        bad += gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, aad_len, ct_ref, buf, len, tag_ref) != 0;
        bad += memcmp(buf, pt, len) != 0;
        bad += gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, aad_len, io, io, len, tag_ref) != 0;
        bad += memcmp(io, pt, len) != 0;
        CHECK_MSG(bad == 0, "SM4 %s / GHASH %s: len %zu, iv_len %zu, aad_len %zu", cs[c].sm4, cs[c].ghash, len,
                  iv_len, aad_len);
        bad = 0;
    }
    gmtls_sm4_gcm_wipe(&ref);
    gmtls_sm4_gcm_wipe(&ctx);
}

static void test_model(const combo *cs, size_t ncs);

static void test_cross(void)
{
    static const size_t iv_lens[] = {12, 1, 16, 60};
    combo cs[16];
    size_t ncs = find_combos(cs, 16);
    uint8_t *pool = malloc(1000000);
    CHECK(pool != NULL);
    if (!pool)
        return;
    for (size_t len = 0; len <= 600; len++)
        cross_one(cs, ncs, len, iv_lens[len % 4], (len * 7) % 70, pool);
    for (size_t i = 0; i < 4; i++)
        cross_one(cs, ncs, 333, iv_lens[i], 1000, pool);
    cross_one(cs, ncs, 100000, 12, 13, pool);
    cross_one(cs, ncs, 102400 + 13, 16, 0, pool);
    cross_one(cs, ncs, 65536, 1, 300, pool);
    free(pool);
    test_model(cs, ncs);
    use_mask(0xFFFFFFFFu);
}

/* GCM relies on gmtls_sm4_ctr32 doing inc32 (SP 800-38D 6.2): the counter wraps within its last
 * 32 bits. Checked against a counter run by hand over single blocks. */
static void test_counter_wrap(void)
{
    uint8_t key[16], j0[16], ctr[16], pt[96], ct[96], want[96], ks[16];
    gmtls_sm4_key k;
    test_rand_bytes(key, sizeof key);
    test_rand_bytes(j0, sizeof j0);
    test_rand_bytes(pt, sizeof pt);
    gmtls_sm4_set_key(&k, key);
    j0[12] = j0[13] = j0[14] = 0xFF;
    j0[15] = 0xFD;
    memcpy(ctr, j0, 16);
    for (size_t b = 0; b < 6; b++) {
        gmtls_sm4_encrypt_block(&k, ctr, ks);
        for (size_t i = 0; i < 16; i++)
            want[16 * b + i] = pt[16 * b + i] ^ ks[i];
        uint32_t low = ((uint32_t)ctr[12] << 24 | (uint32_t)ctr[13] << 16 | (uint32_t)ctr[14] << 8 | ctr[15]) + 1;
        ctr[12] = (uint8_t)(low >> 24), ctr[13] = (uint8_t)(low >> 16), ctr[14] = (uint8_t)(low >> 8);
        ctr[15] = (uint8_t)low;
    }
    memcpy(ctr, j0, 16);
    gmtls_sm4_ctr32(&k, ctr, pt, ct, sizeof pt);
    CHECK_MEM(ct, want, sizeof want);
    CHECK(memcmp(ctr, j0, 12) == 0 && ctr[15] == 3 && ctr[14] == 0);
    gmtls_sm4_key_wipe(&k);
}

/* ---- an independent model: SP 800-38D written out over single SM4 blocks (GHASH in gcm_model.h) ---- */

/* SP 800-38D 7.1 with one SM4 block at a time. */
static void model_gcm(const uint8_t key[16], const uint8_t *iv, size_t iv_len, const uint8_t *aad, size_t aad_len,
                      const uint8_t *pt, uint8_t *ct, size_t len, uint8_t tag[16])
{
    gmtls_sm4_key k;
    uint8_t h[16] = {0}, j0[16] = {0}, cb[16], ks[16], s[16] = {0};
    gmtls_sm4_set_key(&k, key);
    gmtls_sm4_encrypt_block(&k, h, h);
    if (iv_len == 12) {
        memcpy(j0, iv, 12);
        j0[15] = 1;
    } else {
        gcm_model_ghash(j0, h, iv, iv_len);
        gcm_model_lens(j0, h, 0, iv_len);
    }
    memcpy(cb, j0, 16);
    for (size_t at = 0; at < len; at += 16) {
        for (int i = 15; i >= 12; i--) /* inc32 */
            if (++cb[i] != 0)
                break;
        gmtls_sm4_encrypt_block(&k, cb, ks);
        for (size_t i = 0; i < 16 && at + i < len; i++)
            ct[at + i] = pt[at + i] ^ ks[i];
    }
    gcm_model_ghash(s, h, aad, aad_len);
    gcm_model_ghash(s, h, ct, len);
    gcm_model_lens(s, h, aad_len, len);
    gmtls_sm4_encrypt_block(&k, j0, ks);
    for (int i = 0; i < 16; i++)
        tag[i] = s[i] ^ ks[i];
    gmtls_sm4_key_wipe(&k);
}

/* The library against the model, for every implementation pair: random IV lengths, and IVs
 * crafted so that the 32-bit counter wraps after 1..16 blocks (inc32, SP 800-38D 6.2), inside
 * the first counter-mode call or in a later chunk. */
static void test_model(const combo *cs, size_t ncs)
{
    enum { MAXLEN = 9000 + 16 * 37 };
    uint8_t key[16], iv[100], aad[40], tag[16], want_tag[16];
    uint8_t *pt = malloc(MAXLEN), *ct = malloc(MAXLEN), *want = malloc(MAXLEN);
    CHECK(pt && ct && want);
    for (unsigned t = 0; pt && ct && want && t < 40; t++) {
        unsigned wrap = t < 16 ? t + 1 : 0;
        size_t len = wrap ? wrap * 37 + 9000 * (wrap % 2) : test_rand_u32() % 3000;
        size_t iv_len = wrap ? 16 : 1 + test_rand_u32() % 100, aad_len = test_rand_u32() % 40;
        test_rand_bytes(key, sizeof key);
        test_rand_bytes(iv, sizeof iv);
        test_rand_bytes(aad, sizeof aad);
        test_rand_bytes(pt, len);
        if (wrap) {
            gmtls_sm4_key k;
            uint8_t h[16] = {0}, j0[16];
            gmtls_sm4_set_key(&k, key);
            gmtls_sm4_encrypt_block(&k, h, h);
            test_rand_bytes(j0, 12);
            j0[12] = j0[13] = j0[14] = 0xFF;
            j0[15] = (uint8_t)(0xF0 + wrap - 1);
            gcm_model_craft_iv(iv, h, j0);
            uint8_t y[16] = {0};
            gcm_model_ghash(y, h, iv, 16);
            gcm_model_lens(y, h, 0, 16);
            CHECK_MEM(y, j0, 16);
            gmtls_sm4_key_wipe(&k);
        }
        model_gcm(key, iv, iv_len, aad, aad_len, pt, want, len, want_tag);
        for (size_t c = 0; c < ncs; c++) {
            gmtls_sm4_gcm_ctx ctx;
            use_mask(cs[c].mask);
            gmtls_sm4_gcm_init(&ctx, key);
            int ok = gmtls_sm4_gcm_encrypt(&ctx, iv, iv_len, aad, aad_len, pt, ct, len, tag) == 0 &&
                     memcmp(ct, want, len) == 0 && memcmp(tag, want_tag, 16) == 0 &&
                     gmtls_sm4_gcm_decrypt(&ctx, iv, iv_len, aad, aad_len, ct, ct, len, tag) == 0 &&
                     memcmp(ct, pt, len) == 0;
            CHECK_MSG(ok, "SM4 %s / GHASH %s vs model: len %zu, iv_len %zu, wrap %u", cs[c].sm4, cs[c].ghash, len,
                      iv_len, wrap);
            gmtls_sm4_gcm_wipe(&ctx);
        }
    }
    free(pt), free(ct), free(want);
    use_mask(0xFFFFFFFFu);
}

/* ---- arguments ---- */

static void test_args(void)
{
    uint8_t key[16] = {1}, iv[12] = {2}, aad[4] = {3}, buf[64] = {0}, out[64], tag[16];
    gmtls_sm4_gcm_ctx ctx;
    gmtls_sm4_gcm_init(&ctx, key);
    memset(out, 0x77, sizeof out);
    CHECK_ERR(gmtls_sm4_gcm_encrypt(&ctx, iv, 0, aad, 4, buf, out, 16, tag), GMTLS_ERR_BAD_LENGTH);
    CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, 0, aad, 4, buf, out, 16, tag), GMTLS_ERR_BAD_LENGTH);
    CHECK_ERR(gmtls_sm4_gcm_encrypt(&ctx, iv, 12, aad, 4, buf, out, 16, NULL), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_gcm_encrypt(NULL, iv, 12, aad, 4, buf, out, 16, tag), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_gcm_encrypt(&ctx, NULL, 12, aad, 4, buf, out, 16, tag), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_gcm_encrypt(&ctx, iv, 12, NULL, 4, buf, out, 16, tag), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_gcm_encrypt(&ctx, iv, 12, aad, 4, NULL, out, 16, tag), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_gcm_encrypt(&ctx, iv, 12, aad, 4, buf, NULL, 16, tag), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, 12, aad, 4, buf, out, 16, NULL), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_gcm_decrypt(NULL, iv, 12, aad, 4, buf, out, 16, tag), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, 12, aad, 4, buf, NULL, 16, tag), GMTLS_ERR_INVALID_ARG);
    /* Overlap other than in place. */
    CHECK_ERR(gmtls_sm4_gcm_encrypt(&ctx, iv, 12, aad, 4, buf, buf + 1, 32, tag), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, 12, aad, 4, buf + 16, buf, 32, tag), GMTLS_ERR_INVALID_ARG);
    /* Lengths beyond SP 800-38D's limits; nothing is read or written for them. */
    if ((uint64_t)SIZE_MAX > GMTLS_SM4_GCM_MAX_LEN) {
        size_t big = (size_t)GMTLS_SM4_GCM_MAX_LEN + 1;
        CHECK_ERR(gmtls_sm4_gcm_encrypt(&ctx, iv, 12, aad, 4, buf, out, big, tag), GMTLS_ERR_BAD_LENGTH);
        CHECK_ERR(gmtls_sm4_gcm_decrypt(&ctx, iv, 12, aad, 4, buf, out, big, tag), GMTLS_ERR_BAD_LENGTH);
        size_t huge = (size_t)1 << 61;
        CHECK_ERR(gmtls_sm4_gcm_encrypt(&ctx, iv, 12, aad, huge, buf, out, 16, tag), GMTLS_ERR_BAD_LENGTH);
        CHECK_ERR(gmtls_sm4_gcm_encrypt(&ctx, iv, huge, aad, 4, buf, out, 16, tag), GMTLS_ERR_BAD_LENGTH);
    }
    CHECK_MSG(out[0] == 0x77 && out[63] == 0x77, "output written on an argument error");
    /* Empty inputs may be NULL. */
    CHECK_OK(gmtls_sm4_gcm_encrypt(&ctx, iv, 12, NULL, 0, NULL, NULL, 0, tag));
    CHECK_OK(gmtls_sm4_gcm_decrypt(&ctx, iv, 12, NULL, 0, NULL, NULL, 0, tag));
    /* Wiping clears the whole context. */
    gmtls_sm4_gcm_wipe(&ctx);
    CHECK(all_zero((const uint8_t *)&ctx, sizeof ctx));
    gmtls_sm4_gcm_wipe(NULL);
    const char *g = gmtls_ghash_impl();
    CHECK(strcmp(g, "portable-ct") == 0 || strcmp(g, "pclmulqdq") == 0 || strcmp(g, "vpclmulqdq-avx512") == 0);
}

int main(void)
{
    test_vectors();
    use_mask(0);
    test_vectors(); /* again with the portable implementations */
    use_mask(0xFFFFFFFFu);
    for (int i = 0; i < 2; i++) {
        tamper_one(12);
        tamper_one(16);
        tamper_one(1);
        use_mask(0);
    }
    use_mask(0xFFFFFFFFu);
    test_counter_wrap();
    test_args();
    test_cross();
    return test_report();
}
