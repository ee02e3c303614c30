/* Reader for the known-answer files in ../shared/vectors (format: shared/vectors/README.md):
 * `key = value` lines, cases separated by blank lines, `#` comments. */
#ifndef GMTLS_TEST_VECTORS_H
#define GMTLS_TEST_VECTORS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *key;
    char *value;
} tv_field;

typedef struct {
    tv_field *fields;
    size_t n;
    int line;        /* line of the first field */
    char *comment;   /* the comment lines just before the case, joined */
} tv_case;

typedef struct {
    tv_case *cases;
    size_t n;
} tv_file;

/* Load shared/vectors/<name>. Returns 0, or -1 after reporting a test failure. */
int tv_load(tv_file *f, const char *name);
void tv_free(tv_file *f);
/* The value of key, or NULL if the case has no such key. */
const char *tv_get(const tv_case *c, const char *key);
/* The first case at index *pos or later whose key has exactly this value (cases without the key
 * are passed over), with *pos moved past it; NULL when there is none. For filtering a file by
 * `op`: for (size_t pos = 0; (c = tv_next_where(&f, &pos, "op", "decrypt")) != NULL;) */
const tv_case *tv_next_where(const tv_file *f, size_t *pos, const char *key, const char *value);
/* Hex value of key decoded into a malloc'd buffer (never NULL; a 1-byte allocation for an empty
 * value). Missing key or bad hex is a test failure and returns a 1-byte buffer with *len = 0. */
uint8_t *tv_hex(const tv_case *c, const char *key, size_t *len);
/* Decimal value of key, or -1 if missing. */
long tv_long(const tv_case *c, const char *key);
/* Decode key into exactly n bytes; returns 0, or -1 (test failure) on a length mismatch. */
int tv_hex_fixed(const tv_case *c, const char *key, uint8_t *out, size_t n);

#endif
