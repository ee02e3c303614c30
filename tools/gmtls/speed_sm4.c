/* gmtls speed: SM4 entries, each on the implementation the library chooses (force another with
 * GMTLS_CPU_MASK).
 *   sm4             ECB encryption of each size (many independent blocks); one row per implementation
 *                   the CPU allows, the one the library chooses first
 *   sm4-cbc-enc     CBC encryption of one message (serial: one block at a time)
 *   sm4-cbc-enc-mb  aggregate CBC encryption of LANES messages of each size, each with its own IV
 *                   (LANES = the kernel's lane count: 32 for AVX-512, 16 for AVX2, 64 portable)
 *   sm4-cbc-dec     CBC decryption (parallel)
 *   sm4-ctr         CTR with a 128-bit counter
 *   sm4-gcm         SM4-GCM encryption with 13 bytes of AAD (as a TLCP record) and a 12-byte IV */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "crypto/sm4_internal.h"
#include "gmtls/sm4.h"
#include "gmtls/sm4_gcm.h"
#include "speed.h"

#define MAX_SIZE 16384

struct sm4_arg {
    gmtls_sm4_key key;
    gmtls_sm4_gcm_ctx gcm;
    uint8_t iv[16];
    uint8_t *buf;
    size_t nmsgs;
    const uint8_t *ivs[GMTLS_SM4_MAX_LANES], *ins[GMTLS_SM4_MAX_LANES];
    uint8_t *outs[GMTLS_SM4_MAX_LANES];
    size_t lens[GMTLS_SM4_MAX_LANES];
};

static struct sm4_arg *sm4_speed_arg(void)
{
    static struct sm4_arg *a;
    if (a == NULL) {
        uint8_t key[16];
        a = calloc(1, sizeof *a);
        if (a != NULL)
            a->buf = malloc((size_t)GMTLS_SM4_MAX_LANES * MAX_SIZE);
        if (a == NULL || a->buf == NULL) {
            fprintf(stderr, "gmtls speed: out of memory\n");
            exit(1);
        }
        for (size_t i = 0; i < (size_t)GMTLS_SM4_MAX_LANES * MAX_SIZE; i++)
            a->buf[i] = (uint8_t)(i * 131 + 7);
        for (unsigned i = 0; i < 16; i++) {
            key[i] = (uint8_t)(i * 17 + 1);
            a->iv[i] = (uint8_t)(i * 29 + 3);
        }
        gmtls_sm4_set_key(&a->key, key);
        gmtls_sm4_gcm_init(&a->gcm, key);
        for (size_t i = 0; i < GMTLS_SM4_MAX_LANES; i++) {
            a->ivs[i] = a->iv;
            a->ins[i] = a->outs[i] = a->buf + i * MAX_SIZE;
        }
    }
    return a;
}

static void op_ecb(void *arg, size_t size)
{
    struct sm4_arg *a = arg;
    gmtls_sm4_ecb_encrypt(&a->key, a->buf, a->buf, size / 16);
}

static void op_cbc_enc(void *arg, size_t size)
{
    struct sm4_arg *a = arg;
    if (gmtls_sm4_cbc_encrypt(&a->key, a->iv, a->buf, a->buf, size) != 0)
        abort();
}

static void op_cbc_dec(void *arg, size_t size)
{
    struct sm4_arg *a = arg;
    if (gmtls_sm4_cbc_decrypt(&a->key, a->iv, a->buf, a->buf, size) != 0)
        abort();
}

static void op_cbc_enc_mb(void *arg, size_t size)
{
    struct sm4_arg *a = arg;
    for (size_t i = 0; i < a->nmsgs; i++)
        a->lens[i] = size;
    if (gmtls_sm4_cbc_encrypt_mb(&a->key, a->nmsgs, a->ivs, a->ins, a->outs, a->lens) != 0)
        abort();
}

static void op_ctr(void *arg, size_t size)
{
    struct sm4_arg *a = arg;
    gmtls_sm4_ctr(&a->key, a->iv, a->buf, a->buf, size);
}

static void op_gcm(void *arg, size_t size)
{
    struct sm4_arg *a = arg;
    uint8_t tag[16];
    if (gmtls_sm4_gcm_encrypt(&a->gcm, a->iv, 12, a->buf + MAX_SIZE, 13, a->buf, a->buf, size, tag) != 0)
        abort();
}

