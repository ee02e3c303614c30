/* SM4-GCM (NIST SP 800-38D with the SM4 block cipher; RFC 8998, GB/T 38636-2020 for TLCP).
 *
 * Encryption runs counter mode and GHASH over the same chunk of 2 KiB in turn, so the
 * ciphertext is hashed while it is still in the L1 cache. Decryption checks the tag over the
 * whole ciphertext first and only decrypts when it matches, so no unauthenticated plaintext is
 * ever written. The GHASH implementation is chosen once per call (sm4_ghash.h); all of them use
 * the same table of powers of H, made by gmtls_sm4_gcm_init. The composition is written over any
 * block cipher (gmtls_gcm_cipher) so it can be tested with AES against OpenSSL's AES-GCM. */
#include <string.h>

#include "core/overlap.h"
#include "core/bytes.h"
#include "core/ct.h"
#include "crypto/sm4_ghash.h"
#include "crypto/sm4_internal.h"
#include "gmtls/error.h"
#include "gmtls/sm4_gcm.h"
#include "gmtls/util.h"

/* The first counter-mode call covers J0 too: its first block gives E_K(J0) for the tag, the
 * following ones (inc32(J0) onward, SP 800-38D 7.1 step 3) the first bytes of the message. One
 * call instead of two matters for short records, where the per-call cost of the SIMD SM4 kernels
 * dominates. FIRST is how many message bytes ride along (whole blocks, so the counter continues). */
#define GCM_CHUNK GMTLS_GCM_CHUNK
#define GCM_FIRST (GCM_CHUNK - 16)

/* SP 800-38D 7.1 step 2: the pre-counter block J0. */
static void make_j0(const gmtls_gcm_cipher *c, gmtls_ghash_fn ghash, const uint8_t *iv, size_t iv_len, uint8_t j0[16])
{
    if (iv_len == 12) {
        /* J0 = IV || 0^31 || 1 */
        memcpy(j0, iv, 12);
        gmtls_store_be32(j0 + 12, 1);
        return;
    }
    /* J0 = GHASH_H(IV || 0^(s+64) || [len(IV)]_64): GHASH zero-pads the last IV block, and the
     * final block is 0^64 || [len(IV)]_64. */
    uint64_t y[2] = {0, 0};
    uint8_t lens[16] = {0};
    ghash(y, c->htab, iv, iv_len);
    gmtls_store_be64(lens + 8, (uint64_t)iv_len * 8);
    ghash(y, c->htab, lens, 16);
    gmtls_ghash_store(j0, y);
    gmtls_wipe(y, sizeof y);
}

/* SP 800-38D 7.1 steps 5-6: absorb [len(A)]_64 || [len(C)]_64 into y, giving S; then
 * T = MSB_128(GCTR_K(J0, S)) = E_K(J0) ^ S. */
static void finish_tag(const gmtls_gcm_cipher *c, gmtls_ghash_fn ghash, uint64_t y[2], size_t aad_len, size_t len,
                       const uint8_t ek_j0[16], uint8_t t[16])
{
    uint8_t lens[16];
    gmtls_store_be64(lens, (uint64_t)aad_len * 8);
    gmtls_store_be64(lens + 8, (uint64_t)len * 8);
    ghash(y, c->htab, lens, 16);
    gmtls_ghash_store(t, y);
    for (int i = 0; i < 16; i++)
        t[i] ^= ek_j0[i];
}

static void xor_bytes(uint8_t *out, const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        x ^= y;
        memcpy(out + i, &x, 8);
    }
    for (; i < n; i++)
        out[i] = a[i] ^ b[i];
}

void gmtls_gcm_seal(const gmtls_gcm_cipher *c, const uint8_t *iv, size_t iv_len, const uint8_t *aad, size_t aad_len,
                    const uint8_t *in, uint8_t *out, size_t len, uint8_t tag[16])
{
    gmtls_ghash_fn ghash = gmtls_ghash_select(NULL);
    uint8_t ctr[16], first[16 + GCM_FIRST];
    uint64_t y[2] = {0, 0};
    make_j0(c, ghash, iv, iv_len, ctr);
    /* S = GHASH_H(A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64) (SP 800-38D 7.1 step 5);
     * GHASH zero-pads a partial AAD block itself. */
    if (aad_len)
        ghash(y, c->htab, aad, aad_len);
    /* E_K(J0) and the first part of C = GCTR_K(inc32(J0), P) in one call. Only ciphertext and
     * E_K(J0) are left in `first`. */
    size_t n0 = len < GCM_FIRST ? len : GCM_FIRST;
    memset(first, 0, 16);
    if (n0)
        memcpy(first + 16, in, n0);
    c->ctr32(c->key, ctr, first, first, 16 + n0);
    if (n0) {
        memcpy(out, first + 16, n0);
        ghash(y, c->htab, out, n0);
    }
    /* The rest chunk by chunk: each chunk is hashed while it is still in the cache. Chunks are
     * whole blocks except the last, so ctr and GHASH both continue across them. */
    for (size_t at = n0; at < len;) {
        size_t n = len - at < GCM_CHUNK ? len - at : GCM_CHUNK;
        c->ctr32(c->key, ctr, in + at, out + at, n);
        ghash(y, c->htab, out + at, n);
        at += n;
    }
    finish_tag(c, ghash, y, aad_len, len, first, tag);
    gmtls_wipe(first, 16);
    gmtls_wipe(ctr, sizeof ctr);
    gmtls_wipe(y, sizeof y);
}

