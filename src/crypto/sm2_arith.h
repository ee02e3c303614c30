/* SM2 curve arithmetic (internal API): the field mod p, scalars mod n, points on
 * y^2 = x^3 - 3x + b over GF(p) with the recommended parameters of GB/T 32918.5-2017.
 *
 * Field elements are kept in Montgomery form (x * 2^256 mod p), fully reduced (< p), so two
 * elements are equal exactly when their limbs are. Scalars at this API are plain integers < n.
 * Everything that can touch a secret runs in constant time; the only variable-time function is
 * gmtls_sm2_mul_double_vartime (and its _table variant), meant for public inputs (verification).
 *
 * Implementations: portable C (unsigned __int128) and MULX/ADCX/ADOX (BMI2+ADX), chosen at run time
 * (gmtls_sm2_arith_impl names the one in use). Design: sm2_point_impl.h (formulas, ladders and why
 * their exceptional cases are handled), sm2_field_impl.h / sm2_field_bmi2.h (reduction). */
#ifndef GMTLS_CRYPTO_SM2_ARITH_H
#define GMTLS_CRYPTO_SM2_ARITH_H

#include <stdint.h>

/* Field elements mod p and scalars mod n: 4 x 64-bit little-endian limbs. */
typedef struct { uint64_t v[4]; } gmtls_sm2_fe;
typedef struct { uint64_t v[4]; } gmtls_sm2_scalar;
typedef struct { gmtls_sm2_fe X, Y, Z; } gmtls_sm2_point; /* Jacobian: (X/Z^2, Y/Z^3); Z = 0 is infinity */

/* ---- Scalars mod n (all constant time) ---- */
/* Load 32 big-endian bytes; returns an all-ones mask if the value was < n, else 0 and s = value mod n. */
uint64_t gmtls_sm2_scalar_from_bytes(gmtls_sm2_scalar *s, const uint8_t b[32]);
void gmtls_sm2_scalar_to_bytes(uint8_t b[32], const gmtls_sm2_scalar *s);
void gmtls_sm2_scalar_add(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b);
void gmtls_sm2_scalar_sub(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b);
void gmtls_sm2_scalar_mul(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b);
void gmtls_sm2_scalar_inv(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a); /* a^(n-2); inv(0) = 0 */
uint64_t gmtls_sm2_scalar_is_zero(const gmtls_sm2_scalar *a);                 /* mask */
uint64_t gmtls_sm2_scalar_eq(const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b); /* mask */
void gmtls_sm2_scalar_set_u64(gmtls_sm2_scalar *r, uint64_t v);
void gmtls_sm2_scalar_neg(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a);     /* n - a, 0 -> 0 */

/* ---- Points ---- */
/* Decode affine (x, y) big-endian; GMTLS_ERR_BAD_POINT if x or y >= p or not on the curve. */
int gmtls_sm2_point_from_affine(gmtls_sm2_point *p, const uint8_t x[32], const uint8_t y[32]);
/* Recover y from x and the parity bit (02/03 compressed points); GMTLS_ERR_BAD_POINT if no root or x >= p. */
int gmtls_sm2_point_decompress(uint8_t y[32], const uint8_t x[32], int y_is_odd);
/* To affine big-endian (constant-time inversion, no branch on the coordinates); GMTLS_ERR_BAD_POINT if p is
 * infinity (then x, y are zeros). x or y may be NULL. */
int gmtls_sm2_point_to_affine(uint8_t x[32], uint8_t y[32], const gmtls_sm2_point *p);
void gmtls_sm2_point_set_infinity(gmtls_sm2_point *p);
uint64_t gmtls_sm2_point_is_infinity(const gmtls_sm2_point *p); /* mask */
/* Mask of a == b as group elements (constant time; any Jacobian representatives). */
uint64_t gmtls_sm2_point_eq(const gmtls_sm2_point *a, const gmtls_sm2_point *b);
/* Complete: handles a == b, infinity and a == -b, in constant time. r may alias a or b. */
void gmtls_sm2_point_add(gmtls_sm2_point *r, const gmtls_sm2_point *a, const gmtls_sm2_point *b);
void gmtls_sm2_point_double(gmtls_sm2_point *r, const gmtls_sm2_point *a);
void gmtls_sm2_point_neg(gmtls_sm2_point *r, const gmtls_sm2_point *a);
/* The generator G. */
void gmtls_sm2_point_generator(gmtls_sm2_point *p);
/* r = k*G, constant time (k secret; k < n as every gmtls_sm2_scalar is). */
void gmtls_sm2_mul_base(gmtls_sm2_point *r, const gmtls_sm2_scalar *k);
/* k*G as a fraction for its affine x: x(kG) = num / den (Montgomery form; den = 0 for infinity),
 * constant time. Cheaper than gmtls_sm2_mul_base followed by a full affine conversion. */
