/* SM4-CBC without padding (NIST SP 800-38A 6.2): serial encryption, parallel decryption, and
 * multi-message encryption that runs many independent CBC chains in the lanes of one kernel. */
#include <string.h>

#include "core/overlap.h"
#include "crypto/sm4_internal.h"
#include "gmtls/error.h"
#include "gmtls/util.h"

static inline void xor16(uint8_t *d, const uint8_t *a, const uint8_t *b)
{
    uint64_t x[2], y[2];
    memcpy(x, a, 16);
    memcpy(y, b, 16);
    x[0] ^= y[0];
    x[1] ^= y[1];
    memcpy(d, x, 16);
}

int gmtls_sm4_cbc_encrypt(const gmtls_sm4_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len)
{
    int e = gmtls_cbc_args_check(k, iv, in, out, len);
    if (e)
        return e;
    if (len == 0)
        return 0;
    const gmtls_sm4_ops *ops = gmtls_sm4_ops_get();
    if (ops->cbc_enc != NULL) {
        ops->cbc_enc(k->rk, iv, in, out, len / 16);
        return 0;
    }
    uint8_t c[16];
    memcpy(c, iv, 16);
    for (size_t off = 0; off < len; off += 16) {
        xor16(c, c, in + off);
        ops->block(k->rk, c, c);
        memcpy(out + off, c, 16);
    }
    memcpy(iv, c, 16);
    return 0;
}

/* Blocks per decryption batch; the batch's ciphertext is saved first so in == out works. */
#define CBC_DEC_BATCH 64

int gmtls_sm4_cbc_decrypt(const gmtls_sm4_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len)
{
    int e = gmtls_cbc_args_check(k, iv, in, out, len);
    if (e)
        return e;
    if (len == 0)
        return 0;
    const gmtls_sm4_ops *ops = gmtls_sm4_ops_get();
    uint32_t rev[32];
    uint8_t save[CBC_DEC_BATCH * 16 + 16]; /* previous ciphertext block, then this batch's */
    size_t nblocks = len / 16;
    for (unsigned i = 0; i < 32; i++)
        rev[i] = k->rk[31 - i];
    memcpy(save, iv, 16);
    while (nblocks > 0) {
        size_t n = nblocks < CBC_DEC_BATCH ? nblocks : CBC_DEC_BATCH;
        memcpy(save + 16, in, 16 * n);
        ops->ecb(rev, in, out, n);
        for (size_t i = 0; i < n; i++)
            xor16(out + 16 * i, out + 16 * i, save + 16 * i);
        memcpy(save, save + 16 * n, 16);
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
    memcpy(iv, save, 16);
    gmtls_wipe(rev, sizeof rev);
    return 0;
}

/* Multi-message CBC: lane l runs one message's chain; its chaining value is its slot of the staging
 * buffer (the previous ciphertext block, or the IV at the start). Lanes advance together for as many
 * blocks as the shortest active message has left, with no per-block bookkeeping; then finished lanes
 * are refilled from the remaining messages (or dropped, moving the last lane into the hole so the
 * active lanes stay contiguous for the kernel). */
int gmtls_sm4_cbc_encrypt_mb(const gmtls_sm4_key *k, size_t n, const uint8_t *const ivs[],
                             const uint8_t *const ins[], uint8_t *const outs[], const size_t lens[])
{
    if (n == 0)
        return 0;
    if (k == NULL || ivs == NULL || ins == NULL || outs == NULL || lens == NULL)
        return GMTLS_ERR_INVALID_ARG;
    for (size_t i = 0; i < n; i++) {
        if (lens[i] % 16 != 0)
            return GMTLS_ERR_BAD_LENGTH;
        if (lens[i] > 0 && (ivs[i] == NULL || ins[i] == NULL || outs[i] == NULL))
            return GMTLS_ERR_INVALID_ARG;
    }
    const gmtls_sm4_ops *ops = gmtls_sm4_ops_get();
    size_t lanes = ops->lanes < GMTLS_SM4_MAX_LANES ? ops->lanes : GMTLS_SM4_MAX_LANES;
    const uint8_t *inp[GMTLS_SM4_MAX_LANES];
    uint8_t *outp[GMTLS_SM4_MAX_LANES];
    size_t left[GMTLS_SM4_MAX_LANES]; /* blocks still to do */
    uint8_t buf[GMTLS_SM4_MAX_LANES * 16];
    size_t active = 0, next = 0;

    for (;;) {
        while (active < lanes && next < n) {
            if (lens[next] > 0) {
                inp[active] = ins[next];
                outp[active] = outs[next];
                left[active] = lens[next] / 16;
                memcpy(buf + 16 * active, ivs[next], 16);
                active++;
            }
            next++;
        }
        if (active == 0)
            break;
        size_t run = left[0];
        for (size_t l = 1; l < active; l++)
            run = left[l] < run ? left[l] : run;
        if (ops->cbc_mb != NULL) {
            ops->cbc_mb(k->rk, active, inp, outp, (uint8_t(*)[16])buf, run);
        } else {
            for (size_t step = 0; step < run; step++) {
                for (size_t l = 0; l < active; l++)
                    xor16(buf + 16 * l, buf + 16 * l, inp[l] + 16 * step);
                ops->ecb(k->rk, buf, buf, active);
                for (size_t l = 0; l < active; l++)
                    memcpy(outp[l] + 16 * step, buf + 16 * l, 16);
            }
        }
        for (size_t l = 0; l < active;) {
            inp[l] += 16 * run;
            outp[l] += 16 * run;
            left[l] -= run;
            if (left[l] == 0) {
                active--;
                if (l != active) {
                    /* the moved lane has not been advanced yet: it is handled in this slot next */
                    inp[l] = inp[active];
                    outp[l] = outp[active];
                    left[l] = left[active];
                    memcpy(buf + 16 * l, buf + 16 * active, 16);
                    continue;
                }
            }
            l++;
        }
    }
    gmtls_wipe(buf, sizeof buf);
    return 0;
}
