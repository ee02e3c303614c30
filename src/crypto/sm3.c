/* SM3 hash (GB/T 32905-2016): padding, streaming, and the choice of compression function. */
#include <string.h>

#include "core/bytes.h"
#include "core/cpu.h"
#include "crypto/sm3_internal.h"
#include "gmtls/error.h"
#include "gmtls/util.h"

#define SM3_COMPRESS_NAME gmtls_sm3_compress_portable_body
#include "crypto/sm3_rounds.h"

/* GB/T 32905-2016 4.1 */
const uint32_t gmtls_sm3_iv[8] = {0x7380166fu, 0x4914b2b9u, 0x172442d7u, 0xda8a0600u,
                                  0xa96f30bcu, 0x163138aau, 0xe38dee4du, 0xb0fb0e4eu};

void gmtls_sm3_compress_portable(uint32_t state[8], const uint8_t *data, size_t nblocks)
{
    gmtls_sm3_compress_portable_body(state, data, nblocks);
}

/* Preferred first; the last entry needs no CPU feature. */
const struct gmtls_sm3_impl_desc gmtls_sm3_impls[] = {
    {"avx512vl-msg", GMTLS_CPU_AVX512F | GMTLS_CPU_AVX512VL | GMTLS_CPU_AVX2, gmtls_sm3_compress_avx512},
    {"bmi2", GMTLS_CPU_BMI2, gmtls_sm3_compress_bmi2},
    {"portable", 0, gmtls_sm3_compress_portable},
    {NULL, 0, NULL},
};

/* Set by gmtls_sm3_force_impl (tests only); NULL means choose by CPU on each call, which keeps
 * gmtls_cpu_set_mask effective immediately and costs one cached feature lookup per update. */
static const struct gmtls_sm3_impl_desc *forced;

static const struct gmtls_sm3_impl_desc *pick(void)
{
    if (forced)
        return forced;
    const struct gmtls_sm3_impl_desc *d = gmtls_sm3_impls;
    while (d->name && !gmtls_cpu_has(d->cpu))
        d++;
    return d->name ? d : &gmtls_sm3_impls[0];
}

void gmtls_sm3_compress(uint32_t state[8], const uint8_t *data, size_t nblocks)
{
    pick()->compress(state, data, nblocks);
}

int gmtls_sm3_force_impl(const char *name)
{
    if (!name) {
        forced = NULL;
        return 0;
    }
    for (const struct gmtls_sm3_impl_desc *d = gmtls_sm3_impls; d->name; d++) {
        if (strcmp(d->name, name) == 0) {
            if (!gmtls_cpu_has(d->cpu))
                return GMTLS_ERR_NOT_SUPPORTED;
            forced = d;
            return 0;
        }
    }
    return GMTLS_ERR_NOT_SUPPORTED;
}

const char *gmtls_sm3_impl(void)
{
    return pick()->name;
}

void gmtls_sm3_init(gmtls_sm3_ctx *ctx)
{
    memcpy(ctx->state, gmtls_sm3_iv, sizeof(ctx->state));
    ctx->nblocks = 0;
    ctx->num = 0;
    memset(ctx->buf, 0, sizeof(ctx->buf));
}

void gmtls_sm3_update(gmtls_sm3_ctx *ctx, const void *data, size_t len)
{
    const uint8_t *p = data;
    if (len == 0)
        return;
    gmtls_sm3_compress_fn compress = pick()->compress;
    if (ctx->num) {
        size_t take = 64 - ctx->num;
        if (len < take) {
            memcpy(ctx->buf + ctx->num, p, len);
            ctx->num += len;
            return;
        }
        memcpy(ctx->buf + ctx->num, p, take);
        compress(ctx->state, ctx->buf, 1);
        ctx->nblocks++;
        p += take;
        len -= take;
        ctx->num = 0;
    }
    size_t nb = len / 64;
    if (nb) {
        compress(ctx->state, p, nb);
        ctx->nblocks += nb;
        p += 64 * nb;
        len -= 64 * nb;
    }
    if (len) {
        memcpy(ctx->buf, p, len);
        ctx->num = len;
    }
}

/* GB/T 32905-2016 5.2: append bit 1, zeros, and the 64-bit big-endian bit length, to a multiple
 * of 512 bits. */
void gmtls_sm3_final(gmtls_sm3_ctx *ctx, uint8_t out[32])
{
    gmtls_sm3_compress_fn compress = pick()->compress;
    uint64_t bits = (ctx->nblocks * 64 + ctx->num) * 8;
    size_t n = ctx->num;
    ctx->buf[n++] = 0x80;
    if (n > 56) {
        memset(ctx->buf + n, 0, 64 - n);
        compress(ctx->state, ctx->buf, 1);
        n = 0;
    }
    memset(ctx->buf + n, 0, 56 - n);
    gmtls_store_be64(ctx->buf + 56, bits);
    compress(ctx->state, ctx->buf, 1);
    for (int i = 0; i < 8; i++)
        gmtls_store_be32(out + 4 * i, ctx->state[i]);
    gmtls_wipe(ctx, sizeof(*ctx));
}

void gmtls_sm3(const void *data, size_t len, uint8_t out[32])
{
    gmtls_sm3_ctx ctx;
    gmtls_sm3_init(&ctx);
    gmtls_sm3_update(&ctx, data, len);
    gmtls_sm3_final(&ctx, out);
}
