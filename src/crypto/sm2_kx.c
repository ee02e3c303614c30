/* SM2 key exchange (GB/T 32918.3-2016 6.1, with the optional confirmation values), and the form
 * TLCP's ECDHE suites use (GB/T 38636-2020: server = initiator A, client = responder B, encryption
 * keys as the static keys, default IDs, 48-byte key, no confirmation). */
#include <string.h>

#include "core/ct.h"
#include "crypto/sm2_internal.h"
#include "gmtls/error.h"
#include "gmtls/sm3.h"
#include "gmtls/util.h"

enum { KX_INIT = 0, KX_EPHEMERAL = 1, KX_DONE = 2 };

int gmtls_sm2_kx_init(gmtls_sm2_kx *kx, gmtls_sm2_kx_role role, const gmtls_sm2_key *own, const uint8_t *own_id,
                      size_t own_id_len, const gmtls_sm2_pubkey *peer, const uint8_t *peer_id, size_t peer_id_len)
{
    int err;
    if (!kx || !own || !peer || (!own_id && own_id_len) || (!peer_id && peer_id_len))
        return GMTLS_ERR_INVALID_ARG;
    if (role != GMTLS_SM2_INITIATOR && role != GMTLS_SM2_RESPONDER)
        return GMTLS_ERR_INVALID_ARG;
    memset(kx, 0, sizeof *kx);
    memcpy(&kx->own, own, sizeof *own);
    memcpy(&kx->peer, peer, sizeof *peer);
    kx->role = (int)role;
    /* GB/T 32918.3-2016 6.1: ZA belongs to the initiator A, ZB to the responder B. */
    uint8_t *zown = role == GMTLS_SM2_INITIATOR ? kx->za : kx->zb;
    uint8_t *zpeer = role == GMTLS_SM2_INITIATOR ? kx->zb : kx->za;
    err = gmtls_sm2_compute_z(&own->pub, own_id, own_id_len, zown);
    if (!err)
        err = gmtls_sm2_compute_z(peer, peer_id, peer_id_len, zpeer);
    if (err)
        gmtls_sm2_kx_wipe(kx);
    else
        kx->state = KX_INIT;
    return err;
}

static void kx_set_r(gmtls_sm2_kx *kx, const gmtls_sm2_scalar *r, uint8_t own_r[65])
{
    gmtls_sm2_point p;
    /* A1-A3 / B1-B3: R = [r]G; r in [1, n - 1] so R is not infinity. */
    gmtls_sm2_mul_base(&p, r);
    gmtls_sm2_affine_ct(kx->own_r + 1, kx->own_r + 33, &p);
    kx->own_r[0] = 0x04;
    memcpy(kx->r, r, sizeof *r);
    if (own_r)
        memcpy(own_r, kx->own_r, 65);
    kx->state = KX_EPHEMERAL;
    gmtls_wipe(&p, sizeof p);
}

int gmtls_sm2_kx_generate(gmtls_sm2_kx *kx, uint8_t own_r[65])
{
    gmtls_sm2_scalar r;
    if (!kx)
        return GMTLS_ERR_INVALID_ARG;
    int err = gmtls_sm2_random_scalar(&r);
    if (err)
        return err;
    kx_set_r(kx, &r, own_r);
    gmtls_wipe(&r, sizeof r);
    return 0;
}

int gmtls_sm2_kx_set_ephemeral(gmtls_sm2_kx *kx, const uint8_t r_bytes[32], uint8_t own_r[65])
{
    gmtls_sm2_scalar r;
    uint64_t ok = gmtls_sm2_scalar_from_bytes(&r, r_bytes) & ~gmtls_sm2_scalar_is_zero(&r);
    if (!ok) {
        gmtls_wipe(&r, sizeof r);
        return GMTLS_ERR_INVALID_ARG;
    }
    kx_set_r(kx, &r, own_r);
    gmtls_wipe(&r, sizeof r);
    return 0;
}

/* GB/T 32918.3-2016 6.1 A4 / A6: x-bar = 2^w + (x & (2^w - 1)) with w = ceil(ceil(log2 n) / 2) - 1
 * = 127: the low 127 bits of x with bit 127 set. */
static void xbar(gmtls_sm2_scalar *out, const uint8_t x[32])
{
    uint8_t b[32];
    memset(b, 0, 16);
    memcpy(b + 16, x + 16, 16);
    b[16] |= 0x80;
    (void)gmtls_sm2_scalar_from_bytes(out, b); /* < 2^128 < n */
}

