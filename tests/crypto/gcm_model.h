/* An independent bit-by-bit model of GHASH (NIST SP 800-38D 6.3, 6.4) for the GCM tests, and
 * an IV crafted through it so that the 32-bit counter wraps where a test wants. Slow on purpose:
 * it follows the standard's Algorithm 1 and shares nothing with src/crypto. */
#ifndef GMTLS_TEST_GCM_MODEL_H
#define GMTLS_TEST_GCM_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* SP 800-38D 6.3 Algorithm 1, on the blocks as bytes: Z = X . Y with R = 11100001 || 0^120. */
static inline void gcm_model_mul(uint8_t z[16], const uint8_t x[16], const uint8_t y[16])
{
    uint8_t v[16], r[16] = {0};
    memcpy(v, y, 16);
    for (int i = 0; i < 128; i++) {
        if ((x[i / 8] >> (7 - i % 8)) & 1)
            for (int j = 0; j < 16; j++)
                r[j] ^= v[j];
        int lsb = v[15] & 1;
        for (int j = 15; j > 0; j--)
            v[j] = (uint8_t)((v[j] >> 1) | (v[j - 1] << 7));
        v[0] >>= 1;
        if (lsb)
            v[0] ^= 0xE1;
    }
    memcpy(z, r, 16);
}

/* SP 800-38D 6.4 GHASH continued from y over data zero-padded to whole blocks. */
static inline void gcm_model_ghash(uint8_t y[16], const uint8_t h[16], const uint8_t *in, size_t len)
{
    while (len) {
        size_t n = len < 16 ? len : 16;
        for (size_t j = 0; j < n; j++)
            y[j] ^= in[j];
        gcm_model_mul(y, y, h);
        in += n;
        len -= n;
    }
}

/* GHASH continued over the lengths block [8 a_bytes]_64 || [8 b_bytes]_64 (SP 800-38D 7.1). */
static inline void gcm_model_lens(uint8_t y[16], const uint8_t h[16], uint64_t a_bytes, uint64_t b_bytes)
{
    uint8_t l[16];
    for (int i = 0; i < 8; i++) {
        l[i] = (uint8_t)((a_bytes * 8) >> (56 - 8 * i));
        l[8 + i] = (uint8_t)((b_bytes * 8) >> (56 - 8 * i));
    }
    gcm_model_ghash(y, h, l, 16);
}

/* A 16-byte IV whose J0 = GHASH_H(IV || 0^64 || [128]_64) is the given block:
 * J0 = IV.H^2 ^ L.H, so IV = (J0 ^ L.H) . H^-2 with H^-2 = H^(2^128 - 3). */
static inline void gcm_model_craft_iv(uint8_t iv[16], const uint8_t h[16], const uint8_t j0[16])
{
    uint8_t l[16] = {0}, t[16], inv[16] = {0x80}; /* 0x80 00.. is the field's 1 */
    l[15] = 128;
    for (int bit = 127; bit >= 0; bit--) {
        gcm_model_mul(inv, inv, inv);
        if (bit != 1) /* 2^128 - 3 has every bit set but bit 1 */
            gcm_model_mul(inv, inv, h);
    }
    gcm_model_mul(t, l, h);
    for (int i = 0; i < 16; i++)
        t[i] ^= j0[i];
    gcm_model_mul(iv, t, inv);
}

#endif
