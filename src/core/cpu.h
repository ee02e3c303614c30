/* Run-time CPU feature detection. Accelerated code is chosen from these bits; tests and
 * `gmtls speed` can mask features off (gmtls_cpu_set_mask, or GMTLS_CPU_MASK in the
 * environment, a hex mask of bits to KEEP) to exercise every path on one machine. */
#ifndef GMTLS_CORE_CPU_H
#define GMTLS_CORE_CPU_H

#include <stdint.h>

enum {
    GMTLS_CPU_SSSE3 = 1u << 0,
    GMTLS_CPU_AESNI = 1u << 1,
    GMTLS_CPU_PCLMUL = 1u << 2,
    GMTLS_CPU_AVX = 1u << 3,
    GMTLS_CPU_AVX2 = 1u << 4,
    GMTLS_CPU_BMI2 = 1u << 5,
    GMTLS_CPU_ADX = 1u << 6,
    GMTLS_CPU_AVX512F = 1u << 7,
    GMTLS_CPU_AVX512BW = 1u << 8,
    GMTLS_CPU_AVX512VL = 1u << 9,
    GMTLS_CPU_AVX512DQ = 1u << 10,
    GMTLS_CPU_AVX512IFMA = 1u << 11,
    GMTLS_CPU_GFNI = 1u << 12,
    GMTLS_CPU_VAES = 1u << 13,
    GMTLS_CPU_VPCLMULQDQ = 1u << 14,
    GMTLS_CPU_SHA = 1u << 15
};

/* Features the CPU and OS support, after the mask. */
uint32_t gmtls_cpu_features(void);
/* 1 when every bit in `need` is available. */
int gmtls_cpu_has(uint32_t need);
/* Restrict features to `keep` (all bits: no restriction). Callers that cache a dispatch
 * decision must re-check after this (see each module's *_impl_select). */
void gmtls_cpu_set_mask(uint32_t keep);
/* A space-separated list of feature names, for `gmtls speed`. */
const char *gmtls_cpu_describe(uint32_t features, char *buf, unsigned long cap);

#endif
