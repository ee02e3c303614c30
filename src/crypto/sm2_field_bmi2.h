/* SM2 field multiplication, squaring and the linear operations of the curve code (a + b, a - b,
 * 2a, 3a, a - 2b, a / 2, a - b / 2, and a - 2b with b - (a - 2b)) with MULX/ADCX/ADOX (BMI2 + ADX), in the same Montgomery form as sm2_field_impl.h (R = 2^256,
 * every input and result fully reduced, < p). Included only by files built with -mbmi2 -madx
 * (names ending in _bmi2) and by tests, and run only after gmtls_cpu_has(BMI2 | ADX).
 *
 * Multiplication: the 512-bit product by rows, each row with two independent carry chains (ADCX for
 * the low halves, ADOX for the high halves). Reduction: because p = -1 mod 2^64 the Montgomery
 * quotient of each round is the low limb m itself, and with the window x = (x0, x1, x2, x3), m = x0,
 *   (x + m p) / 2^64 = (x1, x2, x3, m) - m (2^32 - 1) - m 2^160,
 * where m (2^32 - 1) is one MULX by the constant 2^32 - 1 (two limbs) and m 2^160 is m << 32 and
 * m >> 32 at limbs 2 and 3 (SHLX/SHRX, which leave the flags alone, so one SUB/SBB chain does the
 * whole round: 7 instructions). The true value is below 2^256, so the borrow out of the top limb is
 * dropped. The low half L is reduced alone ((L + M p) / 2^256 < p + 1, four rounds on a rotating
 * window of four registers), then the high half is added; the sum is below 2p, and the final
 * conditional subtraction of p uses CMOV on the borrow: no branch.
 *
 * Every routine returns its result in registers (stored by C), and in optimised builds tells the
 * compiler exactly which memory it reads (an "m" operand for each input limb) instead of taking
 * pointers and a "memory" clobber: values around it stay in registers, and the loads use the same
 * addressing as the compiler's stores of the previous result (measured: loading through a copied
 * pointer register instead made a chain of squarings 5-9% slower on Zen 5). Unoptimised and
 * AddressSanitizer builds cannot always find registers for those addresses beside the 12 that the
 * multiplication uses, so there the asm takes pointers and keeps the "memory" clobber (checked:
 * -O0, -O1, -O2, -O3, -Os, -O2 with frame pointers, ASan at -O0 and -O2; -O1 together with
 * -fno-omit-frame-pointer and no sanitizer runs out of registers). */
#ifndef GMTLS_CRYPTO_SM2_FIELD_BMI2_H
#define GMTLS_CRYPTO_SM2_FIELD_BMI2_H

#include "crypto/sm2_field_impl.h"

#if defined(__SANITIZE_ADDRESS__)
#define SM2_BMI2_EXACT_OPERANDS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SM2_BMI2_EXACT_OPERANDS 0
#endif
#endif
#if !defined(SM2_BMI2_EXACT_OPERANDS)
#if defined(__OPTIMIZE__)
#define SM2_BMI2_EXACT_OPERANDS 1
#else
#define SM2_BMI2_EXACT_OPERANDS 0
#endif
#endif

#if SM2_BMI2_EXACT_OPERANDS
#define SM2_A(i) "%[a" #i "]"
#define SM2_B(i) "%[b" #i "]"
#define SM2_BMI2_IN_A(a) [a0] "m"((a)->v[0]), [a1] "m"((a)->v[1]), [a2] "m"((a)->v[2]), [a3] "m"((a)->v[3])
#define SM2_BMI2_IN_B(b) [b0] "m"((b)->v[0]), [b1] "m"((b)->v[1]), [b2] "m"((b)->v[2]), [b3] "m"((b)->v[3])
#define SM2_BMI2_CLOBBER_MEM
/* the multiplication's shift count (see SM2_BMI2_REDC_ROUND) lives in rcx */
#define SM2_BMI2_MUL_CNT "%%rcx"
#define SM2_BMI2_MUL_PTRS(a, b)
#define SM2_BMI2_MUL_READS(a, b) , SM2_BMI2_IN_A(a), SM2_BMI2_IN_B(b)
#define SM2_BMI2_MUL_CLOBBER_CNT , "rcx"
#else
#define SM2_A(i) "8*" #i "(%[a])"
#define SM2_B(i) "8*" #i "(%[b])"
#define SM2_BMI2_IN_A(a) [a] "r"(a)
#define SM2_BMI2_IN_B(b) [b] "r"(b)
#define SM2_BMI2_CLOBBER_MEM , "memory"
/* here the pointer registers are free once the product is done: the shift count takes a's, so
 * that the multiplication needs 13 registers, not 14 */
