/* SM4 (GB/T 32907-2016): key schedule, single blocks, ECB, and the choice of implementation.
 * The modes live in sm4_cbc.c and sm4_ctr.c; the implementations in sm4_portable.c,
 * sm4_aesni.c, sm4_gfni.c and sm4_avx512gfni.c. */
#include <stdatomic.h>
#include <string.h>

#include "core/bytes.h"
#include "core/cpu.h"
#include "crypto/sm4_internal.h"
#include "gmtls/util.h"

/* GB/T 32907-2016 7.3: system parameter FK. */
static const uint32_t sm4_fk[4] = {0xa3b1bac6u, 0x56aa3350u, 0x677d9197u, 0xb27022dcu};

/* GB/T 32907-2016 7.3: fixed parameter CK_i, byte j = (4i + j) * 7 mod 256. */
static uint32_t sm4_ck(unsigned i)
{
    uint32_t v = 0;
    for (unsigned j = 0; j < 4; j++)
        v = (v << 8) | (((4 * i + j) * 7) & 0xffu);
    return v;
}

/* L' of the key schedule (GB/T 32907-2016 7.3). */
static inline uint32_t sm4_lprime(uint32_t b)
{
    return b ^ gmtls_rotl32(b, 13) ^ gmtls_rotl32(b, 23);
}

/* GB/T 32907-2016 7.3: K_i = MK_i ^ FK_i; rk_i = K_{i+4} = K_i ^ T'(K_{i+1} ^ K_{i+2} ^ K_{i+3} ^ CK_i).
 * The S-box runs as the constant-time circuit (the key is secret). */
void gmtls_sm4_set_key(gmtls_sm4_key *k, const uint8_t key[16])
{
    uint32_t x[4];
    for (unsigned i = 0; i < 4; i++)
        x[i] = gmtls_load_be32(key + 4 * i) ^ sm4_fk[i];
    for (unsigned i = 0; i < 32; i++) {
        uint32_t t = x[(i + 1) & 3] ^ x[(i + 2) & 3] ^ x[(i + 3) & 3] ^ sm4_ck(i);
        x[i & 3] ^= sm4_lprime(gmtls_sm4_tau_ct(t));
        k->rk[i] = x[i & 3];
    }
    gmtls_wipe(x, sizeof x);
}

void gmtls_sm4_key_wipe(gmtls_sm4_key *k)
{
    gmtls_wipe(k, sizeof *k);
}

/* ---- implementation choice ---- */

static _Atomic(const gmtls_sm4_ops *) sm4_ops_cached;

static const gmtls_sm4_ops *sm4_ops_select(void)
{
#if defined(__x86_64__) || defined(__i386__)
    if (gmtls_cpu_has(GMTLS_CPU_AVX512F | GMTLS_CPU_AVX512BW | GMTLS_CPU_AVX512VL | GMTLS_CPU_AVX512DQ |
                      GMTLS_CPU_GFNI | GMTLS_CPU_AVX2 | GMTLS_CPU_BMI2))
        return &gmtls_sm4_ops_avx512gfni;
    if (gmtls_cpu_has(GMTLS_CPU_GFNI | GMTLS_CPU_AVX2 | GMTLS_CPU_BMI2))
        return &gmtls_sm4_ops_gfni;
    if (gmtls_cpu_has(GMTLS_CPU_AESNI | GMTLS_CPU_AVX2 | GMTLS_CPU_SSSE3))
        return &gmtls_sm4_ops_aesni;
#endif
    return &gmtls_sm4_ops_portable;
}

const gmtls_sm4_ops *gmtls_sm4_ops_get(void)
{
    const gmtls_sm4_ops *o = atomic_load_explicit(&sm4_ops_cached, memory_order_acquire);
    if (o == NULL) {
        o = sm4_ops_select();
        atomic_store_explicit(&sm4_ops_cached, o, memory_order_release);
    }
    return o;
}

void gmtls_sm4_impl_reset(void)
{
    atomic_store_explicit(&sm4_ops_cached, sm4_ops_select(), memory_order_release);
}

const char *gmtls_sm4_impl(void)
{
    return gmtls_sm4_ops_get()->name;
}

/* ---- blocks and ECB ---- */

/* GB/T 32907-2016 7.2: decryption is the same transformation with the round keys reversed. */
static void sm4_reverse_rk(const gmtls_sm4_key *k, uint32_t rev[32])
{
    for (unsigned i = 0; i < 32; i++)
        rev[i] = k->rk[31 - i];
}

void gmtls_sm4_encrypt_block(const gmtls_sm4_key *k, const uint8_t in[16], uint8_t out[16])
{
    gmtls_sm4_ops_get()->block(k->rk, in, out);
}

void gmtls_sm4_decrypt_block(const gmtls_sm4_key *k, const uint8_t in[16], uint8_t out[16])
{
    uint32_t rev[32];
    sm4_reverse_rk(k, rev);
    gmtls_sm4_ops_get()->block(rev, in, out);
    gmtls_wipe(rev, sizeof rev);
}

void gmtls_sm4_ecb_encrypt(const gmtls_sm4_key *k, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    if (nblocks == 0)
        return;
    gmtls_sm4_ops_get()->ecb(k->rk, in, out, nblocks);
}

void gmtls_sm4_ecb_decrypt(const gmtls_sm4_key *k, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    uint32_t rev[32];
    if (nblocks == 0)
        return;
    sm4_reverse_rk(k, rev);
    gmtls_sm4_ops_get()->ecb(rev, in, out, nblocks);
    gmtls_wipe(rev, sizeof rev);
}
