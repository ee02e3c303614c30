/* SM2 keys: generation and range checks (GB/T 32918.1-2016 6.1), public-key encodings and their
 * validation (GB/T 32918.1-2016 4.2.8, 4.2.9, 6.2), and the signer hash Z (GB/T 32918.2-2016 5.5). */
#include <string.h>

#include "core/ct.h"
#include "crypto/sm2_internal.h"
#include "crypto/sm2_inv.h"
#include "gmtls/error.h"
#include "gmtls/rand.h"
#include "gmtls/sm3.h"
#include "gmtls/util.h"

_Static_assert(sizeof(((gmtls_sm2_pubkey *)0)->point) == sizeof(gmtls_sm2_point),
               "gmtls_sm2_pubkey.point must hold a gmtls_sm2_point");
_Static_assert(sizeof(((gmtls_sm2_key *)0)->d) == sizeof(gmtls_sm2_scalar),
               "gmtls_sm2_key.d must hold a gmtls_sm2_scalar");
/* The sizes documented in include/gmtls/sm2.h are part of the ABI. */
_Static_assert(sizeof(gmtls_sm2_pubkey) == 160, "gmtls_sm2_pubkey size");
_Static_assert(sizeof(gmtls_sm2_key) == 192, "gmtls_sm2_key size");
_Static_assert(sizeof(gmtls_sm2_sign_key) == 256, "gmtls_sm2_sign_key size");
_Static_assert(sizeof(gmtls_sm2_kx) == 592, "gmtls_sm2_kx size");

/* a || b || Gx || Gy of sm2p256v1 (GB/T 32918.5-2017 clause 5), in the order Z hashes them. */
const uint8_t gmtls_sm2_z_params[128] = {
    /* a = p - 3 */
    0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfc,
    /* b */
    0x28, 0xe9, 0xfa, 0x9e, 0x9d, 0x9f, 0x5e, 0x34, 0x4d, 0x5a, 0x9e, 0x4b, 0xcf, 0x65, 0x09, 0xa7,
    0xf3, 0x97, 0x89, 0xf5, 0x15, 0xab, 0x8f, 0x92, 0xdd, 0xbc, 0xbd, 0x41, 0x4d, 0x94, 0x0e, 0x93,
    /* Gx */
    0x32, 0xc4, 0xae, 0x2c, 0x1f, 0x19, 0x81, 0x19, 0x5f, 0x99, 0x04, 0x46, 0x6a, 0x39, 0xc9, 0x94,
    0x8f, 0xe3, 0x0b, 0xbf, 0xf2, 0x66, 0x0b, 0xe1, 0x71, 0x5a, 0x45, 0x89, 0x33, 0x4c, 0x74, 0xc7,
    /* Gy */
    0xbc, 0x37, 0x36, 0xa2, 0xf4, 0xf6, 0x77, 0x9c, 0x59, 0xbd, 0xce, 0xe3, 0x6b, 0x69, 0x21, 0x53,
    0xd0, 0xa9, 0x87, 0x7c, 0xc6, 0x2a, 0x47, 0x40, 0x02, 0xdf, 0x32, 0xe5, 0x21, 0x39, 0xf0, 0xa0,
};

void gmtls_sm2_pub_point(gmtls_sm2_point *p, const gmtls_sm2_pubkey *pub)
{
    memcpy(p, pub->point, sizeof *p);
}

void gmtls_sm2_key_scalar(gmtls_sm2_scalar *d, const gmtls_sm2_key *key)
{
    memcpy(d, key->d, sizeof *d);
}

void gmtls_sm2_pub_set(gmtls_sm2_pubkey *pub, const gmtls_sm2_point *p, const uint8_t x[32], const uint8_t y[32])
{
    memcpy(pub->x, x, 32);
    memcpy(pub->y, y, 32);
    memcpy(pub->point, p, sizeof *p);
}