#define SM2_BMI2_MUL_CNT "%[a]"
#define SM2_BMI2_MUL_PTRS(x, y) , [a] "+r"(x), [b] "+r"(y)
#define SM2_BMI2_MUL_READS(a, b)
#define SM2_BMI2_MUL_CLOBBER_CNT
#endif

/* One reduction round on the window X0..X3 (register names), as described above. Needs rdx =
 * 2^32 - 1 and the register CNT = 32; uses rax and rbx. The new top limb lands in X0. */
#define SM2_BMI2_REDC_ROUND(CNT, X0, X1, X2, X3)       \
    "mulx %%" X0 ", %%rax, %%rbx\n\t"                  \
    "sub %%rax, %%" X1 "\n\t"                          \
    "sbb %%rbx, %%" X2 "\n\t"                          \
    "shlx " CNT ", %%" X0 ", %%rax\n\t"                \
    "shrx " CNT ", %%" X0 ", %%rbx\n\t"                \
    "sbb %%rax, %%" X3 "\n\t"                          \
    "sbb %%rbx, %%" X0 "\n\t"

/* Reduce the low half r8..r11, add the high half o0..o3 (the sum is below 2p) and subtract p
 * unless that borrows past the carry (kept in rdx): the result is in o0..o3, with no branch
 * (CMOV). Uses rax, rbx, rdx and CNT. */
#define SM2_BMI2_REDC_ADD_HIGH(CNT)                    \
    "mov $0xffffffff, %%edx\n\t"                       \
    "mov $32, " CNT "\n\t"                             \
    SM2_BMI2_REDC_ROUND(CNT, "r8", "r9", "r10", "r11")      \
    SM2_BMI2_REDC_ROUND(CNT, "r9", "r10", "r11", "r8")      \
    SM2_BMI2_REDC_ROUND(CNT, "r10", "r11", "r8", "r9")      \
    SM2_BMI2_REDC_ROUND(CNT, "r11", "r8", "r9", "r10")      \
    "xor %%edx, %%edx\n\t"                             \
    "add %[o0], %%r8\n\t"                              \
    "adc %[o1], %%r9\n\t"                              \
    "adc %[o2], %%r10\n\t"                             \
    "adc %[o3], %%r11\n\t"                             \
    "adc $0, %%rdx\n\t"                                \
    "mov %%r8, %[o0]\n\t"                              \
    "mov %%r9, %[o1]\n\t"                              \
    "mov %%r10, %[o2]\n\t"                             \
    "mov %%r11, %[o3]\n\t"                             \
    "sub $-1, %[o0]\n\t"                               \
    "sbb %[p1], %[o1]\n\t"                             \
    "sbb $-1, %[o2]\n\t"                               \
    "sbb %[p3], %[o3]\n\t"                             \
    "sbb $0, %%rdx\n\t"                                \
    "cmovc %%r8, %[o0]\n\t"                            \
    "cmovc %%r9, %[o1]\n\t"                            \
    "cmovc %%r10, %[o2]\n\t"                           \
    "cmovc %%r11, %[o3]\n\t"

static inline __attribute__((always_inline)) void sm2_fe_store4(gmtls_sm2_fe *r, uint64_t o0, uint64_t o1,
                                                                uint64_t o2, uint64_t o3)
{
    r->v[0] = o0;
    r->v[1] = o1;
    r->v[2] = o2;
    r->v[3] = o3;
}

