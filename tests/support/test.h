/* A small test harness: checks count and report, never abort, so one run lists every failure.
 * Each test program ends with `return test_report();`, which prints "N passed, N failed". */
#ifndef GMTLS_TEST_H
#define GMTLS_TEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gmtls/error.h"

extern unsigned long test_passed, test_failed;

void test_fail_at(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int test_report(void);
/* Print a labelled hex dump to stderr (for failure messages). */
void test_dump(const char *label, const void *p, size_t len);

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (cond)                                                                    \
            test_passed++;                                                           \
        else                                                                         \
            test_fail_at(__FILE__, __LINE__, "CHECK(%s)", #cond);                    \
    } while (0)

#define CHECK_MSG(cond, ...)                                                         \
    do {                                                                             \
        if (cond)                                                                    \
            test_passed++;                                                           \
        else                                                                         \
            test_fail_at(__FILE__, __LINE__, __VA_ARGS__);                           \
    } while (0)

#define CHECK_EQ(a, b)                                                               \
    do {                                                                             \
        long long a_ = (long long)(a), b_ = (long long)(b);                          \
        if (a_ == b_)                                                                \
            test_passed++;                                                           \
        else                                                                         \
            test_fail_at(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, a_, b_); \
    } while (0)

/* Expect a gmtls call to return exactly `code` (0 for success). */
#define CHECK_ERR(expr, code)                                                        \
    do {                                                                             \
        int got_ = (expr), want_ = (code);                                           \
        if (got_ == want_)                                                           \
            test_passed++;                                                           \
        else                                                                         \
            test_fail_at(__FILE__, __LINE__, "%s: got %s (%d), want %s (%d)", #expr,  \
                         gmtls_errname(got_), got_, gmtls_errname(want_), want_);     \
    } while (0)
#define CHECK_OK(expr) CHECK_ERR(expr, 0)

#define CHECK_MEM(a, b, n)                                                           \
    do {                                                                             \
        const void *a_ = (a), *b_ = (b);                                             \
        size_t n_ = (n);                                                             \
        if (n_ == 0 || memcmp(a_, b_, n_) == 0) {                                    \
            test_passed++;                                                           \
        } else {                                                                     \
            test_fail_at(__FILE__, __LINE__, "%s == %s (%zu bytes)", #a, #b, n_);     \
            test_dump("  got ", a_, n_);                                             \
            test_dump("  want", b_, n_);                                             \
        }                                                                            \
    } while (0)

/* Decode a hex string literal (for small inline constants); aborts the test on bad hex. */
size_t test_unhex(const char *hex, uint8_t *out, size_t cap);

/* Path of a file under the shared fixtures directory (../shared beside the checkout, or
 * $GMTLS_SHARED). Returns a static buffer. */
const char *test_shared_path(const char *rel);
/* Path of a file in the source tree ($GMTLS_SOURCE_DIR). Returns a static buffer. */
const char *test_source_path(const char *rel);

/* Read a whole file; NULL on failure (reported as a test failure). Free with free(). */
uint8_t *test_read_file(const char *path, size_t *len);

/* Deterministic pseudo-random bytes for test inputs (not for keys in production). */
void test_rand_seed(uint64_t seed);
void test_rand_bytes(void *p, size_t n);
uint32_t test_rand_u32(void);

#endif
