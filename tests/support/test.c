/* Test harness implementation (see test.h). */
#include "test.h"

#include <stdarg.h>
#include <stdlib.h>

#include "core/hex.h"

unsigned long test_passed, test_failed;

void test_fail_at(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    test_failed++;
    fprintf(stderr, "FAIL %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int test_report(void)
{
    printf("%lu passed, %lu failed\n", test_passed, test_failed);
    if (test_passed == 0 && test_failed == 0) {
        fprintf(stderr, "no checks ran\n");
        return 1;
    }
    return test_failed ? 1 : 0;
}

void test_dump(const char *label, const void *p, size_t len)
{
    const uint8_t *b = p;
    fprintf(stderr, "%s: ", label);
    for (size_t i = 0; i < len; i++)
        fprintf(stderr, "%02x", b[i]);
    fputc('\n', stderr);
}

size_t test_unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    if (gmtls_hex_decode(hex, strlen(hex), out, cap, &n) != 0) {
        fprintf(stderr, "test_unhex: bad hex constant %s\n", hex);
        exit(2);
    }
    return n;
}

static const char *join(const char *base, const char *fallback_rel, const char *rel)
{
    static char buf[4096];
    const char *b = getenv(base);
    if (b && *b)
        snprintf(buf, sizeof buf, "%s/%s", b, rel);
    else
        snprintf(buf, sizeof buf, "%s/%s", fallback_rel, rel);
    return buf;
}

const char *test_shared_path(const char *rel)
{
    return join("GMTLS_SHARED", "../shared", rel);
}

const char *test_source_path(const char *rel)
{
    return join("GMTLS_SOURCE_DIR", ".", rel);
}

uint8_t *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        test_fail_at(__FILE__, __LINE__, "cannot open %s", path);
        return NULL;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (r == 0)
            break;
        n += r;
    }
    fclose(f);
    *len = n;
    return buf;
}

static uint64_t rng_state = 0x1234567887654321ull;

void test_rand_seed(uint64_t seed)
{
    rng_state = seed ? seed : 1;
}

static uint64_t next64(void)
{
    /* xorshift64*: fast, reproducible test inputs */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

void test_rand_bytes(void *p, size_t n)
{
    uint8_t *b = p;
    while (n) {
        uint64_t v = next64();
        size_t k = n < 8 ? n : 8;
        memcpy(b, &v, k);
        b += k;
        n -= k;
    }
}

uint32_t test_rand_u32(void)
{
    return (uint32_t)(next64() >> 32);
}
