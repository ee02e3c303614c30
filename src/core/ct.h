/* Constant-time helpers. Every decision that depends on a secret goes through these:
 * no branch and no memory address depends on the values passed in. Masks are all-ones
 * (true) or all-zeros (false). */
#ifndef GMTLS_CORE_CT_H
#define GMTLS_CORE_CT_H

#include <stddef.h>
#include <stdint.h>

/* An optimisation barrier: the compiler cannot see through it, so it cannot turn
 * mask arithmetic back into branches. */
static inline uint32_t gmtls_ct_barrier32(uint32_t x)
{
    __asm__("" : "+r"(x));
    return x;
}
static inline uint64_t gmtls_ct_barrier64(uint64_t x)
{
    __asm__("" : "+r"(x));
    return x;
}

/* 1 -> all ones, 0 -> 0 (b must be 0 or 1). */
static inline uint32_t gmtls_ct_mask32(uint32_t b) { return (uint32_t)0 - gmtls_ct_barrier32(b); }
static inline uint64_t gmtls_ct_mask64(uint64_t b) { return (uint64_t)0 - gmtls_ct_barrier64(b); }

/* Mask of x != 0 / x == 0. */
static inline uint32_t gmtls_ct_nonzero32(uint32_t x) { return gmtls_ct_mask32((x | (0u - x)) >> 31); }
static inline uint32_t gmtls_ct_iszero32(uint32_t x) { return ~gmtls_ct_nonzero32(x); }
static inline uint64_t gmtls_ct_nonzero64(uint64_t x) { return gmtls_ct_mask64((x | (0u - x)) >> 63); }
static inline uint64_t gmtls_ct_iszero64(uint64_t x) { return ~gmtls_ct_nonzero64(x); }

/* Mask of a == b. */
static inline uint32_t gmtls_ct_eq32(uint32_t a, uint32_t b) { return gmtls_ct_iszero32(a ^ b); }
static inline uint64_t gmtls_ct_eq64(uint64_t a, uint64_t b) { return gmtls_ct_iszero64(a ^ b); }

/* Mask of a < b (unsigned). */
static inline uint32_t gmtls_ct_lt32(uint32_t a, uint32_t b)
{
    /* borrow out of a - b, computed without a branch */
    return gmtls_ct_mask32((a ^ ((a ^ b) | ((a - b) ^ a))) >> 31);
}
static inline uint64_t gmtls_ct_lt64(uint64_t a, uint64_t b)
{
    return gmtls_ct_mask64((a ^ ((a ^ b) | ((a - b) ^ a))) >> 63);
}
static inline uint32_t gmtls_ct_ge32(uint32_t a, uint32_t b) { return ~gmtls_ct_lt32(a, b); }
static inline uint64_t gmtls_ct_ge64(uint64_t a, uint64_t b) { return ~gmtls_ct_lt64(a, b); }

/* mask ? a : b */
static inline uint32_t gmtls_ct_select32(uint32_t mask, uint32_t a, uint32_t b) { return b ^ (mask & (a ^ b)); }
static inline uint64_t gmtls_ct_select64(uint64_t mask, uint64_t a, uint64_t b) { return b ^ (mask & (a ^ b)); }
static inline uint8_t gmtls_ct_select8(uint32_t mask, uint8_t a, uint8_t b)
{
    return (uint8_t)(b ^ ((uint8_t)mask & (a ^ b)));
}

/* Declassify: tell valgrind's memcheck (the `_ct` tests mark secrets undefined) that n bytes at p
 * may be revealed. Only for values whose disclosure leaks nothing by construction, such as a secret
 * multiplied by a fresh secret random factor before a variable-time inversion: without this, the
 * checker would flag the branches that the variable-time code takes on such values. Outside
 * valgrind the client request is a few no-op instructions; without the header, nothing. */
#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define GMTLS_CT_HAVE_MEMCHECK 1
#endif
#endif
static inline void gmtls_ct_declassify(const void *p, size_t n)
{
#ifdef GMTLS_CT_HAVE_MEMCHECK
    (void)VALGRIND_MAKE_MEM_DEFINED(p, n);
#else
    (void)p;
    (void)n;
#endif
}

/* if (mask) copy src into dst; len bytes, touched in full either way. */
void gmtls_ct_cmov(void *dst, const void *src, size_t len, uint32_t mask);
/* if (mask) swap a and b. */
void gmtls_ct_cswap(void *a, void *b, size_t len, uint32_t mask);
/* Mask of a[0..len) == b[0..len). */
uint32_t gmtls_ct_memeq(const void *a, const void *b, size_t len);
/* Copy entry `index` of a table of n entries of size len into out, reading every entry. */
void gmtls_ct_lookup(void *out, const void *table, size_t n, size_t len, size_t index);

#endif
