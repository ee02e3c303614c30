/* Multi-buffer SM3: hash many independent messages at once, one message per SIMD lane.
 *
 * A lane kernel (sm3_mb_avx512.c, sm3_mb_avx2.c) advances 16 or 8 chaining values by the same
 * number of blocks. This file is the scheduler around it. Each message becomes a job of up to
 * three segments of whole blocks: a head block (the bytes a context had buffered, completed with
 * the start of the message), the message's whole blocks read in place, and one or two tail
 * blocks (the last bytes plus the GB/T 32905-2016 5.2 padding). Each call to the kernel runs the
 * smallest number of blocks any active lane has left in its current segment; a lane whose job
 * ends is refilled with the next message at once, so messages of different lengths keep the
 * lanes busy. When too few lanes are left to be worth a SIMD step, the remaining jobs finish on
 * the single-stream compression. */
#include <string.h>

#include "core/bytes.h"
#include "core/cpu.h"
#include "crypto/sm3_internal.h"
#include "gmtls/error.h"
#include "gmtls/util.h"

#define MB_MAX_LANES 16

const struct gmtls_sm3_mb_kernel_desc gmtls_sm3_mb_kernels[] = {
    {"avx512x16", GMTLS_CPU_AVX512F | GMTLS_CPU_AVX512BW | GMTLS_CPU_AVX2, 16, gmtls_sm3_mb16_avx512},
    {"avx2x8", GMTLS_CPU_AVX2, 8, gmtls_sm3_mb8_avx2},
    {NULL, 0, 0, NULL},
};

/* Set by gmtls_sm3_mb_force_kernel (tests only). */
static int forced;
static const struct gmtls_sm3_mb_kernel_desc *forced_kernel;

int gmtls_sm3_mb_force_kernel(const char *name)
{
    if (!name) {
        forced = 0;
        forced_kernel = NULL;
        return 0;
    }
    if (strcmp(name, "portable") == 0) {
        forced = 1;
        forced_kernel = NULL;
        return 0;
    }
    for (const struct gmtls_sm3_mb_kernel_desc *k = gmtls_sm3_mb_kernels; k->name; k++) {
        if (strcmp(k->name, name) == 0) {
            if (!gmtls_cpu_has(k->cpu))
                return GMTLS_ERR_NOT_SUPPORTED;
            forced = 1;
            forced_kernel = k;
            return 0;
        }
    }
    return GMTLS_ERR_NOT_SUPPORTED;
}

const struct gmtls_sm3_mb_kernel_desc *gmtls_sm3_mb_kernel(void)
{
    if (forced)
        return forced_kernel;
    for (const struct gmtls_sm3_mb_kernel_desc *k = gmtls_sm3_mb_kernels; k->name; k++)
        if (gmtls_cpu_has(k->cpu))
            return k;
    return NULL;
}

const char *gmtls_sm3_mb_impl(void)
{
    const struct gmtls_sm3_mb_kernel_desc *k = gmtls_sm3_mb_kernel();
    return k ? k->name : "portable";
}

/* Below this many busy lanes a SIMD step costs more than running the rest one at a time.
 * Measured on AMD Zen 5: a 16-lane AVX-512 block step costs about 2.6 single-stream blocks,
 * an 8-lane AVX2 step about 3.2. */
static unsigned min_active(const struct gmtls_sm3_mb_kernel_desc *k)
{
    return k->lanes >= 16 ? 3 : 4;
}

/* Where the jobs come from and where the digests go. */
enum mb_mode {
    MB_PLAIN,      /* SM3 of msgs[i] */
    MB_CTX,        /* continue *ctxs[i] with msgs[i], then finish */
    MB_HMAC_INNER, /* continue ctxs[i]->inner with msgs[i]; digest to out[i] */
    MB_HMAC_OUTER  /* continue ctxs[i]->outer with out[i] (32 bytes); MAC to out[i] */
};

struct mb_src {
    enum mb_mode mode;
    size_t n;
    gmtls_sm3_ctx *const *ctxs;
    gmtls_hmac_sm3_ctx *const *hctxs;
    const uint8_t *const *msgs;
    const size_t *lens;
    uint8_t (*out)[32];
};

struct mb_job {
    size_t idx;
    int seg;                 /* current segment, 0..2; 3 when done */
    const uint8_t *ptr[3];   /* next block of each segment */
    size_t left[3];          /* blocks left in each segment */
    uint8_t head[64];
    uint8_t tail[128];
};