/* a^-1 for a secret a (Montgomery form): the variable-time inversion of a * beta with a fresh random
 * beta (sm2_inv.c explains why that reveals nothing about a), about 1.8 times as fast as the
 * constant-time inversion, which remains the fallback when no randomness can be had. */
void gmtls_sm2_fe_inv_secret(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    uint8_t b[32];
    gmtls_sm2_fe beta;
    if (gmtls_random(b, sizeof b) != 0) {
        gmtls_sm2_fe_inv_ct(r, a);
        return;
    }
    /* reduced mod p; a zero (b = 0 or p, probability 2^-255) becomes the element with limbs (1, 0, 0, 0) */
    (void)gmtls_sm2_fe_from_bytes(&beta, b);
    beta.v[0] |= gmtls_sm2_fe_is_zero(&beta) & 1;
    gmtls_sm2_fe_inv_blinded(r, a, &beta);
    gmtls_wipe(b, sizeof b);
    gmtls_wipe(&beta, sizeof beta);
}

/* Affine coordinates without any branch: gmtls_sm2_point_to_affine tests for infinity with a
 * branch, which is a branch on secret-derived data when the point comes from a secret scalar.
 * Here inv(0) = 0, so infinity comes out as (0, 0); callers that can meet it test
 * gmtls_sm2_point_is_infinity as a mask. */
void gmtls_sm2_affine_ct(uint8_t x[32], uint8_t y[32], const gmtls_sm2_point *p)
{
    gmtls_sm2_fe zi, zi2, t;
    gmtls_sm2_fe_inv_secret(&zi, &p->Z);
    gmtls_sm2_fe_sqr(&zi2, &zi);
    gmtls_sm2_fe_mul(&t, &p->X, &zi2);
    gmtls_sm2_fe_to_bytes(x, &t);
    if (y) {
        gmtls_sm2_fe_mul(&zi2, &zi2, &zi);
        gmtls_sm2_fe_mul(&t, &p->Y, &zi2);
        gmtls_sm2_fe_to_bytes(y, &t);
    }
    gmtls_wipe(&zi, sizeof zi);
    gmtls_wipe(&zi2, sizeof zi2);
    gmtls_wipe(&t, sizeof t);
}

/* Rejection sampling: a candidate is used only when it lies in [1, n - 1], so the branch on the
 * mask reveals nothing about the scalar that is finally used, only that a discarded candidate was
 * out of range (probability about 2^-32 per draw). */
int gmtls_sm2_random_scalar(gmtls_sm2_scalar *k)
{
    uint8_t buf[32];
    for (int tries = 0; tries < 64; tries++) {
        if (gmtls_random(buf, sizeof buf) != 0)
            break;
        uint64_t ok = gmtls_sm2_scalar_from_bytes(k, buf);
        ok &= ~gmtls_sm2_scalar_is_zero(k);
        if (gmtls_ct_barrier64(ok)) {
            gmtls_wipe(buf, sizeof buf);
            return 0;
        }
    }
    gmtls_wipe(buf, sizeof buf);
    gmtls_wipe(k, sizeof *k);
    return GMTLS_ERR_RANDOM;
}

/* Mask of 1 <= d <= n - 2 (GB/T 32918.1-2016 6.1: d in [1, n - 2], so 1 + d is invertible). */
static uint64_t scalar_key_ok(const gmtls_sm2_scalar *d)
{
    gmtls_sm2_scalar one, t;
    gmtls_sm2_scalar_set_u64(&one, 1);
    gmtls_sm2_scalar_add(&t, d, &one);
    uint64_t ok = ~gmtls_sm2_scalar_is_zero(d) & ~gmtls_sm2_scalar_is_zero(&t);
    gmtls_wipe(&t, sizeof t);
    return ok;
}

/* P = [d]G, in constant time; d must be in [1, n - 1]. The affine coordinates are loaded back
 * with Z = 1 directly (not through the validating decoder, whose verdict would be a branch on
 * values derived from d; [d]G is on the curve by construction). */
