/* SM2 field multiplication, squaring, addition and subtraction with MULX/ADCX/ADOX (BMI2 + ADX),
 * in the same Montgomery form as sm2_field_impl.h (R = 2^256, results fully reduced). Included only
 * by files built with -mbmi2 -madx (names ending in _bmi2), and run only after
 * gmtls_cpu_has(BMI2 | ADX).
 *
 * Multiplication: the 512-bit product by rows, each row with two independent carry chains (ADCX for
 * the low halves, ADOX for the high halves). Reduction: because p = -1 mod 2^64 the Montgomery
 * quotient of each round is the low limb m itself, and
 *   (x + m p) / 2^64 = floor(x / 2^64) + m (2^192 + 1) - m 2^32 (2^128 + 1),
 * two additions of m and two subtractions of m << 32 and m >> 32: no multiplication. The low half L
 * is reduced alone ((L + M p) / 2^256 < p + 1, four rounds on a rotating window of four registers),
 * then the high half is added; the sum is below 2p, and the final conditional subtraction of p
 * uses CMOV on the borrow: no branch.
 *
 * Register use is kept at 13 or fewer (outputs as register operands, a "memory" clobber instead of
 * memory operands) so that the asm also compiles with frame pointers and sanitizers at any -O. */
#ifndef GMTLS_CRYPTO_SM2_FIELD_BMI2_H
#define GMTLS_CRYPTO_SM2_FIELD_BMI2_H

#include "crypto/sm2_field_impl.h"

/* The Montgomery reduction shared by sm2_fe_mul_bmi2 and sm2_fe_sqr_bmi2, as asm text.
 * SM2_BMI2_REDC_ROUND: one round on the window X0..X3 (register names): with m = X0,
 * (x + m p) / 2^64 = x / 2^64 + m (2^192 + 1) - m 2^32 (2^128 + 1), the new top limb lands in X0.
 * Uses rax and rbx. */
#define SM2_BMI2_REDC_ROUND(X0, X1, X2, X3)            \
    "mov %%" X0 ", %%rax\n\t"                          \
    "shl $32, %%rax\n\t"                               \
    "mov %%" X0 ", %%rbx\n\t"                          \
    "shr $32, %%rbx\n\t"                               \
    "add %%" X0 ", %%" X1 "\n\t"                       \
    "adc $0, %%" X2 "\n\t"                             \
    "adc $0, %%" X3 "\n\t"                             \
    "adc $0, %%" X0 "\n\t"                             \
    "sub %%rax, %%" X1 "\n\t"                          \
    "sbb %%rbx, %%" X2 "\n\t"                          \
    "sbb %%rax, %%" X3 "\n\t"                          \
    "sbb %%rbx, %%" X0 "\n\t"

/* Reduce the low half r8..r11 ((L + M p) / 2^256 < p + 1), add the high half o0..o3 (the sum is
 * below 2p) and subtract p unless that borrows past the carry, kept in register C (zero on
 * entry): the result is in o0..o3, with no branch (CMOV). */
#define SM2_BMI2_REDC_ADD_HIGH(C)                      \
    SM2_BMI2_REDC_ROUND("r8", "r9", "r10", "r11")      \
    SM2_BMI2_REDC_ROUND("r9", "r10", "r11", "r8")      \
    SM2_BMI2_REDC_ROUND("r10", "r11", "r8", "r9")      \
    SM2_BMI2_REDC_ROUND("r11", "r8", "r9", "r10")      \
    "add %[o0], %%r8\n\t"                              \
    "adc %[o1], %%r9\n\t"                              \
    "adc %[o2], %%r10\n\t"                             \
    "adc %[o3], %%r11\n\t"                             \
    "adc $0, %%" C "\n\t"                              \
    "mov %%r8, %[o0]\n\t"                              \
    "mov %%r9, %[o1]\n\t"                              \
    "mov %%r10, %[o2]\n\t"                             \
    "mov %%r11, %[o3]\n\t"                             \
    "sub $-1, %[o0]\n\t"                               \
    "sbb %[p1], %[o1]\n\t"                             \
    "sbb $-1, %[o2]\n\t"                               \
    "sbb %[p3], %[o3]\n\t"                             \
    "sbb $0, %%" C "\n\t"                              \
    "cmovc %%r8, %[o0]\n\t"                            \
    "cmovc %%r9, %[o1]\n\t"                            \
    "cmovc %%r10, %[o2]\n\t"                           \
    "cmovc %%r11, %[o3]\n\t"

