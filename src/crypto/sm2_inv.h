/* Modular inversion for SM2 (mod p and mod n) by Bernstein-Yang "safegcd" divsteps
 * (D. J. Bernstein and B.-Y. Yang, "Fast constant-time gcd computation and modular inversion",
 * TCHES 2019(3)): constant-time versions with the same contracts as the Fermat ones in sm2_arith.h,
 * several times faster; variable-time versions of the same algorithm for public inputs; and a
 * blinded field inversion that runs the variable-time one on a randomised secret.
 * Design and the iteration bound: sm2_inv.c. Internal API. */
#ifndef GMTLS_CRYPTO_SM2_INV_H
#define GMTLS_CRYPTO_SM2_INV_H

#include "crypto/sm2_arith.h"

/* r = a^-1 mod p for a field element in Montgomery form (a*2^256 mod p in, a^-1 * 2^256 mod p out);
 * inv(0) = 0; constant time. Same contract as gmtls_sm2_fe_inv. r may alias a. */
void gmtls_sm2_fe_inv_ct(gmtls_sm2_fe *r, const gmtls_sm2_fe *a);
/* r = a^-1 mod n for a plain scalar < n; inv(0) = 0; constant time. Same contract as
 * gmtls_sm2_scalar_inv. r may alias a. */
void gmtls_sm2_scalar_inv_ct(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a);

/* The same results in variable time: the running time depends on a, so these are only for public
 * inputs, or for secrets blinded by a random factor (gmtls_sm2_fe_inv_blinded). About 1.8 times as
 * fast as the constant-time ones.
 * Same contracts (Montgomery form for the field one; inv(0) = 0; r may alias a). */
void gmtls_sm2_fe_inv_vartime(gmtls_sm2_fe *r, const gmtls_sm2_fe *a);
void gmtls_sm2_scalar_inv_vartime(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a);

/* r = a^-1 mod p (Montgomery form; inv(0) = 0) for a secret a, through the variable-time inversion
 * of a * beta: beta must be secret, uniformly random in [1, p - 1] (Montgomery form) and fresh for
 * every call. Constant time in a except that a = 0 is visible (see sm2_inv.c). r may alias a. */
void gmtls_sm2_fe_inv_blinded(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *beta);

#endif
