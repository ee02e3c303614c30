/* SM2 field multiplication and squaring with MULX/ADCX/ADOX (BMI2 + ADX), the same Montgomery form
 * as sm2_field_impl.h (R = 2^256, results fully reduced). Included only by files built with
 * -mbmi2 -madx (names ending in _bmi2), and run only after gmtls_cpu_has(BMI2 | ADX).
 *
 * Operand scanning: row i adds a * b_i into a 6-limb accumulator with two independent carry chains
 * (ADCX for the low halves, ADOX for the high halves), then one Montgomery round folds the lowest
 * limb m away. Because p = -1 mod 2^64 the quotient is m itself, and
 * (acc + m p) / 2^64 = acc / 2^64 (rounded down) + m (2^192 + 1) - m 2^32 (2^128 + 1),
 * i.e. two additions of m and two subtractions of m << 32 / m >> 32: no multiplication.
 * The final conditional subtraction of p uses CMOV on the borrow: no branch. */
#ifndef GMTLS_CRYPTO_SM2_FIELD_BMI2_H
#define GMTLS_CRYPTO_SM2_FIELD_BMI2_H

#include "crypto/sm2_field_impl.h"

static inline void sm2_fe_mul_bmi2(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b)
{
    __asm__(
        "xor %%r13, %%r13\n\t"
        "mov 0(%[b]), %%rdx\n\t"
        "mulx 0(%[a]), %%r8, %%r9\n\t"
        "mulx 8(%[a]), %%rax, %%r10\n\t"
        "add %%rax, %%r9\n\t"
        "mulx 16(%[a]), %%rax, %%r11\n\t"
        "adc %%rax, %%r10\n\t"
        "mulx 24(%[a]), %%rax, %%r12\n\t"
        "adc %%rax, %%r11\n\t"
        "adc $0, %%r12\n\t"
        "mov %%r8, %%rax\n\t"
        "shl $32, %%rax\n\t"
        "mov %%r8, %%rbx\n\t"
        "shr $32, %%rbx\n\t"
        "add %%r8, %%r9\n\t"
        "adc $0, %%r10\n\t"
        "adc $0, %%r11\n\t"
        "adc %%r8, %%r12\n\t"
        "adc $0, %%r13\n\t"
        "sub %%rax, %%r9\n\t"
        "sbb %%rbx, %%r10\n\t"
        "sbb %%rax, %%r11\n\t"
        "sbb %%rbx, %%r12\n\t"
        "sbb $0, %%r13\n\t"
        "xor %%r8, %%r8\n\t"
        "mov 8(%[b]), %%rdx\n\t"
        "mulx 0(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r9\n\t"
        "adox %%rbx, %%r10\n\t"
        "mulx 8(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r10\n\t"
        "adox %%rbx, %%r11\n\t"
        "mulx 16(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r11\n\t"
        "adox %%rbx, %%r12\n\t"
        "mulx 24(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r12\n\t"
        "adox %%rbx, %%r13\n\t"
        "adcx %%r8, %%r13\n\t"
        "adox %%r8, %%r8\n\t"
        "adc $0, %%r8\n\t"
        "mov %%r9, %%rax\n\t"
        "shl $32, %%rax\n\t"
        "mov %%r9, %%rbx\n\t"
        "shr $32, %%rbx\n\t"
        "add %%r9, %%r10\n\t"
        "adc $0, %%r11\n\t"
        "adc $0, %%r12\n\t"
        "adc %%r9, %%r13\n\t"
        "adc $0, %%r8\n\t"
        "sub %%rax, %%r10\n\t"
        "sbb %%rbx, %%r11\n\t"
        "sbb %%rax, %%r12\n\t"
        "sbb %%rbx, %%r13\n\t"
        "sbb $0, %%r8\n\t"
        "xor %%r9, %%r9\n\t"
        "mov 16(%[b]), %%rdx\n\t"
        "mulx 0(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r10\n\t"
        "adox %%rbx, %%r11\n\t"
        "mulx 8(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r11\n\t"
        "adox %%rbx, %%r12\n\t"
        "mulx 16(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r12\n\t"
        "adox %%rbx, %%r13\n\t"
        "mulx 24(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r13\n\t"
        "adox %%rbx, %%r8\n\t"
        "adcx %%r9, %%r8\n\t"
        "adox %%r9, %%r9\n\t"
        "adc $0, %%r9\n\t"
        "mov %%r10, %%rax\n\t"
        "shl $32, %%rax\n\t"
        "mov %%r10, %%rbx\n\t"
        "shr $32, %%rbx\n\t"
        "add %%r10, %%r11\n\t"
        "adc $0, %%r12\n\t"
        "adc $0, %%r13\n\t"
        "adc %%r10, %%r8\n\t"
        "adc $0, %%r9\n\t"
        "sub %%rax, %%r11\n\t"
        "sbb %%rbx, %%r12\n\t"
        "sbb %%rax, %%r13\n\t"
        "sbb %%rbx, %%r8\n\t"
        "sbb $0, %%r9\n\t"
        "xor %%r10, %%r10\n\t"
        "mov 24(%[b]), %%rdx\n\t"
        "mulx 0(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r11\n\t"
        "adox %%rbx, %%r12\n\t"
        "mulx 8(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r12\n\t"
        "adox %%rbx, %%r13\n\t"
        "mulx 16(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r13\n\t"
        "adox %%rbx, %%r8\n\t"
        "mulx 24(%[a]), %%rax, %%rbx\n\t"
        "adcx %%rax, %%r8\n\t"
        "adox %%rbx, %%r9\n\t"
        "adcx %%r10, %%r9\n\t"
        "adox %%r10, %%r10\n\t"
        "adc $0, %%r10\n\t"
        "mov %%r11, %%rax\n\t"
        "shl $32, %%rax\n\t"
        "mov %%r11, %%rbx\n\t"
        "shr $32, %%rbx\n\t"
        "add %%r11, %%r12\n\t"
        "adc $0, %%r13\n\t"
        "adc $0, %%r8\n\t"
        "adc %%r11, %%r9\n\t"
        "adc $0, %%r10\n\t"
        "sub %%rax, %%r12\n\t"
        "sbb %%rbx, %%r13\n\t"
        "sbb %%rax, %%r8\n\t"
        "sbb %%rbx, %%r9\n\t"
        "sbb $0, %%r10\n\t"
        "mov %%r12, %%rax\n\t"
        "mov %%r13, %%rbx\n\t"
        "mov %%r8, %%rdx\n\t"
        "mov %%r9, %%r11\n\t"
        "sub $-1, %%rax\n\t"
        "sbb %[p1], %%rbx\n\t"
        "sbb $-1, %%rdx\n\t"
        "sbb %[p3], %%r11\n\t"
        "sbb $0, %%r10\n\t"
        "cmovc %%r12, %%rax\n\t"
        "cmovc %%r13, %%rbx\n\t"
        "cmovc %%r8, %%rdx\n\t"
        "cmovc %%r9, %%r11\n\t"
        "mov %%rax, 0(%[r])\n\t"
        "mov %%rbx, 8(%[r])\n\t"
        "mov %%rdx, 16(%[r])\n\t"
        "mov %%r11, 24(%[r])\n\t"
        : [mr] "=m"(*r)
        : [r] "r"(r), [a] "r"(a), [b] "r"(b), [ma] "m"(*a), [mb] "m"(*b), [p1] "m"(gmtls_sm2_p[1]),
          [p3] "m"(gmtls_sm2_p[3])
        : "rax", "rbx", "rdx", "r8", "r9", "r10", "r11", "r12", "r13", "cc");
}

static inline void sm2_fe_sqr_bmi2(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    sm2_fe_mul_bmi2(r, a, a);
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
            : [mr] "=m"(*r)
            : [r] "r"(r), [a] "r"(a), [b] "r"(b), [ma] "m"(*a), [mb] "m"(*b), [p1] "m"(gmtls_sm2_p[1]),
              [p3] "m"(gmtls_sm2_p[3])
            : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "cc");
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
            : [mr] "=m"(*r)
            : [r] "r"(r), [a] "r"(a), [b] "r"(b), [ma] "m"(*a), [mb] "m"(*b)
            : "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "cc");
}

#endif
