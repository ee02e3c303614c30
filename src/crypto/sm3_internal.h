/* SM3 internals shared by the SM3 files, the TLCP record layer and the tests. */
#ifndef GMTLS_CRYPTO_SM3_INTERNAL_H
#define GMTLS_CRYPTO_SM3_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "gmtls/sm3.h"

/* SM3 IV (GB/T 32905-2016 4.1). */
extern const uint32_t gmtls_sm3_iv[8];

/* Advance one chaining value over nblocks consecutive 64-byte blocks (GB/T 32905-2016 5.3). */
typedef void (*gmtls_sm3_compress_fn)(uint32_t state[8], const uint8_t *data, size_t nblocks);

/* One single-stream implementation. `cpu` is the GMTLS_CPU_* bits it needs. */
struct gmtls_sm3_impl_desc {
    const char *name;
    uint32_t cpu;
    gmtls_sm3_compress_fn compress;
};
/* Every single-stream implementation built in, the preferred first; NULL-name terminated.
 * The last one ("portable") needs nothing. */
extern const struct gmtls_sm3_impl_desc gmtls_sm3_impls[];

/* The compression the library uses now (the first of gmtls_sm3_impls the CPU allows, unless a
 * test forced one). */
void gmtls_sm3_compress(uint32_t state[8], const uint8_t *data, size_t nblocks);
void gmtls_sm3_compress_portable(uint32_t state[8], const uint8_t *data, size_t nblocks);
void gmtls_sm3_compress_bmi2(uint32_t state[8], const uint8_t *data, size_t nblocks);
void gmtls_sm3_compress_avx512(uint32_t state[8], const uint8_t *data, size_t nblocks);

/* Test hook: use the implementation called `name` (NULL: choose by CPU again). Returns 0, or
 * GMTLS_ERR_NOT_SUPPORTED if there is no such implementation or the CPU (after
 * gmtls_cpu_set_mask) lacks what it needs. Not thread-safe; for tests and `gmtls speed`. */
int gmtls_sm3_force_impl(const char *name);

/* ---- multi-buffer ---- */

/* Multi-buffer compression from given chaining states: for i < n, advance states[i] over
 * nblocks blocks at data[i]. Runs 16 or 8 lanes at a time when the CPU allows; the TLCP record
 * layer can use it to MAC several records at once. */
void gmtls_sm3_compress_lanes(size_t n, uint32_t (*states)[8], const uint8_t *const data[], size_t nblocks);

/* Transposed-state lane kernels: st[w][l] is word w of lane l's chaining value. Each lane l
 * advances nblocks blocks read from p[l]; all lanes advance the same number of blocks.
 * Only call after the gmtls_cpu_has check named in gmtls_sm3_mb_kernels. */
typedef void (*gmtls_sm3_mb_kernel_fn)(uint32_t *st, const uint8_t *const *p, size_t nblocks);
void gmtls_sm3_mb16_avx512(uint32_t *st, const uint8_t *const *p, size_t nblocks);
void gmtls_sm3_mb8_avx2(uint32_t *st, const uint8_t *const *p, size_t nblocks);

struct gmtls_sm3_mb_kernel_desc {
    const char *name;  /* "avx512x16", "avx2x8" */
    uint32_t cpu;
    unsigned lanes;
    gmtls_sm3_mb_kernel_fn fn;
};
/* The multi-buffer kernels built in, the preferred first; NULL-name terminated. */
extern const struct gmtls_sm3_mb_kernel_desc gmtls_sm3_mb_kernels[];

/* The kernel gmtls_sm3_mb would use now, or NULL for the portable (one message at a time) path. */
const struct gmtls_sm3_mb_kernel_desc *gmtls_sm3_mb_kernel(void);

/* Test hook: use the kernel called `name`, or "portable" for none (NULL: choose by CPU again).
 * Returns 0, or GMTLS_ERR_NOT_SUPPORTED for an unknown name or a kernel the CPU (after
 * gmtls_cpu_set_mask) cannot run. Not thread-safe; for tests and `gmtls speed`. */
int gmtls_sm3_mb_force_kernel(const char *name);

#endif
