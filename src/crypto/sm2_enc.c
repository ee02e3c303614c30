/* SM2 public-key encryption (GB/T 32918.4-2016 6.1) and decryption (7.1), in the raw C1C3C2 and
 * C1C2C3 forms and the GM/T 0009-2012 7.2 DER form
 * SEQUENCE { INTEGER x1, INTEGER y1, OCTET STRING C3 (32 bytes), OCTET STRING C2 }. */
#include <string.h>

#include "core/overlap.h"
#include "core/ct.h"
#include "crypto/sm2_internal.h"
#include "gmtls/error.h"
#include "gmtls/sm3.h"
#include "gmtls/util.h"

#define SM2_RAW_OVERHEAD 97 /* 04 || x1 || y1 (65) + C3 (32) */
/* The KDF's 32-bit counter gives at most (2^32 - 1) blocks of 32 bytes (GB/T 32918.4-2016 5.4.3),
 * so no message (and no C2) may be longer. */
#define SM2_MAX_MSG ((uint64_t)0xffffffffu * 32)

size_t gmtls_sm2_ciphertext_size(gmtls_sm2_format format, size_t msg_len)
{
    if ((uint64_t)msg_len > SM2_MAX_MSG)
        return 0;
    switch (format) {
    case GMTLS_SM2_C1C3C2:
    case GMTLS_SM2_C1C2C3:
        return msg_len > SIZE_MAX - SM2_RAW_OVERHEAD ? 0 : msg_len + SM2_RAW_OVERHEAD;
    case GMTLS_SM2_DER: {
        /* x1, y1: at most 02 21 00 || 32 bytes; C3: 04 20 || 32 bytes; C2: header || msg. */
        if (msg_len > SIZE_MAX / 2)
            return 0;
        size_t body = 35 + 35 + 34 + gmtls_sm2_der_header_size(msg_len) + msg_len;
        return gmtls_sm2_der_header_size(body) + body;
    }
    default:
        return 0;
    }
}

/* Where the parts of a ciphertext go in the output, once C1 is known. */
static size_t layout(gmtls_sm2_format format, const uint8_t x1[32], const uint8_t y1[32], size_t msg_len,
                     uint8_t *out, uint8_t **c3, uint8_t **c2)
{
    if (format == GMTLS_SM2_DER) {
        size_t ix = gmtls_sm2_der_uint256_size(x1), iy = gmtls_sm2_der_uint256_size(y1);
        size_t body = ix + iy + 34 + gmtls_sm2_der_header_size(msg_len) + msg_len;
        size_t o = gmtls_sm2_der_put_header(out, 0x30, body);
        o += gmtls_sm2_der_put_uint256(out + o, x1);
        o += gmtls_sm2_der_put_uint256(out + o, y1);
        o += gmtls_sm2_der_put_header(out + o, 0x04, 32);
        *c3 = out + o;
        o += 32;
        o += gmtls_sm2_der_put_header(out + o, 0x04, msg_len);
        *c2 = out + o;
        return o + msg_len;
    }
    out[0] = 0x04;
    memcpy(out + 1, x1, 32);
    memcpy(out + 33, y1, 32);
    if (format == GMTLS_SM2_C1C3C2) {
        *c3 = out + 65;
        *c2 = out + 97;
    } else {
        *c2 = out + 65;
        *c3 = out + 65 + msg_len;
    }
    return msg_len + SM2_RAW_OVERHEAD;
}

/* GB/T 32918.4-2016 6.1 A2-A8 for one k. Returns 0, or 1 when t = KDF(x2 || y2, klen) is all
 * zeros and a new k is needed (A5). */
static int encrypt_core(const gmtls_sm2_pubkey *pub, const uint8_t *msg, size_t msg_len, gmtls_sm2_format format,
                        const gmtls_sm2_scalar *k, uint8_t *out, size_t *out_len)
{
    gmtls_sm2_point c1, pb, s;
    uint8_t x1[32], y1[32], xy2[64];
    uint8_t *c2, *c3;
    gmtls_sm3_ctx h;

    /* A2: C1 = [k]G. k is in [1, n - 1], so neither point below is infinity. */
    gmtls_sm2_mul_base(&c1, k);
    gmtls_sm2_affine_ct(x1, y1, &c1);
    /* A3: PB was validated on import and the cofactor is 1, so [h]PB is not infinity.
     * A4: (x2, y2) = [k]PB. */
    gmtls_sm2_pub_point(&pb, pub);
    gmtls_sm2_mul(&s, k, &pb);
    gmtls_sm2_affine_ct(xy2, xy2 + 32, &s);
    int err;
    size_t n = layout(format, x1, y1, msg_len, out, &c3, &c2);
    /* A5: t = KDF(x2 || y2, klen), written where C2 goes. */
    err = gmtls_sm3_kdf(xy2, 64, c2, msg_len);
    (void)err; /* klen = msg_len bytes is far below the KDF's limit for any buffer that fits */
    uint8_t acc = 0;
    for (size_t i = 0; i < msg_len; i++) {
        acc |= c2[i];
        c2[i] ^= msg[i]; /* A6: C2 = M xor t */
    }
    /* A7: C3 = SM3(x2 || M || y2). */
    gmtls_sm3_init(&h);
    gmtls_sm3_update(&h, xy2, 32);
    gmtls_sm3_update(&h, msg, msg_len);
    gmtls_sm3_update(&h, xy2 + 32, 32);
    gmtls_sm3_final(&h, c3);
    gmtls_wipe(xy2, sizeof xy2);
    gmtls_wipe(&s, sizeof s);
    gmtls_wipe(&c1, sizeof c1); /* the Jacobian form of [k]G, as sign_core and kx_set_r wipe theirs */
    *out_len = n;
    /* t = 0 happens with probability 2^(-8 klen); the branch only reveals that a k was discarded. */
    return gmtls_ct_barrier32(acc) == 0;
}