static inline __attribute__((always_inline)) void sm2_fe_mul_bmi2(gmtls_sm2_fe *r, const gmtls_sm2_fe *a,
                                                                  const gmtls_sm2_fe *b)
{
    uint64_t o0, o1, o2, o3; /* the high product limbs, then the result: no register is needed for r */
#if !SM2_BMI2_EXACT_OPERANDS
    const gmtls_sm2_fe *pa = a, *pb = b;
#endif
    __asm__(
        "mov " SM2_B(0) ", %%rdx\n\t"
        "mulx " SM2_A(0) ", %%r8, %%r9\n\t"
        "mulx " SM2_A(1) ", %%rax, %%r10\n\t"
        "add %%rax, %%r9\n\t"
        "mulx " SM2_A(2) ", %%rax, %%r11\n\t"
        "adc %%rax, %%r10\n\t"
        "mulx " SM2_A(3) ", %%rax, %[o0]\n\t"
        "adc %%rax, %%r11\n\t"
        "adc $0, %[o0]\n\t"
        "xor %[o1], %[o1]\n\t"
        "mov " SM2_B(1) ", %%rdx\n\t"
        "mulx " SM2_A(0) ", %%rax, %%rbx\n\t"
        "adcx %%rax, %%r9\n\t"
        "adox %%rbx, %%r10\n\t"
        "mulx " SM2_A(1) ", %%rax, %%rbx\n\t"
        "adcx %%rax, %%r10\n\t"
        "adox %%rbx, %%r11\n\t"
        "mulx " SM2_A(2) ", %%rax, %%rbx\n\t"
        "adcx %%rax, %%r11\n\t"
        "adox %%rbx, %[o0]\n\t"
        "mulx " SM2_A(3) ", %%rax, %%rbx\n\t"
        "adcx %%rax, %[o0]\n\t"
        "adox %%rbx, %[o1]\n\t"
        "adc $0, %[o1]\n\t"
        "xor %[o2], %[o2]\n\t"
        "mov " SM2_B(2) ", %%rdx\n\t"
        "mulx " SM2_A(0) ", %%rax, %%rbx\n\t"
        "adcx %%rax, %%r10\n\t"
        "adox %%rbx, %%r11\n\t"
        "mulx " SM2_A(1) ", %%rax, %%rbx\n\t"
        "adcx %%rax, %%r11\n\t"
        "adox %%rbx, %[o0]\n\t"
        "mulx " SM2_A(2) ", %%rax, %%rbx\n\t"
        "adcx %%rax, %[o0]\n\t"
        "adox %%rbx, %[o1]\n\t"
        "mulx " SM2_A(3) ", %%rax, %%rbx\n\t"
        "adcx %%rax, %[o1]\n\t"
        "adox %%rbx, %[o2]\n\t"
        "adc $0, %[o2]\n\t"
        "xor %[o3], %[o3]\n\t"
        "mov " SM2_B(3) ", %%rdx\n\t"
        "mulx " SM2_A(0) ", %%rax, %%rbx\n\t"
        "adcx %%rax, %%r11\n\t"
        "adox %%rbx, %[o0]\n\t"
        "mulx " SM2_A(1) ", %%rax, %%rbx\n\t"
        "adcx %%rax, %[o0]\n\t"
        "adox %%rbx, %[o1]\n\t"
        "mulx " SM2_A(2) ", %%rax, %%rbx\n\t"
        "adcx %%rax, %[o1]\n\t"
        "adox %%rbx, %[o2]\n\t"
        "mulx " SM2_A(3) ", %%rax, %%rbx\n\t"
        "adcx %%rax, %[o2]\n\t"
        "adox %%rbx, %[o3]\n\t"
        "adc $0, %[o3]\n\t"
        SM2_BMI2_REDC_ADD_HIGH(SM2_BMI2_MUL_CNT)
        : [o0] "=&r"(o0), [o1] "=&r"(o1), [o2] "=&r"(o2), [o3] "=&r"(o3) SM2_BMI2_MUL_PTRS(pa, pb)
        : [p1] "m"(gmtls_sm2_p[1]), [p3] "m"(gmtls_sm2_p[3]) SM2_BMI2_MUL_READS(a, b)
        : "rax", "rbx", "rdx", "r8", "r9", "r10", "r11", "cc" SM2_BMI2_MUL_CLOBBER_CNT SM2_BMI2_CLOBBER_MEM);
    sm2_fe_store4(r, o0, o1, o2, o3);
}

/* r = a^2: the six cross products once (doubled with one shift chain), the four squares, then
 * the reduction as in sm2_fe_mul_bmi2. */