static void key_set_public(gmtls_sm2_key *key, const gmtls_sm2_scalar *d)
{
    gmtls_sm2_point p;
    uint8_t x[32], y[32], one[32] = {0};
    gmtls_sm2_mul_base(&p, d);
    gmtls_sm2_affine_ct(x, y, &p); /* d != 0 mod n, so P is not infinity */
    one[31] = 1;
    (void)gmtls_sm2_fe_from_bytes(&p.X, x);
    (void)gmtls_sm2_fe_from_bytes(&p.Y, y);
    (void)gmtls_sm2_fe_from_bytes(&p.Z, one);
    gmtls_sm2_pub_set(&key->pub, &p, x, y);
    memcpy(key->d, d, sizeof *d);
    gmtls_wipe(&p, sizeof p);
}

int gmtls_sm2_keygen(gmtls_sm2_key *key)
{
    uint8_t buf[32];
    gmtls_sm2_scalar d;
    if (!key)
        return GMTLS_ERR_INVALID_ARG;
    for (int tries = 0; tries < 64; tries++) {
        if (gmtls_random(buf, sizeof buf) != 0)
            break;
        uint64_t ok = gmtls_sm2_scalar_from_bytes(&d, buf);
        ok &= scalar_key_ok(&d);
        /* Rejection sampling: only a discarded candidate's range is revealed. */
        if (gmtls_ct_barrier64(ok)) {
            key_set_public(key, &d);
            gmtls_wipe(buf, sizeof buf);
            gmtls_wipe(&d, sizeof d);
            return 0;
        }
    }
    gmtls_wipe(buf, sizeof buf);
    gmtls_wipe(&d, sizeof d);
    gmtls_wipe(key, sizeof *key);
    return GMTLS_ERR_RANDOM;
}

int gmtls_sm2_key_from_bytes(gmtls_sm2_key *key, const uint8_t d_bytes[32])
{
    gmtls_sm2_scalar d, one;
    if (!key || !d_bytes)
        return GMTLS_ERR_INVALID_ARG;
    uint64_t ok = gmtls_sm2_scalar_from_bytes(&d, d_bytes);
    ok &= scalar_key_ok(&d);
    /* No branch on d: an invalid d is replaced by 1 for the computation, the result is erased
     * with the mask, and only the status (the public outcome of this call) is selected. */
    gmtls_sm2_scalar_set_u64(&one, 1);
    for (size_t i = 0; i < 4; i++)
        d.v[i] = gmtls_ct_select64(ok, d.v[i], one.v[i]);
    key_set_public(key, &d);
    uint8_t *b = (uint8_t *)key;
    uint8_t keep = (uint8_t)ok;
    for (size_t i = 0; i < sizeof *key; i++)
        b[i] &= keep;
    gmtls_wipe(&d, sizeof d);
    return (int)(int32_t)gmtls_ct_select32((uint32_t)ok, 0, (uint32_t)GMTLS_ERR_BAD_KEY);
}

void gmtls_sm2_key_to_bytes(const gmtls_sm2_key *key, uint8_t d_bytes[32])
{
    gmtls_sm2_scalar d;
    gmtls_sm2_key_scalar(&d, key);
    gmtls_sm2_scalar_to_bytes(d_bytes, &d);
    gmtls_wipe(&d, sizeof d);
}

void gmtls_sm2_pubkey_from_key(gmtls_sm2_pubkey *pub, const gmtls_sm2_key *key)
{
    memcpy(pub, &key->pub, sizeof *pub);
}

/* GB/T 32918.1-2016 4.2.9 (octets to point) and 6.2 (public key validation: coordinates in
 * [0, p - 1], on the curve, not infinity; the cofactor is 1 so [n]P = O holds for every such point). */