uint32_t gmtls_gcm_open_check(const gmtls_gcm_cipher *c, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                              size_t aad_len, const uint8_t *in, size_t len, const uint8_t tag[16],
                              gmtls_gcm_open_state *st)
{
    /* SP 800-38D 7.2: the expected tag depends on the ciphertext alone, so it is checked before
     * anything is decrypted. The keystream for the first bytes is made in the same counter-mode
     * call as E_K(J0) and kept in st until the check has passed. */
    gmtls_ghash_fn ghash = gmtls_ghash_select(NULL);
    uint64_t y[2] = {0, 0};
    uint8_t t[16];
    make_j0(c, ghash, iv, iv_len, st->ctr);
    st->nks = len < GCM_FIRST ? len : GCM_FIRST;
    memset(st->ks, 0, 16 + st->nks);
    c->ctr32(c->key, st->ctr, st->ks, st->ks, 16 + st->nks);
    if (aad_len)
        ghash(y, c->htab, aad, aad_len);
    if (len)
        ghash(y, c->htab, in, len);
    finish_tag(c, ghash, y, aad_len, len, st->ks, t);
    uint32_t eq = gmtls_ct_memeq(t, tag, 16);
    gmtls_wipe(t, sizeof t);
    gmtls_wipe(y, sizeof y);
    return eq;
}

int gmtls_gcm_open_finish(const gmtls_gcm_cipher *c, gmtls_gcm_open_state *st, const uint8_t *in, uint8_t *out,
                          size_t len, int ok)
{
    int ret = GMTLS_OK;
    if (ok) {
        /* SP 800-38D 7.2 step 3: P = GCTR_K(inc32(J0), C). */
        if (st->nks)
            xor_bytes(out, in, st->ks + 16, st->nks);
        if (len > st->nks)
            c->ctr32(c->key, st->ctr, in + st->nks, out + st->nks, len - st->nks);
    } else {
        /* SP 800-38D 7.2 step 8: FAIL, and no plaintext. out is cleared so a caller that
         * ignores the error finds nothing (with in == out the ciphertext is gone too). */
        if (len)
            memset(out, 0, len);
        ret = GMTLS_ERR_AUTH_FAILED;
    }
    gmtls_wipe(st->ks, 16 + st->nks);
    gmtls_wipe(st->ctr, sizeof st->ctr);
    st->nks = 0;
    return ret;
}

static void sm4_ctr32(const void *key, uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t len)
{
    gmtls_sm4_ctr32((const gmtls_sm4_key *)key, ctr, in, out, len);
}

void gmtls_sm4_gcm_cipher(gmtls_gcm_cipher *c, const gmtls_sm4_gcm_ctx *ctx)
{
    c->ctr32 = sm4_ctr32;
    c->key = &ctx->key;
    c->htab = ctx->htab;
}

void gmtls_sm4_gcm_init(gmtls_sm4_gcm_ctx *ctx, const uint8_t key[16])
{
    /* SP 800-38D 7.1 step 1: H = CIPH_K(0^128). */
    uint8_t h[16] = {0};
    gmtls_sm4_set_key(&ctx->key, key);
    gmtls_sm4_encrypt_block(&ctx->key, h, h);
    gmtls_ghash_make_table(ctx->htab, h);
    gmtls_wipe(h, sizeof h);
}

void gmtls_sm4_gcm_wipe(gmtls_sm4_gcm_ctx *ctx)
{
    if (ctx)
        gmtls_wipe(ctx, sizeof *ctx);
}

int gmtls_sm4_gcm_check_args(const gmtls_sm4_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                             size_t aad_len, const uint8_t *in, const uint8_t *out, size_t len, const uint8_t *tag)
{
    /* SP 800-38D 5.2.1.1: len(P) <= 2^39 - 256 bits; len(A) and len(IV) <= 2^64 - 1 bits;
     * len(IV) >= 1 (whole bytes here). */
    if (iv_len == 0 || (uint64_t)len > GMTLS_SM4_GCM_MAX_LEN || ((uint64_t)aad_len >> 61) != 0 ||
        ((uint64_t)iv_len >> 61) != 0)
        return GMTLS_ERR_BAD_LENGTH;
    if (!ctx || !iv || !tag || (aad_len && !aad) || (len && (!in || !out)))
        return GMTLS_ERR_INVALID_ARG;
    /* In place is fine (each block is read before its output is written); a shifted overlap
     * would read bytes already overwritten. */
    if (gmtls_overlaps_shifted(in, out, len))
        return GMTLS_ERR_INVALID_ARG;
    return GMTLS_OK;
}

int gmtls_sm4_gcm_encrypt(const gmtls_sm4_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                          size_t aad_len, const uint8_t *in, uint8_t *out, size_t len, uint8_t tag[16])
{
    int err = gmtls_sm4_gcm_check_args(ctx, iv, iv_len, aad, aad_len, in, out, len, tag);
    if (err)
        return err;
    gmtls_gcm_cipher c;
    gmtls_sm4_gcm_cipher(&c, ctx);
    gmtls_gcm_seal(&c, iv, iv_len, aad, aad_len, in, out, len, tag);
    return GMTLS_OK;
}

int gmtls_sm4_gcm_decrypt(const gmtls_sm4_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                          size_t aad_len, const uint8_t *in, uint8_t *out, size_t len, const uint8_t tag[16])
{
    int err = gmtls_sm4_gcm_check_args(ctx, iv, iv_len, aad, aad_len, in, out, len, tag);
    if (err)
        return err;
    gmtls_gcm_cipher c;
    gmtls_gcm_open_state st;
    gmtls_sm4_gcm_cipher(&c, ctx);
    uint32_t eq = gmtls_gcm_open_check(&c, iv, iv_len, aad, aad_len, in, len, tag, &st);
    /* Whether the tag matched is public (the caller learns it from the return value), so the
     * branch on it reveals nothing; the comparison itself is constant time. */
    return gmtls_gcm_open_finish(&c, &st, in, out, len, (int)(eq & 1u));
}
