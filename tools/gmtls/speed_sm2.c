/* gmtls speed: SM2 entries. `sm2` measures key generation, signing (one-shot with Z computed each
 * time, with a prepared sign key, and with a signer's pool of precomputed nonces), verification (one-shot, and with a prepared verify key), encryption and decryption of 32 bytes, and one
 * side of the TLCP ECDHE key exchange, as operations per second with the arithmetic in use. */
#include <stdio.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/sm2.h"
#include "gmtls/util.h"
#include "speed.h"

struct sm2_bench {
    gmtls_sm2_key key, peer, eph, peer_eph;
    gmtls_sm2_sign_key sk;
    gmtls_sm2_verify_key vk;
    gmtls_sm2_signer sg;
    uint8_t msg[32], sig[64], ct[160], pt[32], pm[48];
    size_t ct_len;
    unsigned long failures;
};

static const uint8_t *id(void) { return (const uint8_t *)GMTLS_SM2_DEFAULT_ID; }

static void op_keygen(void *a)
{
    struct sm2_bench *b = a;
    gmtls_sm2_key k;
    b->failures += gmtls_sm2_keygen(&k) != 0;
}

static void op_sign(void *a)
{
    struct sm2_bench *b = a;
    b->failures += gmtls_sm2_sign(&b->key, id(), GMTLS_SM2_DEFAULT_ID_LEN, b->msg, sizeof b->msg, b->sig) != 0;
}

static void op_sign_cached(void *a)
{
    struct sm2_bench *b = a;
    b->failures += gmtls_sm2_sign_key_sign(&b->sk, id(), GMTLS_SM2_DEFAULT_ID_LEN, b->msg, sizeof b->msg, b->sig) != 0;
}

static void op_sign_pool(void *a)
{
    struct sm2_bench *b = a;
    b->failures += gmtls_sm2_signer_sign(&b->sg, id(), GMTLS_SM2_DEFAULT_ID_LEN, b->msg, sizeof b->msg, b->sig) != 0;
}

static void op_verify(void *a)
{
    struct sm2_bench *b = a;
    b->failures += gmtls_sm2_verify(&b->key.pub, id(), GMTLS_SM2_DEFAULT_ID_LEN, b->msg, sizeof b->msg, b->sig) != 0;
}

static void op_verify_cached(void *a)
{
    struct sm2_bench *b = a;
    b->failures +=
        gmtls_sm2_verify_key_verify(&b->vk, id(), GMTLS_SM2_DEFAULT_ID_LEN, b->msg, sizeof b->msg, b->sig) != 0;
}

static void op_encrypt(void *a)
{
    struct sm2_bench *b = a;
    b->failures += gmtls_sm2_encrypt(&b->key.pub, b->msg, sizeof b->msg, GMTLS_SM2_C1C3C2, b->ct, sizeof b->ct,
                                     &b->ct_len) != 0;
}

static void op_decrypt(void *a)
{
    struct sm2_bench *b = a;
    size_t n;
    b->failures += gmtls_sm2_decrypt(&b->key, GMTLS_SM2_C1C3C2, b->ct, b->ct_len, b->pt, sizeof b->pt, &n) != 0;
}

static void op_kx(void *a)
{
    struct sm2_bench *b = a;
    b->failures += gmtls_sm2_kx_tlcp(1, &b->key, &b->eph, &b->peer.pub, &b->peer_eph.pub, b->pm) != 0;
}

static void run_sm2(const struct speed_ctx *ctx)
{
    static struct sm2_bench b;
    const char *impl = gmtls_sm2_impl();
    memset(&b, 0, sizeof b);
    memset(b.msg, 0x5a, sizeof b.msg);
    if (gmtls_sm2_keygen(&b.key) || gmtls_sm2_keygen(&b.peer) || gmtls_sm2_keygen(&b.eph) ||
        gmtls_sm2_keygen(&b.peer_eph)) {
        fprintf(stderr, "gmtls speed: sm2 key generation failed\n");
        return;
    }
    gmtls_sm2_sign_key_init(&b.sk, &b.key);
    gmtls_sm2_verify_key_init(&b.vk, &b.key.pub);
    gmtls_sm2_signer_init(&b.sg, &b.key);
    speed_print_ops("sm2-keygen", impl, speed_ops(ctx, op_keygen, &b));
    speed_print_ops("sm2-sign", impl, speed_ops(ctx, op_sign, &b));
    speed_print_ops("sm2-sign-cached", impl, speed_ops(ctx, op_sign_cached, &b));
    speed_print_ops("sm2-sign-pool", impl, speed_ops(ctx, op_sign_pool, &b));
    speed_print_ops("sm2-verify", impl, speed_ops(ctx, op_verify, &b));
    speed_print_ops("sm2-verify-cached", impl, speed_ops(ctx, op_verify_cached, &b));
    speed_print_ops("sm2-encrypt-32", impl, speed_ops(ctx, op_encrypt, &b));
    speed_print_ops("sm2-decrypt-32", impl, speed_ops(ctx, op_decrypt, &b));
    speed_print_ops("sm2-kx-tlcp", impl, speed_ops(ctx, op_kx, &b));
    if (b.failures)
        fprintf(stderr, "gmtls speed: %lu sm2 operations failed\n", b.failures);
    gmtls_wipe(&b, sizeof b);
}

const struct speed_entry speed_entries_sm2[] = {
    {"sm2", run_sm2},
    {0, 0},
};