static int encrypt_check(const gmtls_sm2_pubkey *pub, const uint8_t *msg, size_t msg_len, gmtls_sm2_format format,
                         const uint8_t *out, size_t cap, const size_t *out_len)
{
    if (!pub || !out_len || (!out && cap) || (!msg && msg_len))
        return GMTLS_ERR_INVALID_ARG;
    if (format != GMTLS_SM2_C1C3C2 && format != GMTLS_SM2_C1C2C3 && format != GMTLS_SM2_DER)
        return GMTLS_ERR_INVALID_ARG;
    if (msg_len == 0)
        return GMTLS_ERR_BAD_LENGTH;
    size_t need = gmtls_sm2_ciphertext_size(format, msg_len);
    if (need == 0)
        return GMTLS_ERR_BAD_LENGTH;
    if (cap < need)
        return GMTLS_ERR_BUFFER_TOO_SMALL;
    /* C1 and the KDF output are written before M is read: an overlapping msg would be
     * overwritten first and a wrong ciphertext returned as a success. */
    if (gmtls_overlaps(msg, msg_len, out, cap))
        return GMTLS_ERR_INVALID_ARG;
    return 0;
}

int gmtls_sm2_encrypt(const gmtls_sm2_pubkey *pub, const uint8_t *msg, size_t msg_len, gmtls_sm2_format format,
                      uint8_t *out, size_t cap, size_t *out_len)
{
    gmtls_sm2_scalar k;
    int err = encrypt_check(pub, msg, msg_len, format, out, cap, out_len);
    if (err)
        return err;
    *out_len = 0;
    for (int tries = 0; tries < 64; tries++) {
        /* A1: k in [1, n - 1]. */
        err = gmtls_sm2_random_scalar(&k);
        if (err)
            break;
        if (encrypt_core(pub, msg, msg_len, format, &k, out, out_len) == 0) {
            gmtls_wipe(&k, sizeof k);
            return 0;
        }
        err = GMTLS_ERR_RANDOM;
    }
    gmtls_wipe(&k, sizeof k);
    memset(out, 0, cap);
    *out_len = 0;
    return err;
}

int gmtls_sm2_encrypt_with_k(const gmtls_sm2_pubkey *pub, const uint8_t *msg, size_t msg_len,
                             gmtls_sm2_format format, const uint8_t k_bytes[32], uint8_t *out, size_t cap,
                             size_t *out_len)
{
    gmtls_sm2_scalar k;
    int err = encrypt_check(pub, msg, msg_len, format, out, cap, out_len);
    if (err)
        return err;
    uint64_t ok = gmtls_sm2_scalar_from_bytes(&k, k_bytes) & ~gmtls_sm2_scalar_is_zero(&k);
    if (!ok || encrypt_core(pub, msg, msg_len, format, &k, out, out_len) != 0) {
        gmtls_wipe(&k, sizeof k);
        memset(out, 0, cap);
        *out_len = 0;
        return GMTLS_ERR_INVALID_ARG;
    }
    gmtls_wipe(&k, sizeof k);
    return 0;
}

