/* CPU feature detection with CPUID and XGETBV (the OS must save the YMM/ZMM state too). */
#include "core/cpu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static uint64_t xgetbv0(void)
{
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

static uint32_t detect(void)
{
    unsigned a, b, c, d;
    uint32_t f = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    int osxsave = (c >> 27) & 1;
    if (c & (1u << 9))
        f |= GMTLS_CPU_SSSE3;
    if (c & (1u << 25))
        f |= GMTLS_CPU_AESNI;
    if (c & (1u << 1))
        f |= GMTLS_CPU_PCLMUL;
    uint64_t xcr0 = osxsave ? xgetbv0() : 0;
    int ymm = (xcr0 & 0x6) == 0x6;
    int zmm = (xcr0 & 0xE6) == 0xE6;
    if ((c & (1u << 28)) && ymm)
        f |= GMTLS_CPU_AVX;
    if (__get_cpuid_max(0, NULL) >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        if ((b & (1u << 5)) && ymm)
            f |= GMTLS_CPU_AVX2;
        if (b & (1u << 8))
            f |= GMTLS_CPU_BMI2;
        if (b & (1u << 19))
            f |= GMTLS_CPU_ADX;
        if (b & (1u << 29))
            f |= GMTLS_CPU_SHA;
        if (zmm) {
            if (b & (1u << 16))
                f |= GMTLS_CPU_AVX512F;
            if (b & (1u << 17))
                f |= GMTLS_CPU_AVX512DQ;
            if (b & (1u << 21))
                f |= GMTLS_CPU_AVX512IFMA;
            if (b & (1u << 30))
                f |= GMTLS_CPU_AVX512BW;
            if (b & (1u << 31))
                f |= GMTLS_CPU_AVX512VL;
        }
        if (c & (1u << 8))
            f |= GMTLS_CPU_GFNI;
        if ((c & (1u << 9)) && ymm)
            f |= GMTLS_CPU_VAES;
        if ((c & (1u << 10)) && ymm)
            f |= GMTLS_CPU_VPCLMULQDQ;
    }
    /* GFNI's VEX/EVEX forms need AVX; without it only the SSE form exists, which we do not use. */
    if (!(f & GMTLS_CPU_AVX))
        f &= ~(uint32_t)(GMTLS_CPU_GFNI | GMTLS_CPU_VAES | GMTLS_CPU_VPCLMULQDQ);
    return f;
}
#else
static uint32_t detect(void)
{
    return 0;
}
#endif

static uint32_t cached;
static int have_cached;
static uint32_t mask = 0xFFFFFFFFu;
static int mask_from_env_done;

uint32_t gmtls_cpu_features(void)
{
    if (!mask_from_env_done) {
        const char *m = getenv("GMTLS_CPU_MASK");
        if (m && *m)
            mask &= (uint32_t)strtoul(m, NULL, 16);
        mask_from_env_done = 1;
    }
    if (!have_cached) {
        cached = detect();
        have_cached = 1;
    }
    return cached & mask;
}

int gmtls_cpu_has(uint32_t need)
{
    return (gmtls_cpu_features() & need) == need;
}

void gmtls_cpu_set_mask(uint32_t keep)
{
    mask_from_env_done = 1;
    mask = keep;
}

const char *gmtls_cpu_describe(uint32_t features, char *buf, unsigned long cap)
{
    static const char *const names[] = {"ssse3", "aesni", "pclmul", "avx", "avx2", "bmi2",
                                        "adx", "avx512f", "avx512bw", "avx512vl", "avx512dq",
                                        "avx512ifma", "gfni", "vaes", "vpclmulqdq", "sha"};
    size_t used = 0;
    if (cap == 0)
        return buf;
    buf[0] = '\0';
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!(features & (1u << i)))
            continue;
        int n = snprintf(buf + used, cap - used, "%s%s", used ? " " : "", names[i]);
        if (n < 0 || (size_t)n >= cap - used)
            break;
        used += (size_t)n;
    }
    return buf;
}