static inline __attribute__((always_inline)) void sm2_fe_sqr_bmi2(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    uint64_t o0, o1, o2, o3; /* the high product limbs, then the result */
    __asm__(
        "xor %%ecx, %%ecx\n\t"
        "mov " SM2_A(0) ", %%rdx\n\t"
        "mulx " SM2_A(1) ", %%r9, %%r10\n\t"
        "mulx " SM2_A(2) ", %%rax, %%r11\n\t"
        "adcx %%rax, %%r10\n\t"
        "mulx " SM2_A(3) ", %%rax, %[o0]\n\t"
        "adcx %%rax, %%r11\n\t"
        "adcx %%rcx, %[o0]\n\t"
        "mov " SM2_A(1) ", %%rdx\n\t"
        "mulx " SM2_A(2) ", %%rax, %%rbx\n\t"
        "adcx %%rax, %%r11\n\t"
        "adox %%rbx, %[o0]\n\t"
        "mulx " SM2_A(3) ", %%rax, %[o1]\n\t"
        "adcx %%rax, %[o0]\n\t"
        "adox %%rcx, %[o1]\n\t"
        "adcx %%rcx, %[o1]\n\t"
        "mov " SM2_A(2) ", %%rdx\n\t"
        "mulx " SM2_A(3) ", %%rax, %[o2]\n\t"
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
        "mov " SM2_A(0) ", %%rdx\n\t"
        "mulx %%rdx, %%r8, %%rax\n\t"
        "add %%rax, %%r9\n\t"
        "mov " SM2_A(1) ", %%rdx\n\t"
        "mulx %%rdx, %%rax, %%rbx\n\t"
        "adc %%rax, %%r10\n\t"
        "adc %%rbx, %%r11\n\t"
        "mov " SM2_A(2) ", %%rdx\n\t"
        "mulx %%rdx, %%rax, %%rbx\n\t"
        "adc %%rax, %[o0]\n\t"
        "adc %%rbx, %[o1]\n\t"
        "mov " SM2_A(3) ", %%rdx\n\t"
        "mulx %%rdx, %%rax, %%rbx\n\t"
        "adc %%rax, %[o2]\n\t"
        "adc %%rbx, %[o3]\n\t"
        SM2_BMI2_REDC_ADD_HIGH("%%rcx")
        : [o0] "=&r"(o0), [o1] "=&r"(o1), [o2] "=&r"(o2), [o3] "=&r"(o3)
        : [p1] "m"(gmtls_sm2_p[1]), [p3] "m"(gmtls_sm2_p[3]), SM2_BMI2_IN_A(a)
        : "rax", "rbx", "rcx", "rdx", "r8", "r9", "r10", "r11", "cc" SM2_BMI2_CLOBBER_MEM);
    sm2_fe_store4(r, o0, o1, o2, o3);
}

/* asm text: (o0..o3) + C * 2^256 (C = 0 or 1, a register), a value below 2p, minus p unless
 * that borrows past C: the result (< p) in o0..o3, with no branch (CMOV). Uses t0..t3. */
#define SM2_BMI2_COND_SUB_P(C)                         \
    "mov %[o0], %[t0]\n\t"                             \
    "mov %[o1], %[t1]\n\t"                             \
    "mov %[o2], %[t2]\n\t"                             \
    "mov %[o3], %[t3]\n\t"                             \
    "sub $-1, %[t0]\n\t"                               \
    "sbb %[p1], %[t1]\n\t"                             \
    "sbb $-1, %[t2]\n\t"                               \
    "sbb %[p3], %[t3]\n\t"                             \
    "sbb $0, " C "\n\t"                                \
    "cmovnc %[t0], %[o0]\n\t"                          \
    "cmovnc %[t1], %[o1]\n\t"                          \
    "cmovnc %[t2], %[o2]\n\t"                          \
    "cmovnc %[t3], %[o3]\n\t"

/* asm text: o0..o3 -= (B0..B3) mod p (both < p): subtract, then add p masked by the borrow
 * (SBB makes the mask; p = (m, m << 32, m, m without bit 32) for the mask m). Uses t0..t2. */
#define SM2_BMI2_SUB_MOD(B0, B1, B2, B3)               \
    "sub " B0 ", %[o0]\n\t"                            \
    "sbb " B1 ", %[o1]\n\t"                            \
    "sbb " B2 ", %[o2]\n\t"                            \
    "sbb " B3 ", %[o3]\n\t"                            \
    "sbb %[t0], %[t0]\n\t"                             \
    "mov %[t0], %[t1]\n\t"                             \
    "shl $32, %[t1]\n\t"                               \
    "mov %[t0], %[t2]\n\t"                             \
    "btr $32, %[t2]\n\t"                               \
    "add %[t0], %[o0]\n\t"                             \
    "adc %[t1], %[o1]\n\t"                             \
    "adc %[t0], %[o2]\n\t"                             \
    "adc %[t2], %[o3]\n\t"