/* Build job i and return its initial chaining value in iv. */
static void job_load(const struct mb_src *s, size_t i, struct mb_job *j, uint32_t iv[8])
{
    const gmtls_sm3_ctx *ctx = NULL;
    const uint8_t *msg;
    size_t len;

    switch (s->mode) {
    case MB_CTX:
        ctx = s->ctxs[i];
        msg = s->msgs[i];
        len = s->lens[i];
        break;
    case MB_HMAC_INNER:
        ctx = &s->hctxs[i]->inner;
        msg = s->msgs[i];
        len = s->lens[i];
        break;
    case MB_HMAC_OUTER:
        ctx = &s->hctxs[i]->outer;
        msg = s->out[i];
        len = 32;
        break;
    default:
        msg = s->msgs[i];
        len = s->lens[i];
        break;
    }

    uint64_t done_blocks = 0;
    size_t pending = 0; /* bytes already in j->tail */
    j->idx = i;
    j->left[0] = j->left[1] = j->left[2] = 0;
    j->ptr[0] = j->head;
    j->ptr[2] = j->tail;
    if (ctx) {
        memcpy(iv, ctx->state, 32);
        done_blocks = ctx->nblocks;
        pending = ctx->num;
    } else {
        memcpy(iv, gmtls_sm3_iv, 32);
    }
    uint64_t bits = (done_blocks * 64 + pending + len) * 8;

    if (pending) {
        size_t take = 64 - pending;
        if (len >= take) {
            memcpy(j->head, ctx->buf, pending);
            memcpy(j->head + pending, msg, take);
            j->left[0] = 1;
            msg += take;
            len -= take;
            pending = 0;
        } else {
            memcpy(j->tail, ctx->buf, pending);
            if (len)
                memcpy(j->tail + pending, msg, len);
            pending += len;
            len = 0;
        }
    }
    j->ptr[1] = msg;
    j->left[1] = len / 64;
    size_t rem = len % 64;
    if (rem) {
        memcpy(j->tail, msg + 64 * j->left[1], rem);
        pending = rem;
    }
    /* GB/T 32905-2016 5.2 padding */
    j->tail[pending++] = 0x80;
    size_t tlen = pending > 56 ? 128 : 64;
    memset(j->tail + pending, 0, tlen - 8 - pending);
    gmtls_store_be64(j->tail + tlen - 8, bits);
    j->left[2] = tlen / 64;

    j->seg = 0;
    while (j->seg < 3 && j->left[j->seg] == 0)
        j->seg++;
}

static void job_finish(const struct mb_src *s, const struct mb_job *j, const uint32_t v[8])
{
    uint8_t *o = s->out[j->idx];
    for (int w = 0; w < 8; w++)
        gmtls_store_be32(o + 4 * w, v[w]);
    if (s->mode == MB_CTX)
        gmtls_wipe(s->ctxs[j->idx], sizeof(gmtls_sm3_ctx));
}

/* Run the rest of a job on the single-stream compression. */
static void job_scalar(const struct mb_src *s, struct mb_job *j, uint32_t v[8])
{
    for (; j->seg < 3; j->seg++)
        if (j->left[j->seg])
            gmtls_sm3_compress(v, j->ptr[j->seg], j->left[j->seg]);
    job_finish(s, j, v);
}

static void lane_get(const uint32_t *st, unsigned lanes, unsigned l, uint32_t v[8])
{
    for (unsigned w = 0; w < 8; w++)
        v[w] = st[w * lanes + l];
}

static void lane_set(uint32_t *st, unsigned lanes, unsigned l, const uint32_t v[8])
{
    for (unsigned w = 0; w < 8; w++)
        st[w * lanes + l] = v[w];
}

