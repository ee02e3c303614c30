/* CPU features: masking works and the description lists what is set. */
#include "core/cpu.h"
#include "test.h"

int main(void)
{
    uint32_t all = gmtls_cpu_features();
    gmtls_cpu_set_mask(0);
    CHECK_EQ(gmtls_cpu_features(), 0);
    CHECK(gmtls_cpu_has(0));
    gmtls_cpu_set_mask(GMTLS_CPU_AVX2);
    CHECK_EQ(gmtls_cpu_features(), all & GMTLS_CPU_AVX2);
    gmtls_cpu_set_mask(0xffffffffu);
    CHECK_EQ(gmtls_cpu_features(), all);
    char buf[256];
    gmtls_cpu_describe(GMTLS_CPU_AVX2 | GMTLS_CPU_GFNI, buf, sizeof buf);
    CHECK(strcmp(buf, "avx2 gfni") == 0);
    gmtls_cpu_describe(0, buf, sizeof buf);
    CHECK(strcmp(buf, "") == 0);
    /* dependent features are never reported without their base */
    if (all & GMTLS_CPU_AVX2)
        CHECK(all & GMTLS_CPU_AVX);
    if (all & GMTLS_CPU_GFNI)
        CHECK(all & GMTLS_CPU_AVX);
    return test_report();
}
