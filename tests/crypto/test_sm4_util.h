/* Shared by the SM4 tests: the list of implementations and how to force each one. */
#ifndef GMTLS_TEST_SM4_UTIL_H
#define GMTLS_TEST_SM4_UTIL_H

#include <string.h>

#include "core/cpu.h"
#include "crypto/sm4_internal.h"

struct sm4_test_impl {
    const char *name; /* what gmtls_sm4_impl() must report once forced */
    uint32_t need;    /* CPU features that select it (the mask keeps exactly these) */
};

static const struct sm4_test_impl sm4_test_impls[] = {
    {"portable-ct", 0},
    {"aesni-avx2", GMTLS_CPU_AESNI | GMTLS_CPU_AVX2 | GMTLS_CPU_SSSE3 | GMTLS_CPU_AVX},
    {"gfni-avx2", GMTLS_CPU_GFNI | GMTLS_CPU_AVX2 | GMTLS_CPU_BMI2 | GMTLS_CPU_AVX},
    {"gfni-avx512", GMTLS_CPU_AVX512F | GMTLS_CPU_AVX512BW | GMTLS_CPU_AVX512VL | GMTLS_CPU_AVX512DQ |
                        GMTLS_CPU_GFNI | GMTLS_CPU_AVX2 | GMTLS_CPU_BMI2 | GMTLS_CPU_AVX},
};
#define SM4_TEST_NIMPLS (sizeof sm4_test_impls / sizeof sm4_test_impls[0])

/* Force implementation i. Returns 1 when the CPU has it (and it is now in use), 0 otherwise. */
static inline int sm4_test_force(size_t i)
{
    gmtls_cpu_set_mask(0xffffffffu);
    if (!gmtls_cpu_has(sm4_test_impls[i].need))
        return 0;
    gmtls_cpu_set_mask(sm4_test_impls[i].need);
    gmtls_sm4_impl_reset();
    return strcmp(gmtls_sm4_impl(), sm4_test_impls[i].name) == 0 ? 1 : -1;
}

/* Back to the automatic choice. */
static inline void sm4_test_unforce(void)
{
    gmtls_cpu_set_mask(0xffffffffu);
    gmtls_sm4_impl_reset();
}

#endif