int gmtls_sm2_pubkey_from_octets(gmtls_sm2_pubkey *pub, const uint8_t *in, size_t len)
{
    gmtls_sm2_point p;
    uint8_t y[32];
    int e;
    if (!pub || (!in && len))
        return GMTLS_ERR_INVALID_ARG;
    if (len == 65 && in[0] == 0x04) {
        e = gmtls_sm2_point_from_affine(&p, in + 1, in + 33);
        memcpy(y, in + 33, 32);
    } else if (len == 33 && (in[0] == 0x02 || in[0] == 0x03)) {
        e = gmtls_sm2_point_decompress(y, in + 1, in[0] & 1);
        if (e == 0)
            e = gmtls_sm2_point_from_affine(&p, in + 1, y);
    } else {
        e = GMTLS_ERR_BAD_POINT;
    }
    if (e == 0 && gmtls_sm2_point_is_infinity(&p))
        e = GMTLS_ERR_BAD_POINT;
    if (e != 0) {
        memset(pub, 0, sizeof *pub);
        return GMTLS_ERR_BAD_POINT;
    }
    gmtls_sm2_pub_set(pub, &p, in + 1, y);
    return 0;
}

void gmtls_sm2_pubkey_to_octets(const gmtls_sm2_pubkey *pub, int compressed, uint8_t out[65], size_t *len)
{
    /* GB/T 32918.1-2016 4.2.8: the compressed form keeps the parity of y in the prefix. */
    if (compressed) {
        out[0] = (uint8_t)(0x02 | (pub->y[31] & 1));
        memcpy(out + 1, pub->x, 32);
        *len = 33;
    } else {
        out[0] = 0x04;
        memcpy(out + 1, pub->x, 32);
        memcpy(out + 33, pub->y, 32);
        *len = 65;
    }
}

int gmtls_sm2_pubkey_equal(const gmtls_sm2_pubkey *a, const gmtls_sm2_pubkey *b)
{
    return memcmp(a->x, b->x, 32) == 0 && memcmp(a->y, b->y, 32) == 0;
}

/* GB/T 32918.2-2016 5.5: ZA = SM3(ENTLA || IDA || a || b || xG || yG || xA || yA), where ENTLA is
 * the bit length of IDA as two bytes. */
int gmtls_sm2_compute_z(const gmtls_sm2_pubkey *pub, const uint8_t *id, size_t id_len, uint8_t z[32])
{
    gmtls_sm3_ctx c;
    uint8_t entl[2];
    if (!pub || !z || (!id && id_len))
        return GMTLS_ERR_INVALID_ARG;
    if (id_len > GMTLS_SM2_MAX_ID_LEN)
        return GMTLS_ERR_BAD_LENGTH;
    size_t bits = id_len * 8;
    entl[0] = (uint8_t)(bits >> 8);
    entl[1] = (uint8_t)bits;
    gmtls_sm3_init(&c);
    gmtls_sm3_update(&c, entl, 2);
    if (id_len)
        gmtls_sm3_update(&c, id, id_len);
    gmtls_sm3_update(&c, gmtls_sm2_z_params, sizeof gmtls_sm2_z_params);
    gmtls_sm3_update(&c, pub->x, 32);
    gmtls_sm3_update(&c, pub->y, 32);
    gmtls_sm3_final(&c, z);
    return 0;
}

/* GB/T 32918.2-2016 6.1 A1-A2: e = SM3(ZA || M). */
int gmtls_sm2_compute_e(const gmtls_sm2_pubkey *pub, const uint8_t *id, size_t id_len, const uint8_t *msg,
                        size_t msg_len, uint8_t e[32])
{
    uint8_t z[32];
    gmtls_sm3_ctx c;
    if (!e || (!msg && msg_len))
        return GMTLS_ERR_INVALID_ARG;
    int err = gmtls_sm2_compute_z(pub, id, id_len, z);
    if (err)
        return err;
    gmtls_sm3_init(&c);
    gmtls_sm3_update(&c, z, 32);
    if (msg_len)
        gmtls_sm3_update(&c, msg, msg_len);
    gmtls_sm3_final(&c, e);
    return 0;
}

const char *gmtls_sm2_impl(void)
{
    return gmtls_sm2_arith_impl_full();
}