/* The implementations and the CPU features that select each (sm4.c). */
static const struct {
    const char *name;
    uint32_t need;
} sm4_impls[] = {
    {"gfni-avx512", GMTLS_CPU_AVX512F | GMTLS_CPU_AVX512BW | GMTLS_CPU_AVX512VL | GMTLS_CPU_AVX512DQ | GMTLS_CPU_GFNI |
                        GMTLS_CPU_AVX2 | GMTLS_CPU_BMI2},
    {"gfni-avx2", GMTLS_CPU_GFNI | GMTLS_CPU_AVX2 | GMTLS_CPU_BMI2},
    {"aesni-avx2", GMTLS_CPU_AESNI | GMTLS_CPU_AVX2 | GMTLS_CPU_SSSE3},
    {"portable-ct", 0},
};

static void run_ecb(const struct speed_ctx *ctx)
{
    const char *def = gmtls_sm4_impl();
    speed_throughput_row(ctx, "sm4", def, op_ecb, sm4_speed_arg());
    uint32_t saved = gmtls_cpu_features();
    for (size_t i = 0; i < sizeof sm4_impls / sizeof sm4_impls[0]; i++) {
        if (strcmp(sm4_impls[i].name, def) == 0 || (saved & sm4_impls[i].need) != sm4_impls[i].need)
            continue;
        gmtls_cpu_set_mask(sm4_impls[i].need);
        gmtls_sm4_impl_reset();
        if (strcmp(gmtls_sm4_impl(), sm4_impls[i].name) == 0)
            speed_throughput_row(ctx, "sm4", sm4_impls[i].name, op_ecb, sm4_speed_arg());
    }
    gmtls_cpu_set_mask(saved);
    gmtls_sm4_impl_reset();
}

static void run_cbc_enc(const struct speed_ctx *ctx)
{
    speed_throughput_row(ctx, "sm4-cbc-enc", gmtls_sm4_impl(), op_cbc_enc, sm4_speed_arg());
}

static void run_cbc_dec(const struct speed_ctx *ctx)
{
    speed_throughput_row(ctx, "sm4-cbc-dec", gmtls_sm4_impl(), op_cbc_dec, sm4_speed_arg());
}

/* Aggregate rate: every call encrypts nmsgs messages of `size` bytes. */
static void run_cbc_enc_mb(const struct speed_ctx *ctx)
{
    struct sm4_arg *a = sm4_speed_arg();
    size_t lanes = gmtls_sm4_ops_get()->lanes;
    a->nmsgs = lanes < GMTLS_SM4_MAX_LANES ? lanes : GMTLS_SM4_MAX_LANES;
    char impl[40];
    snprintf(impl, sizeof impl, "%s/x%zu", gmtls_sm4_impl(), a->nmsgs); /* no spaces: bench/compare.sh splits on them */
    printf("%-18s %-18s", "sm4-cbc-enc-mb", impl);
    fflush(stdout);
    for (int i = 0; i < SPEED_NSIZES; i++) {
        double bps = speed_bytes(ctx, op_cbc_enc_mb, a, speed_sizes[i]) * (double)a->nmsgs;
        printf(" %9.1f", bps / 1e6);
        fflush(stdout);
    }
    printf("\n");
}

static void run_ctr(const struct speed_ctx *ctx)
{
    speed_throughput_row(ctx, "sm4-ctr", gmtls_sm4_impl(), op_ctr, sm4_speed_arg());
}

static void run_gcm(const struct speed_ctx *ctx)
{
    char impl[64];
    snprintf(impl, sizeof impl, "%s+%s", gmtls_sm4_impl(), gmtls_ghash_impl());
    speed_throughput_row(ctx, "sm4-gcm", impl, op_gcm, sm4_speed_arg());
}

const struct speed_entry speed_entries_sm4[] = {
    {"sm4", run_ecb},
    {"sm4-cbc-enc", run_cbc_enc},
    {"sm4-cbc-enc-mb", run_cbc_enc_mb},
    {"sm4-cbc-dec", run_cbc_dec},
    {"sm4-ctr", run_ctr},
    {"sm4-gcm", run_gcm},
    {0, 0},
};
