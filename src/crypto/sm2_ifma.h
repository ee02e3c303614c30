/* SM2 fixed-base multiplication with AVX-512 IFMA (52-bit multiply-accumulate), eight lanes at a time.
 *
 * Two ways to use the eight lanes:
 *  - one scalar: lane l adds the 6-bit Booth windows l, l + 8, l + 16, ... of k (six rounds of mixed
 *    additions for the 43 windows), then three rounds of lane-pair additions sum the lanes;
 *  - eight scalars: lane l computes k_l G alone, one window per round (filling a nonce pool).
 * Points are homogeneous projective in these routines and use the complete formulas of Renes,
 * Costello and Batina (Eurocrypt 2016, algorithms 4 and 5 for a = -3), so no input needs an
 * exceptional-case argument. The results are ordinary Jacobian gmtls_sm2_point values.
 *
 * Only call these after gmtls_sm2_ifma_usable() returned 1 (CPU check done there). */
#ifndef GMTLS_CRYPTO_SM2_IFMA_H
#define GMTLS_CRYPTO_SM2_IFMA_H

#include "crypto/sm2_arith.h"

/* 1 when the CPU has AVX-512F/VL and IFMA (and gmtls_cpu_set_mask allows them). */
int gmtls_sm2_ifma_usable(void);
/* r = k G, constant time in k. */
void gmtls_sm2_mul_base_ifma(gmtls_sm2_point *r, const gmtls_sm2_scalar *k);
/* k G as the projective pair (x, z) with affine x = x / z (Montgomery form, fully reduced): the
 * signature needs no more, and it saves the Jacobian conversion. */
void gmtls_sm2_mul_base_xz_ifma(gmtls_sm2_fe *x, gmtls_sm2_fe *z, const gmtls_sm2_scalar *k);
/* r[i] = k[i] G for i < 8, constant time in every k[i]. */
void gmtls_sm2_mul_base8_ifma(gmtls_sm2_point r[8], const gmtls_sm2_scalar k[8]);

#endif