/* A4-A10 / B4-B10 with the peer's ephemeral point already validated. */
static int kx_compute(gmtls_sm2_kx *kx, const gmtls_sm2_pubkey *peer_r, uint8_t *key, size_t klen)
{
    gmtls_sm2_scalar xo, xp, d, r, t, zero;
    gmtls_sm2_point q, pp, rp, u;
    uint8_t uxy[64], inner[32], s2[32], s3[32];
    gmtls_sm3_ctx h;

    /* A4-A5 / B4-B5: t = (d + x-bar_own * r) mod n, in constant time. */
    xbar(&xo, kx->own_r + 1);
    gmtls_sm2_key_scalar(&d, &kx->own);
    memcpy(&r, kx->r, sizeof r);
    gmtls_sm2_scalar_mul(&t, &xo, &r);
    gmtls_sm2_scalar_add(&t, &t, &d);
    gmtls_wipe(&d, sizeof d);
    gmtls_wipe(&r, sizeof r);

    /* A6-A7 / B6-B7: Q = P_peer + [x-bar_peer]R_peer involves only public values, so it may use
     * variable-time arithmetic; then U = [h t]Q with h = 1, in constant time in t. */
    xbar(&xp, peer_r->x);
    gmtls_sm2_scalar_set_u64(&zero, 0);
    gmtls_sm2_pub_point(&rp, peer_r);
    gmtls_sm2_pub_point(&pp, &kx->peer);
    gmtls_sm2_mul_double_vartime(&q, &zero, &xp, &rp);
    gmtls_sm2_point_add(&q, &q, &pp);
    gmtls_sm2_mul(&u, &t, &q);
    uint64_t bad = gmtls_sm2_point_is_infinity(&u);
    gmtls_sm2_affine_ct(uxy, uxy + 32, &u); /* U = O is folded into `bad` instead of branching */

    /* A8 / B8: K = KDF(xU || yU || ZA || ZB, klen). */
    uint8_t kin[128];
    memcpy(kin, uxy, 64);
    memcpy(kin + 64, kx->za, 32);
    memcpy(kin + 96, kx->zb, 32);
    int err = gmtls_sm3_kdf(kin, sizeof kin, key, klen);

    /* A9-A10 / B9-B10: inner = SM3(xU || ZA || ZB || x1 || y1 || x2 || y2), where (x1, y1) = RA
     * and (x2, y2) = RB; S1 = SB uses the prefix 02, S2 = SA the prefix 03. */
    gmtls_sm3_init(&h);
    gmtls_sm3_update(&h, uxy, 32);
    gmtls_sm3_update(&h, kx->za, 32);
    gmtls_sm3_update(&h, kx->zb, 32);
    if (kx->role == GMTLS_SM2_INITIATOR) {
        gmtls_sm3_update(&h, kx->own_r + 1, 64);
        gmtls_sm3_update(&h, peer_r->x, 32);
        gmtls_sm3_update(&h, peer_r->y, 32);
    } else {
        gmtls_sm3_update(&h, peer_r->x, 32);
        gmtls_sm3_update(&h, peer_r->y, 32);
        gmtls_sm3_update(&h, kx->own_r + 1, 64);
    }
    gmtls_sm3_final(&h, inner);
    static const uint8_t tag2 = 0x02, tag3 = 0x03;
    gmtls_sm3_init(&h);
    gmtls_sm3_update(&h, &tag2, 1);
    gmtls_sm3_update(&h, uxy + 32, 32);
    gmtls_sm3_update(&h, inner, 32);
    gmtls_sm3_final(&h, s2);
    gmtls_sm3_init(&h);
    gmtls_sm3_update(&h, &tag3, 1);
    gmtls_sm3_update(&h, uxy + 32, 32);
    gmtls_sm3_update(&h, inner, 32);
    gmtls_sm3_final(&h, s3);
    if (kx->role == GMTLS_SM2_RESPONDER) {
        memcpy(kx->s_own, s2, 32);  /* SB */
        memcpy(kx->s_peer, s3, 32); /* expected SA */
    } else {
        memcpy(kx->s_own, s3, 32);  /* SA */
        memcpy(kx->s_peer, s2, 32); /* expected S1 = SB */
    }

    /* U = O (GB/T 32918.3 A7/B7 "if U is the point at infinity, fail"): erase everything. */
    uint8_t keep = (uint8_t)~bad;
    for (size_t i = 0; i < klen; i++)
        key[i] &= keep;
    for (size_t i = 0; i < 32; i++) {
        kx->s_own[i] &= keep;
        kx->s_peer[i] &= keep;
    }
    gmtls_wipe(&t, sizeof t);
    gmtls_wipe(&xo, sizeof xo);
    gmtls_wipe(&u, sizeof u);
    gmtls_wipe(uxy, sizeof uxy);
    gmtls_wipe(kin, sizeof kin);
    gmtls_wipe(inner, sizeof inner);
    gmtls_wipe(s2, sizeof s2);
    gmtls_wipe(s3, sizeof s3);
    /* The ephemeral key is single use. */
    gmtls_wipe(kx->r, sizeof kx->r);
    kx->state = KX_DONE;
    return (int)(int32_t)gmtls_ct_select32((uint32_t)bad, (uint32_t)GMTLS_ERR_BAD_POINT, (uint32_t)err);
}