#define SM2_BMI2_LOAD(X)                               \
    "mov " X(0) ", %[o0]\n\t"                           \
    "mov " X(1) ", %[o1]\n\t"                           \
    "mov " X(2) ", %[o2]\n\t"                           \
    "mov " X(3) ", %[o3]\n\t"

/* r = a + b mod p */
static inline __attribute__((always_inline)) void sm2_fe_add_bmi2(gmtls_sm2_fe *r, const gmtls_sm2_fe *a,
                                                                  const gmtls_sm2_fe *b)
{
    uint64_t o0, o1, o2, o3, t0, t1, t2, t3, c;
    __asm__(SM2_BMI2_LOAD(SM2_A)
            "xor %k[c], %k[c]\n\t"
            "add " SM2_B(0) ", %[o0]\n\t"
            "adc " SM2_B(1) ", %[o1]\n\t"
            "adc " SM2_B(2) ", %[o2]\n\t"
            "adc " SM2_B(3) ", %[o3]\n\t"
            "adc $0, %[c]\n\t"
            SM2_BMI2_COND_SUB_P("%[c]")
            : [o0] "=&r"(o0), [o1] "=&r"(o1), [o2] "=&r"(o2), [o3] "=&r"(o3), [t0] "=&r"(t0), [t1] "=&r"(t1),
              [t2] "=&r"(t2), [t3] "=&r"(t3), [c] "=&r"(c)
            : [p1] "m"(gmtls_sm2_p[1]), [p3] "m"(gmtls_sm2_p[3]), SM2_BMI2_IN_A(a), SM2_BMI2_IN_B(b)
            : "cc" SM2_BMI2_CLOBBER_MEM);
    sm2_fe_store4(r, o0, o1, o2, o3);
}

/* (o0..o3) = 2 (o0..o3) mod p and (o0..o3) = (o0..o3) + a mod p, as asm text for the blocks below
 * (operands o0..o3, c, t0..t3, p1, p3 and the input a). */
#define SM2_BMI2_DOUBLE_O                              \
    "xor %k[c], %k[c]\n\t"                             \
    "add %[o0], %[o0]\n\t"                             \
    "adc %[o1], %[o1]\n\t"                             \
    "adc %[o2], %[o2]\n\t"                             \
    "adc %[o3], %[o3]\n\t"                             \
    "adc $0, %[c]\n\t"                                 \
    SM2_BMI2_COND_SUB_P("%[c]")
#define SM2_BMI2_ADD_A_O                               \
    "xor %k[c], %k[c]\n\t"                             \
    "add " SM2_A(0) ", %[o0]\n\t"                      \
    "adc " SM2_A(1) ", %[o1]\n\t"                      \
    "adc " SM2_A(2) ", %[o2]\n\t"                      \
    "adc " SM2_A(3) ", %[o3]\n\t"                      \
    "adc $0, %[c]\n\t"                                 \
    SM2_BMI2_COND_SUB_P("%[c]")

/* One function per asm text: r = f(a) on the window o0..o3 with the carry c and the scratch t0..t3
 * (2a, 3a), and r = f(a, b) with the scratch t0..t2 (a - b, a - 2b). */
