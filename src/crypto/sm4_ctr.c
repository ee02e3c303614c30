/* SM4 counter modes: CTR with a 128-bit big-endian counter (as OpenSSL, Tongsuo and GmSSL
 * `sm4-ctr`), and the GCM flavour that increments only the last 32 bits (NIST SP 800-38D 6.2,
 * inc32). The implementations do whole blocks; a partial last block is handled here. */
#include <string.h>

#include "core/bytes.h"
#include "crypto/sm4_internal.h"
#include "gmtls/util.h"

void gmtls_sm4_ctr_add(uint8_t ctr[16], uint64_t n, int mode)
{
    if (mode == GMTLS_SM4_CTR32) {
        gmtls_store_be32(ctr + 12, (uint32_t)(gmtls_load_be32(ctr + 12) + (uint32_t)n));
        return;
    }
    uint64_t lo = gmtls_load_be64(ctr + 8), hi = gmtls_load_be64(ctr);
    uint64_t nlo = lo + n;
    hi += (uint64_t)(nlo < lo);
    gmtls_store_be64(ctr, hi);
    gmtls_store_be64(ctr + 8, nlo);
}

/* Counter blocks are public (they travel with the record or derive from the IV), so the
 * carry handling may branch; the keystream is secret and is wiped. */
#define CTR_BATCH 64

void gmtls_sm4_ctr_via_ecb(void (*ecb)(const uint32_t *, const uint8_t *, uint8_t *, size_t), const uint32_t rk[32],
                           uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t nblocks, int mode)
{
    uint8_t ks[CTR_BATCH * 16];
    while (nblocks > 0) {
        size_t n = nblocks < CTR_BATCH ? nblocks : CTR_BATCH;
        for (size_t i = 0; i < n; i++) {
            memcpy(ks + 16 * i, ctr, 16);
            gmtls_sm4_ctr_add(ctr, 1, mode);
        }
        ecb(rk, ks, ks, n);
        for (size_t i = 0; i < 16 * n; i++)
            out[i] = (uint8_t)(in[i] ^ ks[i]);
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
    gmtls_wipe(ks, sizeof ks);
}

static void sm4_ctr_any(const gmtls_sm4_key *k, uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t len,
                        int mode)
{
    const gmtls_sm4_ops *ops = gmtls_sm4_ops_get();
    size_t full = len / 16, rest = len % 16;
    if (full > 0)
        ops->ctr(k->rk, ctr, in, out, full, mode);
    if (rest > 0) {
        /* the partial last block still uses (and consumes) a whole counter value */
        uint8_t ks[16];
        ops->block(k->rk, ctr, ks);
        gmtls_sm4_ctr_add(ctr, 1, mode);
        for (size_t i = 0; i < rest; i++)
            out[16 * full + i] = (uint8_t)(in[16 * full + i] ^ ks[i]);
        gmtls_wipe(ks, sizeof ks);
    }
}

void gmtls_sm4_ctr(const gmtls_sm4_key *k, uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t len)
{
    sm4_ctr_any(k, ctr, in, out, len, GMTLS_SM4_CTR128);
}

void gmtls_sm4_ctr32(const gmtls_sm4_key *k, uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t len)
{
    sm4_ctr_any(k, ctr, in, out, len, GMTLS_SM4_CTR32);
}