static void mb_run(const struct mb_src *s)
{
    const struct gmtls_sm3_mb_kernel_desc *k = gmtls_sm3_mb_kernel();
    struct mb_job jobs[MB_MAX_LANES];
    uint32_t st[8 * MB_MAX_LANES];
    uint32_t v[8];
    const uint8_t *ptrs[MB_MAX_LANES];
    int busy[MB_MAX_LANES];
    size_t next = 0;

    if (!k || s->n < min_active(k)) {
        for (size_t i = 0; i < s->n; i++) {
            job_load(s, i, &jobs[0], v);
            job_scalar(s, &jobs[0], v);
        }
        gmtls_wipe(jobs, sizeof(jobs[0]));
        gmtls_wipe(v, sizeof(v));
        return;
    }

    unsigned lanes = k->lanes, nbusy = 0;
    for (unsigned l = 0; l < lanes; l++) {
        busy[l] = next < s->n;
        if (busy[l]) {
            job_load(s, next++, &jobs[l], v);
            lane_set(st, lanes, l, v);
            nbusy++;
        } else {
            lane_set(st, lanes, l, gmtls_sm3_iv);
        }
    }

    while (nbusy >= min_active(k) || (nbusy && next < s->n)) {
        size_t step = SIZE_MAX;
        unsigned first = 0;
        for (unsigned l = lanes; l-- > 0;) {
            if (!busy[l])
                continue;
            first = l;
            if (jobs[l].left[jobs[l].seg] < step)
                step = jobs[l].left[jobs[l].seg];
        }
        /* Idle lanes read the blocks of a busy lane; their results are ignored. */
        for (unsigned l = 0; l < lanes; l++)
            ptrs[l] = busy[l] ? jobs[l].ptr[jobs[l].seg] : jobs[first].ptr[jobs[first].seg];
        k->fn(st, ptrs, step);

        for (unsigned l = 0; l < lanes; l++) {
            if (!busy[l])
                continue;
            struct mb_job *j = &jobs[l];
            j->ptr[j->seg] += 64 * step;
            j->left[j->seg] -= step;
            while (j->seg < 3 && j->left[j->seg] == 0)
                j->seg++;
            if (j->seg < 3)
                continue;
            lane_get(st, lanes, l, v);
            job_finish(s, j, v);
            if (next < s->n) {
                job_load(s, next++, j, v);
                lane_set(st, lanes, l, v);
            } else {
                busy[l] = 0;
                nbusy--;
            }
        }
    }
    for (unsigned l = 0; l < lanes; l++) {
        if (!busy[l])
            continue;
        lane_get(st, lanes, l, v);
        job_scalar(s, &jobs[l], v);
    }
    /* Messages may be secret (the PRF and KDF use HMAC and SM3 on keys): wipe the copies. */
    gmtls_wipe(jobs, sizeof(jobs));
    gmtls_wipe(st, sizeof(st));
    gmtls_wipe(v, sizeof(v));
}

void gmtls_sm3_mb(size_t n, const uint8_t *const msgs[], const size_t lens[], uint8_t (*out)[32])
{
    struct mb_src s = {MB_PLAIN, n, NULL, NULL, msgs, lens, out};
    mb_run(&s);
}

void gmtls_sm3_mb_final(size_t n, gmtls_sm3_ctx *const ctxs[], const uint8_t *const msgs[], const size_t lens[],
                        uint8_t (*out)[32])
{
    struct mb_src s = {MB_CTX, n, ctxs, NULL, msgs, lens, out};
    mb_run(&s);
}

/* RFC 2104: H(K^opad || H(K^ipad || m)), the inner hashes of all messages first, then the outer
 * ones, each stage multi-buffer. */
void gmtls_hmac_sm3_mb(size_t n, gmtls_hmac_sm3_ctx *const ctxs[], const uint8_t *const msgs[], const size_t lens[],
                       uint8_t (*out)[32])
{
    struct mb_src s = {MB_HMAC_INNER, n, NULL, ctxs, msgs, lens, out};
    mb_run(&s);
    s.mode = MB_HMAC_OUTER;
    mb_run(&s);
    for (size_t i = 0; i < n; i++)
        gmtls_wipe(ctxs[i], sizeof(*ctxs[i]));
}

void gmtls_sm3_compress_lanes(size_t n, uint32_t (*states)[8], const uint8_t *const data[], size_t nblocks)
{
    const struct gmtls_sm3_mb_kernel_desc *k = gmtls_sm3_mb_kernel();
    uint32_t st[8 * MB_MAX_LANES];
    const uint8_t *ptrs[MB_MAX_LANES];
    size_t i = 0;

    if (k && nblocks) {
        unsigned lanes = k->lanes;
        while (n - i >= min_active(k)) {
            unsigned m = n - i < lanes ? (unsigned)(n - i) : lanes;
            for (unsigned l = 0; l < lanes; l++) {
                /* spare lanes repeat lane 0; their results are dropped */
                unsigned src = l < m ? l : 0;
                lane_set(st, lanes, l, states[i + src]);
                ptrs[l] = data[i + src];
            }
            k->fn(st, ptrs, nblocks);
            for (unsigned l = 0; l < m; l++)
                lane_get(st, lanes, l, states[i + l]);
            i += m;
        }
        gmtls_wipe(st, sizeof(st));
    }
    for (; i < n; i++)
        gmtls_sm3_compress(states[i], data[i], nblocks);
}