static inline __attribute__((always_inline)) void sm2_fe_mul_bmi2(gmtls_sm2_fe *r, const gmtls_sm2_fe *a,
                                                                  const gmtls_sm2_fe *b)
{
    uint64_t o0, o1, o2, o3; /* the high product limbs, then the result: no register is needed for r */
    __asm__(
        "mov 0(%[b]), %%rdx\n\t"
        "mulx 0(%[a]), %%r8, %%r9\n\t"
        "mulx 8(%[a]), %%rax, %%r10\n\t"
        "add %%rax, %%r9\n\t"
        "mulx 16(%[a]), %%rax, %%r11\n\t"
        "adc %%rax, %%r10\n\t"
        "mulx 24(%[a]), %%rax, %[o0]\n\t"
        "adc %%rax, %%r11\n\t"
        "adc $0, %[o0]\n\t"
        "xor %[o1], %[o1]\n\t"
        "mov 8(%[b]), %%rdx\n\t"
        "mulx 0(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r9\n\t"
        "adox %%rbx, %%r10\n\t"
        "mulx 8(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r10\n\t"
        "adox %%rbx, %%r11\n\t"
        "mulx 16(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r11\n\t"
        "adox %%rbx, %[o0]\n\t"
        "mulx 24(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %[o0]\n\t"
        "adox %%rbx, %[o1]\n\t"
        "adc $0, %[o1]\n\t"
        "xor %[o2], %[o2]\n\t"
        "mov 16(%[b]), %%rdx\n\t"
        "mulx 0(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r10\n\t"
        "adox %%rbx, %%r11\n\t"
        "mulx 8(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r11\n\t"
        "adox %%rbx, %[o0]\n\t"
        "mulx 16(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %[o0]\n\t"
        "adox %%rbx, %[o1]\n\t"
        "mulx 24(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %[o1]\n\t"
        "adox %%rbx, %[o2]\n\t"
        "adc $0, %[o2]\n\t"
        "xor %[o3], %[o3]\n\t"
        "mov 24(%[b]), %%rdx\n\t"
        "mulx 0(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r11\n\t"
        "adox %%rbx, %[o0]\n\t"
        "mulx 8(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %[o0]\n\t"
        "adox %%rbx, %[o1]\n\t"
        "mulx 16(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %[o1]\n\t"
        "adox %%rbx, %[o2]\n\t"
        "mulx 24(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %[o2]\n\t"
        "adox %%rbx, %[o3]\n\t"
        "adc $0, %[o3]\n\t"
        "xor %%edx, %%edx\n\t"
        SM2_BMI2_REDC_ADD_HIGH("rdx")
        : [o0] "=&r"(o0), [o1] "=&r"(o1), [o2] "=&r"(o2), [o3] "=&r"(o3)
        : [a] "r"(a), [b] "r"(b), [p1] "m"(gmtls_sm2_p[1]), [p3] "m"(gmtls_sm2_p[3])
        : "rax", "rbx", "rdx", "r8", "r9", "r10", "r11", "cc", "memory");
    r->v[0] = o0;
    r->v[1] = o1;
    r->v[2] = o2;
    r->v[3] = o3;
}

/* r = a^2: the six cross products once (doubled with one shift chain), the four squares, then
 * the Montgomery reduction of the low half alone, (L + M p) / 2^256 < p + 1, four rounds on a
 * rotating window of four registers, and finally + the high half and one conditional subtraction
 * (the sum is below 2p). */
static inline __attribute__((always_inline)) void sm2_fe_sqr_bmi2(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    uint64_t o0, o1, o2, o3; /* the high product limbs, then the result */
    __asm__(
        "xor %%ecx, %%ecx\n\t"
        "mov 0(%[a]), %%rdx\n\t"
        "mulx 8(%[a]), %%r9, %%r10\n\t"
        "mulx 16(%[a]), %%rax, %%r11\n\t"
        "adcx %%rax, %%r10\n\t"
        "mulx 24(%[a]), %%rax, %[o0]\n\t"
        "adcx %%rax, %%r11\n\t"
        "adcx %%rcx, %[o0]\n\t"
        "mov 8(%[a]), %%rdx\n\t"
        "mulx 16(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r11\n\t"
        "adox %%rbx, %[o0]\n\t"
        "mulx 24(%[a]), %%rax, %[o1]\n\t"
        "adcx %%rax, %[o0]\n\t"
        "adox %%rcx, %[o1]\n\t"
        "adcx %%rcx, %[o1]\n\t"
        "mov 16(%[a]), %%rdx\n\t"
        "mulx 24(%[a]), %%rax, %[o2]\n\t"
        "add %%rax, %[o1]\n\t"
        "adc %%rcx, %[o2]\n\t"
        "xor %[o3], %[o3]\n\t"
        "add %%r9, %%r9\n\t"
        "adc %%r10, %%r10\n\t"
        "adc %%r11, %%r11\n\t"
        "adc %[o0], %[o0]\n\t"
        "adc %[o1], %[o1]\n\t"
        "adc %[o2], %[o2]\n\t"
        "adc %[o3], %[o3]\n\t"
        "mov 0(%[a]), %%rdx\n\t"
        "mulx %%rdx, %%r8, %%rax\n\t"
        "add %%rax, %%r9\n\t"
        "mov 8(%[a]), %%rdx\n\t"
        "mulx %%rdx, %%rax, %%rbx\n\t"
        "adc %%rax, %%r10\n\t"
        "adc %%rbx, %%r11\n\t"
        "mov 16(%[a]), %%rdx\n\t"
        "mulx %%rdx, %%rax, %%rbx\n\t"
        "adc %%rax, %[o0]\n\t"
        "adc %%rbx, %[o1]\n\t"
        "mov 24(%[a]), %%rdx\n\t"
        "mulx %%rdx, %%rax, %%rbx\n\t"
        "adc %%rax, %[o2]\n\t"
        "adc %%rbx, %[o3]\n\t"
        SM2_BMI2_REDC_ADD_HIGH("rcx")
        : [o0] "=&r"(o0), [o1] "=&r"(o1), [o2] "=&r"(o2), [o3] "=&r"(o3)
        : [a] "r"(a), [p1] "m"(gmtls_sm2_p[1]), [p3] "m"(gmtls_sm2_p[3])
        : "rax", "rbx", "rcx", "rdx", "r8", "r9", "r10", "r11", "cc", "memory");
    r->v[0] = o0;
    r->v[1] = o1;
    r->v[2] = o2;
    r->v[3] = o3;
}

