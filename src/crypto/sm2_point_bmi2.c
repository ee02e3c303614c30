/* SM2 curve code compiled with the MULX/ADCX/ADOX field multiplication (BMI2 + ADX).
 * Only reached through gmtls_sm2_impl_current() after gmtls_cpu_has(GMTLS_CPU_BMI2 | GMTLS_CPU_ADX). */
#if defined(__x86_64__)
#include <string.h>

#include "crypto/sm2_arith.h"
#include "crypto/sm2_field_bmi2.h"

#define SM2_IMPL(name) sm2_bmi2_##name
#define SM2_FMUL(r, a, b) sm2_fe_mul_bmi2(r, a, b)
#define SM2_FSQR(r, a) sm2_fe_sqr_bmi2(r, a)
#define SM2_FADD sm2_fe_add_bmi2
#define SM2_FSUB sm2_fe_sub_bmi2
#define SM2_FDBL sm2_fe_dbl_bmi2
#define SM2_FTPL sm2_fe_tpl_bmi2
#define SM2_FSUB2 sm2_fe_sub2_bmi2
#define SM2_FHALF sm2_fe_half_bmi2
#define SM2_FSUB_HALF sm2_fe_sub_half_bmi2
#define SM2_FSUB2_RSUB sm2_fe_sub2_rsub_bmi2
#define SM2_AVX2_SELECT 1
#include "crypto/sm2_point_impl.h"

const gmtls_sm2_impl gmtls_sm2_impl_bmi2 = {
    "bmi2-adx",
    sm2_bmi2_fe_mul,
    sm2_bmi2_fe_sqr,
    sm2_bmi2_fe_inv,
    sm2_bmi2_point_add,
    sm2_bmi2_point_double,
    sm2_bmi2_mul_base,
    sm2_bmi2_mul,
    sm2_bmi2_mul_double_vartime,
    sm2_bmi2_mul_double_vartime_table,
    sm2_bmi2_point_table_init,
};
#else
typedef int gmtls_sm2_point_bmi2_unused; /* ISO C forbids an empty translation unit */
#endif