/* Split a ciphertext into C1 (x1, y1), C3 and C2. Only public bytes are examined. 0 or -1. */
static int parse(gmtls_sm2_format format, const uint8_t *in, size_t len, uint8_t x1[32], uint8_t y1[32],
                 const uint8_t **c3, const uint8_t **c2, size_t *c2_len)
{
    if (format == GMTLS_SM2_DER) {
        gmtls_reader rd, seq, oc3, oc2;
        gmtls_reader_init(&rd, in, len);
        if (gmtls_sm2_der_header(&rd, 0x30, &seq) != 0 || gmtls_reader_end(&rd) != 0)
            return -1;
        if (gmtls_sm2_der_uint256(&seq, x1) != 0 || gmtls_sm2_der_uint256(&seq, y1) != 0)
            return -1;
        if (gmtls_sm2_der_header(&seq, 0x04, &oc3) != 0 || gmtls_reader_left(&oc3) != 32 ||
            gmtls_reader_bytes(&oc3, 32, c3) != 0)
            return -1;
        if (gmtls_sm2_der_header(&seq, 0x04, &oc2) != 0 || gmtls_reader_end(&seq) != 0)
            return -1;
        *c2_len = gmtls_reader_left(&oc2);
        if (*c2_len == 0 || (uint64_t)*c2_len > SM2_MAX_MSG || gmtls_reader_bytes(&oc2, *c2_len, c2) != 0)
            return -1;
        return 0;
    }
    /* Raw forms: C1 is 04 || x1 || y1, then 32 bytes of C3 and at least one byte of C2. */
    if (len <= SM2_RAW_OVERHEAD || in[0] != 0x04)
        return -1;
    memcpy(x1, in + 1, 32);
    memcpy(y1, in + 33, 32);
    *c2_len = len - SM2_RAW_OVERHEAD;
    if ((uint64_t)*c2_len > SM2_MAX_MSG)
        return -1;
    if (format == GMTLS_SM2_C1C3C2) {
        *c3 = in + 65;
        *c2 = in + 97;
    } else {
        *c2 = in + 65;
        *c3 = in + 65 + *c2_len;
    }
    return 0;
}

int gmtls_sm2_decrypt(const gmtls_sm2_key *key, gmtls_sm2_format format, const uint8_t *in, size_t len, uint8_t *out,
                      size_t cap, size_t *out_len)
{
    gmtls_sm2_point c1, s;
    gmtls_sm2_scalar d;
    gmtls_sm3_ctx h;
    uint8_t x1[32], y1[32], xy2[64], u[32];
    const uint8_t *c3 = NULL, *c2 = NULL;
    size_t klen = 0;

    if (!key || !out_len || (!out && cap) || (!in && len))
        return GMTLS_ERR_INVALID_ARG;
    if (format != GMTLS_SM2_C1C3C2 && format != GMTLS_SM2_C1C2C3 && format != GMTLS_SM2_DER)
        return GMTLS_ERR_INVALID_ARG;
    /* The KDF output is written into out before C2 and C3 are read. */
    if (gmtls_overlaps(in, len, out, cap))
        return GMTLS_ERR_INVALID_ARG;
    *out_len = 0;
    /* B1: C1 must decode to a point on the curve with coordinates < p. B2: with cofactor 1 a
     * valid C1 is never infinity ([h]C1 = C1). These checks look at public bytes only. */
    if (parse(format, in, len, x1, y1, &c3, &c2, &klen) != 0 || gmtls_sm2_point_from_affine(&c1, x1, y1) != 0) {
        if (cap)
            memset(out, 0, cap);
        return GMTLS_ERR_DECRYPT_FAILED;
    }
    if (cap < klen) {
        if (cap)
            memset(out, 0, cap);
        return GMTLS_ERR_BUFFER_TOO_SMALL;
    }
    /* B3: (x2, y2) = [dB]C1, constant time in dB. */
    gmtls_sm2_key_scalar(&d, key);
    gmtls_sm2_mul(&s, &d, &c1);
    gmtls_sm2_affine_ct(xy2, xy2 + 32, &s); /* dB in [1, n - 2] and C1 != O, so [dB]C1 != O */
    /* B4: t = KDF(x2 || y2, klen), written into out; B5: M' = C2 xor t. */
    int err = gmtls_sm3_kdf(xy2, 64, out, klen);
    (void)err; /* klen fits in memory, far below the KDF's limit */
    uint8_t acc = 0;
    for (size_t i = 0; i < klen; i++) {
        acc |= out[i];
        out[i] ^= c2[i];
    }
    /* B6: u = SM3(x2 || M' || y2) must equal C3 (constant-time comparison). */
    gmtls_sm3_init(&h);
    gmtls_sm3_update(&h, xy2, 32);
    gmtls_sm3_update(&h, out, klen);
    gmtls_sm3_update(&h, xy2 + 32, 32);
    gmtls_sm3_final(&h, u);
    /* One decision, without a branch: t != 0 (B4) and u = C3 (B6). On failure M' is erased. */
    uint32_t ok = gmtls_ct_memeq(u, c3, 32) & gmtls_ct_nonzero32(acc);
    uint8_t m8 = (uint8_t)ok;
    for (size_t i = 0; i < klen; i++)
        out[i] &= m8;
    if (cap > klen)
        memset(out + klen, 0, cap - klen);
    gmtls_wipe(&d, sizeof d);
    gmtls_wipe(&s, sizeof s);
    gmtls_wipe(xy2, sizeof xy2);
    gmtls_wipe(u, sizeof u);
    *out_len = (size_t)gmtls_ct_select64((uint64_t)0 - (uint64_t)(ok & 1), (uint64_t)klen, 0);
    return (int)(int32_t)gmtls_ct_select32(ok, 0, (uint32_t)GMTLS_ERR_DECRYPT_FAILED);
}