int gmtls_sm2_kx_compute(gmtls_sm2_kx *kx, const uint8_t *peer_r, size_t peer_r_len, uint8_t *key, size_t klen)
{
    gmtls_sm2_pubkey rp;
    if (!kx || !key || klen == 0 || (!peer_r && peer_r_len))
        return GMTLS_ERR_INVALID_ARG;
    memset(key, 0, klen);
    if (kx->state != KX_EPHEMERAL)
        return GMTLS_ERR_BAD_STATE;
    /* A6 / B1 (GB/T 32918.3-2016 6.1): the peer's R must satisfy the curve equation. */
    int err = gmtls_sm2_pubkey_from_octets(&rp, peer_r, peer_r_len);
    if (err)
        return err;
    return kx_compute(kx, &rp, key, klen);
}

int gmtls_sm2_kx_confirmation(const gmtls_sm2_kx *kx, uint8_t s[32])
{
    if (!kx || !s)
        return GMTLS_ERR_INVALID_ARG;
    if (kx->state != KX_DONE)
        return GMTLS_ERR_BAD_STATE;
    memcpy(s, kx->s_own, 32);
    return 0;
}

int gmtls_sm2_kx_check(const gmtls_sm2_kx *kx, const uint8_t s[32])
{
    if (!kx || !s)
        return GMTLS_ERR_INVALID_ARG;
    if (kx->state != KX_DONE)
        return GMTLS_ERR_BAD_STATE;
    return gmtls_ct_memneq(kx->s_peer, s, 32) ? GMTLS_ERR_KX_CONFIRM : 0;
}

void gmtls_sm2_kx_wipe(gmtls_sm2_kx *kx)
{
    if (kx)
        gmtls_wipe(kx, sizeof *kx);
}

int gmtls_sm2_kx_tlcp(int is_server, const gmtls_sm2_key *own_enc, const gmtls_sm2_key *own_eph,
                      const gmtls_sm2_pubkey *peer_enc, const gmtls_sm2_pubkey *peer_eph, uint8_t premaster[48])
{
    gmtls_sm2_kx kx;
    if (!own_enc || !own_eph || !peer_enc || !peer_eph || !premaster)
        return GMTLS_ERR_INVALID_ARG;
    const uint8_t *id = (const uint8_t *)GMTLS_SM2_DEFAULT_ID;
    int err = gmtls_sm2_kx_init(&kx, is_server ? GMTLS_SM2_INITIATOR : GMTLS_SM2_RESPONDER, own_enc, id,
                                GMTLS_SM2_DEFAULT_ID_LEN, peer_enc, id, GMTLS_SM2_DEFAULT_ID_LEN);
    if (err) {
        memset(premaster, 0, 48);
        return err;
    }
    /* The ephemeral key pair is own_eph: r = its private scalar, R = its public point. */
    memcpy(kx.r, own_eph->d, sizeof kx.r);
    size_t n;
    gmtls_sm2_pubkey_to_octets(&own_eph->pub, 0, kx.own_r, &n);
    kx.state = KX_EPHEMERAL;
    err = kx_compute(&kx, peer_eph, premaster, 48);
    gmtls_sm2_kx_wipe(&kx);
    return err;
}
