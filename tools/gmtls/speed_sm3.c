/* gmtls speed: SM3 entries.
 *   sm3          one-shot SM3 of each size; one row per single-stream implementation the CPU
 *                allows, the one the library chooses first
 *   sm3-mb       aggregate throughput of gmtls_sm3_mb over LANES messages of each size (16 for
 *                the AVX-512 kernel, 8 for AVX2); one row per kernel the CPU allows
 *   hmac-sm3     HMAC-SM3 of each size from a keyed context (copy, update, final), as a record
 *                layer uses it
 *   hmac-sm3-mb  aggregate throughput of gmtls_hmac_sm3_mb over LANES messages of each size */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/sm3_internal.h"
#include "gmtls/sm3.h"
#include "speed.h"

#define MAX_SIZE 16384
#define MB_MSGS 16

static uint8_t *speed_buf(void)
{
    static uint8_t *buf;
    if (!buf) {
        buf = malloc(MB_MSGS * MAX_SIZE);
        if (!buf) {
            fprintf(stderr, "gmtls speed: out of memory\n");
            exit(1);
        }
        for (size_t i = 0; i < MB_MSGS * MAX_SIZE; i++)
            buf[i] = (uint8_t)(i * 131 + 7);
    }
    return buf;
}

static void op_sm3(void *arg, size_t size)
{
    uint8_t out[32];
    gmtls_sm3(arg, size, out);
}

static void run_sm3(const struct speed_ctx *ctx)
{
    uint8_t *buf = speed_buf();
    const char *def = gmtls_sm3_impl();
    speed_throughput_row(ctx, "sm3", def, op_sm3, buf);
    for (const struct gmtls_sm3_impl_desc *d = gmtls_sm3_impls; d->name; d++) {
        if (strcmp(d->name, def) == 0 || gmtls_sm3_force_impl(d->name) != 0)
            continue;
        speed_throughput_row(ctx, "sm3", d->name, op_sm3, buf);
    }
    if (gmtls_sm3_force_impl(NULL) != 0)
        fprintf(stderr, "gmtls speed: could not restore the SM3 implementation\n");
}

struct mb_arg {
    unsigned n;
    const uint8_t *msgs[MB_MSGS];
    size_t lens[MB_MSGS];
    uint8_t out[MB_MSGS][32];
    gmtls_hmac_sm3_ctx key, ctxs[MB_MSGS];
    gmtls_hmac_sm3_ctx *ptrs[MB_MSGS];
};

static void op_sm3_mb(void *arg, size_t size)
{
    struct mb_arg *a = arg;
    for (unsigned i = 0; i < a->n; i++)
        a->lens[i] = size;
    gmtls_sm3_mb(a->n, a->msgs, a->lens, a->out);
}

static void op_hmac_mb(void *arg, size_t size)
{
    struct mb_arg *a = arg;
    for (unsigned i = 0; i < a->n; i++) {
        a->lens[i] = size;
        a->ctxs[i] = a->key;
    }
    gmtls_hmac_sm3_mb(a->n, a->ptrs, a->msgs, a->lens, a->out);
}

/* speed_throughput_row counts `size` bytes per call; a multi-buffer call hashes n messages of
 * `size` bytes, so the row is printed here in the same format with n times the bytes. */
static void mb_row(const struct speed_ctx *ctx, const char *name, const char *impl, void (*op)(void *, size_t),
                   struct mb_arg *a)
{
    printf("%-18s %-18s", name, impl);
    fflush(stdout);
    for (int i = 0; i < SPEED_NSIZES; i++) {
        double bps = speed_bytes(ctx, op, a, speed_sizes[i]) * a->n;
        printf(" %9.1f", bps / 1e6);
        fflush(stdout);
    }
    printf("\n");
}

static void mb_setup(struct mb_arg *a)
{
    uint8_t *buf = speed_buf();
    for (unsigned i = 0; i < MB_MSGS; i++) {
        a->msgs[i] = buf + (size_t)i * MAX_SIZE;
        a->ptrs[i] = &a->ctxs[i];
    }
    gmtls_hmac_sm3_init(&a->key, buf, 32);
}

/* One row per kernel the CPU allows, then the portable path (one message at a time), with as
 * many messages as the kernel has lanes (16 for portable). */
static void run_mb(const struct speed_ctx *ctx, const char *name, void (*op)(void *, size_t))
{
    static struct mb_arg a;
    mb_setup(&a);
    for (const struct gmtls_sm3_mb_kernel_desc *k = gmtls_sm3_mb_kernels; k->name; k++) {
        if (gmtls_sm3_mb_force_kernel(k->name) != 0)
            continue;
        a.n = k->lanes;
        mb_row(ctx, name, k->name, op, &a);
    }
    if (gmtls_sm3_mb_force_kernel("portable") == 0) {
        a.n = MB_MSGS;
        mb_row(ctx, name, "portable", op, &a);
    }
    if (gmtls_sm3_mb_force_kernel(NULL) != 0)
        fprintf(stderr, "gmtls speed: could not restore the SM3 multi-buffer kernel\n");
}

static void run_sm3_mb(const struct speed_ctx *ctx)
{
    run_mb(ctx, "sm3-mb", op_sm3_mb);
}

static void run_hmac_mb(const struct speed_ctx *ctx)
{
    run_mb(ctx, "hmac-sm3-mb", op_hmac_mb);
}

static void op_hmac(void *arg, size_t size)
{
    struct mb_arg *a = arg;
    gmtls_hmac_sm3_ctx c = a->key;
    gmtls_hmac_sm3_update(&c, a->msgs[0], size);
    gmtls_hmac_sm3_final(&c, a->out[0]);
}

static void run_hmac(const struct speed_ctx *ctx)
{
    static struct mb_arg a;
    mb_setup(&a);
    speed_throughput_row(ctx, "hmac-sm3", gmtls_sm3_impl(), op_hmac, &a);
}

const struct speed_entry speed_entries_sm3[] = {
    {"sm3", run_sm3},
    {"sm3-mb", run_sm3_mb},
    {"hmac-sm3", run_hmac},
    {"hmac-sm3-mb", run_hmac_mb},
    {0, 0},
};