void gmtls_sm2_mul_base_x(gmtls_sm2_fe *num, gmtls_sm2_fe *den, const gmtls_sm2_scalar *k);
/* r[i] = k[i]*G for eight scalars at once, constant time, when the CPU has a batched implementation
 * (AVX-512 IFMA): returns 1, else 0 and r is untouched (the caller loops over gmtls_sm2_mul_base). */
int gmtls_sm2_mul_base_batch(gmtls_sm2_point r[8], const gmtls_sm2_scalar k[8]);
/* r = k*P, constant time in k (the coordinates of P are not hidden from the timing). */
void gmtls_sm2_mul(gmtls_sm2_point *r, const gmtls_sm2_scalar *k, const gmtls_sm2_point *p);
/* r = a*G + b*P, variable time (all inputs public: signature verification). */
void gmtls_sm2_mul_double_vartime(gmtls_sm2_point *r, const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b,
                                  const gmtls_sm2_point *p);

/* Precomputed multiples of a public point, for repeated verification with the same key (e.g. a
 * cached CA or peer certificate key): build once (~ the cost of one verification), then each
 * a*G + b*P needs about half the doublings, because both scalars are split at bit 126 and the
 * table also holds multiples of 2^126 P. Public data only. */
#define GMTLS_SM2_POINT_TABLE_SIZE 32 /* odd multiples 1, 3, ..., 63 (wNAF window 7) */
#define GMTLS_SM2_POINT_TABLE_SPLIT 126
typedef struct {
    /* affine, Montgomery form: [0][i] = (2i + 1) P, [1][i] = (2i + 1) 2^126 P */
    gmtls_sm2_fe x[2][GMTLS_SM2_POINT_TABLE_SIZE], y[2][GMTLS_SM2_POINT_TABLE_SIZE];
    int infinity; /* P was the point at infinity */
} gmtls_sm2_point_table;
void gmtls_sm2_point_table_init(gmtls_sm2_point_table *t, const gmtls_sm2_point *p);
/* r = a*G + b*P with P given by its table; variable time. */
void gmtls_sm2_mul_double_vartime_table(gmtls_sm2_point *r, const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b,
                                        const gmtls_sm2_point_table *t);

const char *gmtls_sm2_arith_impl(void); /* "bmi2-adx" or "portable" */
/* The same with "+ifma" when the AVX-512 IFMA fixed-base multiplication is in use beside it. */
const char *gmtls_sm2_arith_impl_full(void);
void gmtls_sm2_arith_impl_reset(void);  /* re-dispatch after gmtls_cpu_set_mask (tests) */

/* ---- Field mod p (for tests and for the curve code; Montgomery form) ---- */
/* Load 32 big-endian bytes; mask of value < p (else r = value mod p). */
uint64_t gmtls_sm2_fe_from_bytes(gmtls_sm2_fe *r, const uint8_t b[32]);
void gmtls_sm2_fe_to_bytes(uint8_t b[32], const gmtls_sm2_fe *a);
void gmtls_sm2_fe_add(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b);
void gmtls_sm2_fe_sub(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b);
void gmtls_sm2_fe_neg(gmtls_sm2_fe *r, const gmtls_sm2_fe *a);
void gmtls_sm2_fe_mul(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b); /* current impl */
void gmtls_sm2_fe_sqr(gmtls_sm2_fe *r, const gmtls_sm2_fe *a);                        /* current impl */
void gmtls_sm2_fe_inv(gmtls_sm2_fe *r, const gmtls_sm2_fe *a); /* a^(p-2), constant time; inv(0) = 0 */
/* Square root (p = 3 mod 4: a^((p+1)/4)); returns a mask of "a is a square". */
uint64_t gmtls_sm2_fe_sqrt(gmtls_sm2_fe *r, const gmtls_sm2_fe *a);
uint64_t gmtls_sm2_fe_is_zero(const gmtls_sm2_fe *a); /* mask */

#endif