#define SM2_BMI2_UNARY_FN(name, text)                                                                  \
    static inline __attribute__((always_inline)) void name(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)    \
    {                                                                                                  \
        uint64_t o0, o1, o2, o3, t0, t1, t2, t3, c;                                                    \
        __asm__(SM2_BMI2_LOAD(SM2_A) text                                                              \
                : [o0] "=&r"(o0), [o1] "=&r"(o1), [o2] "=&r"(o2), [o3] "=&r"(o3), [t0] "=&r"(t0),      \
                  [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [c] "=&r"(c)                         \
                : [p1] "m"(gmtls_sm2_p[1]), [p3] "m"(gmtls_sm2_p[3]), SM2_BMI2_IN_A(a)                 \
                : "cc" SM2_BMI2_CLOBBER_MEM);                                                          \
        sm2_fe_store4(r, o0, o1, o2, o3);                                                              \
    }
#define SM2_BMI2_SUB_FN(name, text)                                                                    \
    static inline __attribute__((always_inline)) void name(gmtls_sm2_fe *r, const gmtls_sm2_fe *a,    \
                                                           const gmtls_sm2_fe *b)                      \
    {                                                                                                  \
        uint64_t o0, o1, o2, o3, t0, t1, t2;                                                           \
        __asm__(SM2_BMI2_LOAD(SM2_A) text                                                              \
                : [o0] "=&r"(o0), [o1] "=&r"(o1), [o2] "=&r"(o2), [o3] "=&r"(o3), [t0] "=&r"(t0),      \
                  [t1] "=&r"(t1), [t2] "=&r"(t2)                                                       \
                : SM2_BMI2_IN_A(a), SM2_BMI2_IN_B(b)                                                   \
                : "cc" SM2_BMI2_CLOBBER_MEM);                                                          \
        sm2_fe_store4(r, o0, o1, o2, o3);                                                              \
    }

/* r = 2a mod p */
SM2_BMI2_UNARY_FN(sm2_fe_dbl_bmi2, SM2_BMI2_DOUBLE_O)
/* r = 3a mod p: 2a mod p, then + a mod p, in one block (a is read from memory twice) */
SM2_BMI2_UNARY_FN(sm2_fe_tpl_bmi2, SM2_BMI2_DOUBLE_O SM2_BMI2_ADD_A_O)
/* r = a - b mod p */
SM2_BMI2_SUB_FN(sm2_fe_sub_bmi2, SM2_BMI2_SUB_MOD(SM2_B(0), SM2_B(1), SM2_B(2), SM2_B(3)))
/* r = a - 2b mod p: two modular subtractions of b in one block */
SM2_BMI2_SUB_FN(sm2_fe_sub2_bmi2, SM2_BMI2_SUB_MOD(SM2_B(0), SM2_B(1), SM2_B(2), SM2_B(3))
                                      SM2_BMI2_SUB_MOD(SM2_B(0), SM2_B(1), SM2_B(2), SM2_B(3)))

/* r = a / 2 mod p: add p masked by the low bit (BT + SBB make the mask), then shift the 257-bit
 * sum right by one through the carry (RCR). */
static inline __attribute__((always_inline)) void sm2_fe_half_bmi2(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    uint64_t o0, o1, o2, o3, t0, t1, t2;
    __asm__(SM2_BMI2_LOAD(SM2_A)
            "bt $0, %[o0]\n\t"
            "sbb %[t0], %[t0]\n\t"
            "mov %[t0], %[t1]\n\t"
            "shl $32, %[t1]\n\t"
            "mov %[t0], %[t2]\n\t"
            "btr $32, %[t2]\n\t"
            "add %[t0], %[o0]\n\t"
            "adc %[t1], %[o1]\n\t"
            "adc %[t0], %[o2]\n\t"
            "adc %[t2], %[o3]\n\t"
            "rcr $1, %[o3]\n\t"
            "rcr $1, %[o2]\n\t"
            "rcr $1, %[o1]\n\t"
            "rcr $1, %[o0]\n\t"
            : [o0] "=&r"(o0), [o1] "=&r"(o1), [o2] "=&r"(o2), [o3] "=&r"(o3), [t0] "=&r"(t0), [t1] "=&r"(t1),
              [t2] "=&r"(t2)
            : SM2_BMI2_IN_A(a)
            : "cc" SM2_BMI2_CLOBBER_MEM);
    sm2_fe_store4(r, o0, o1, o2, o3);
}

/* r = a - b / 2 mod p (the last step of the point doubling): b / 2 as in sm2_fe_half_bmi2, then
 * the modular subtraction, without storing b / 2. */
static inline __attribute__((always_inline)) void sm2_fe_sub_half_bmi2(gmtls_sm2_fe *r, const gmtls_sm2_fe *a,
                                                                       const gmtls_sm2_fe *b)
{
    uint64_t o0, o1, o2, o3, t0, t1, t2, t3;
    __asm__(SM2_BMI2_LOAD(SM2_B)
            "bt $0, %[o0]\n\t"
            "sbb %[t0], %[t0]\n\t"
            "mov %[t0], %[t1]\n\t"
            "shl $32, %[t1]\n\t"
            "mov %[t0], %[t2]\n\t"
            "btr $32, %[t2]\n\t"
            "add %[t0], %[o0]\n\t"
            "adc %[t1], %[o1]\n\t"
            "adc %[t0], %[o2]\n\t"
            "adc %[t2], %[o3]\n\t"
            "rcr $1, %[o3]\n\t"
            "rcr $1, %[o2]\n\t"
            "rcr $1, %[o1]\n\t"
            "rcr $1, %[o0]\n\t"
            "mov " SM2_A(0) ", %[t0]\n\t"
            "sub %[o0], %[t0]\n\t"
            "mov " SM2_A(1) ", %[t1]\n\t"
            "sbb %[o1], %[t1]\n\t"
            "mov " SM2_A(2) ", %[t2]\n\t"
            "sbb %[o2], %[t2]\n\t"
            "mov " SM2_A(3) ", %[t3]\n\t"
            "sbb %[o3], %[t3]\n\t"
            "sbb %[o0], %[o0]\n\t"
            "mov %[o0], %[o1]\n\t"
            "shl $32, %[o1]\n\t"
            "mov %[o0], %[o2]\n\t"
            "btr $32, %[o2]\n\t"
            "add %[o0], %[t0]\n\t"
            "adc %[o1], %[t1]\n\t"
            "adc %[o0], %[t2]\n\t"
            "adc %[o2], %[t3]\n\t"
            : [o0] "=&r"(o0), [o1] "=&r"(o1), [o2] "=&r"(o2), [o3] "=&r"(o3), [t0] "=&r"(t0), [t1] "=&r"(t1),
              [t2] "=&r"(t2), [t3] "=&r"(t3)
            : SM2_BMI2_IN_A(a), SM2_BMI2_IN_B(b)
            : "cc" SM2_BMI2_CLOBBER_MEM);
    sm2_fe_store4(r, t0, t1, t2, t3);
}

/* x = a - 2b and t = b - x mod p in one block (the doubling's X3 and B - X3): x stays in
 * registers for the second subtraction. x may alias a or b; t must alias neither x, a nor b. */
static inline __attribute__((always_inline)) void sm2_fe_sub2_rsub_bmi2(gmtls_sm2_fe *x, gmtls_sm2_fe *t,
                                                                        const gmtls_sm2_fe *a,
                                                                        const gmtls_sm2_fe *b)
{
    uint64_t o0, o1, o2, o3, q0, q1, q2, q3, t0, t1, t2;
    __asm__(SM2_BMI2_LOAD(SM2_A)
            SM2_BMI2_SUB_MOD(SM2_B(0), SM2_B(1), SM2_B(2), SM2_B(3))
            SM2_BMI2_SUB_MOD(SM2_B(0), SM2_B(1), SM2_B(2), SM2_B(3))
            "mov " SM2_B(0) ", %[q0]\n\t"
            "sub %[o0], %[q0]\n\t"
            "mov " SM2_B(1) ", %[q1]\n\t"
            "sbb %[o1], %[q1]\n\t"
            "mov " SM2_B(2) ", %[q2]\n\t"
            "sbb %[o2], %[q2]\n\t"
            "mov " SM2_B(3) ", %[q3]\n\t"
            "sbb %[o3], %[q3]\n\t"
            "sbb %[t0], %[t0]\n\t"
            "mov %[t0], %[t1]\n\t"
            "shl $32, %[t1]\n\t"
            "mov %[t0], %[t2]\n\t"
            "btr $32, %[t2]\n\t"
            "add %[t0], %[q0]\n\t"
            "adc %[t1], %[q1]\n\t"
            "adc %[t0], %[q2]\n\t"
            "adc %[t2], %[q3]\n\t"
            : [o0] "=&r"(o0), [o1] "=&r"(o1), [o2] "=&r"(o2), [o3] "=&r"(o3), [q0] "=&r"(q0), [q1] "=&r"(q1),
              [q2] "=&r"(q2), [q3] "=&r"(q3), [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2)
            : SM2_BMI2_IN_A(a), SM2_BMI2_IN_B(b)
            : "cc" SM2_BMI2_CLOBBER_MEM);
    sm2_fe_store4(x, o0, o1, o2, o3);
    sm2_fe_store4(t, q0, q1, q2, q3);
}

#endif