/* r = a + b mod p (a, b < p): add, subtract p, keep the sum when the subtraction borrowed past
 * the carry bit (CMOV). */
static inline void sm2_fe_add_bmi2(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b)
{
    __asm__("mov 0(%[a]), %%r8\n\t"
            "mov 8(%[a]), %%r9\n\t"
            "mov 16(%[a]), %%r10\n\t"
            "mov 24(%[a]), %%r11\n\t"
            "xor %%rcx, %%rcx\n\t"
            "add 0(%[b]), %%r8\n\t"
            "adc 8(%[b]), %%r9\n\t"
            "adc 16(%[b]), %%r10\n\t"
            "adc 24(%[b]), %%r11\n\t"
            "adc $0, %%rcx\n\t"
            "mov %%r8, %%rax\n\t"
            "mov %%r9, %%rdx\n\t"
            "mov %%r10, %%rsi\n\t"
            "mov %%r11, %%rdi\n\t"
            "sub $-1, %%rax\n\t"
            "sbb %[p1], %%rdx\n\t"
            "sbb $-1, %%rsi\n\t"
            "sbb %[p3], %%rdi\n\t"
            "sbb $0, %%rcx\n\t"
            "cmovc %%r8, %%rax\n\t"
            "cmovc %%r9, %%rdx\n\t"
            "cmovc %%r10, %%rsi\n\t"
            "cmovc %%r11, %%rdi\n\t"
            "mov %%rax, 0(%[r])\n\t"
            "mov %%rdx, 8(%[r])\n\t"
            "mov %%rsi, 16(%[r])\n\t"
            "mov %%rdi, 24(%[r])\n\t"
            : /* no register outputs: r is written through its pointer */
            : [r] "r"(r), [a] "r"(a), [b] "r"(b), [p1] "m"(gmtls_sm2_p[1]),
              [p3] "m"(gmtls_sm2_p[3])
            : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "cc", "memory");
}

/* r = a - b mod p (a, b < p): subtract, then add p masked by the borrow (SBB makes the mask). */
static inline void sm2_fe_sub_bmi2(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b)
{
    __asm__("mov 0(%[a]), %%r8\n\t"
            "mov 8(%[a]), %%r9\n\t"
            "mov 16(%[a]), %%r10\n\t"
            "mov 24(%[a]), %%r11\n\t"
            "sub 0(%[b]), %%r8\n\t"
            "sbb 8(%[b]), %%r9\n\t"
            "sbb 16(%[b]), %%r10\n\t"
            "sbb 24(%[b]), %%r11\n\t"
            "sbb %%rax, %%rax\n\t"
            "mov %%rax, %%rdx\n\t"
            "shl $32, %%rdx\n\t"
            "mov %%rax, %%rcx\n\t"
            "btr $32, %%rcx\n\t"
            "add %%rax, %%r8\n\t"
            "adc %%rdx, %%r9\n\t"
            "adc %%rax, %%r10\n\t"
            "adc %%rcx, %%r11\n\t"
            "mov %%r8, 0(%[r])\n\t"
            "mov %%r9, 8(%[r])\n\t"
            "mov %%r10, 16(%[r])\n\t"
            "mov %%r11, 24(%[r])\n\t"
            : /* no register outputs: r is written through its pointer */
            : [r] "r"(r), [a] "r"(a), [b] "r"(b)
            : "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "cc", "memory");
}

#endif
