/* A bounds-checked reader over untrusted bytes. Every read checks the remaining length first;
 * the first failure is sticky, so a parser may do several reads and check once. Nothing reads
 * past p + len, whatever the input says. */
#ifndef GMTLS_CORE_READER_H
#define GMTLS_CORE_READER_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const uint8_t *p;
    size_t len;
    size_t off;
    int err; /* 0, or the first error (GMTLS_ERR_DECODE, GMTLS_ERR_TRAILING_DATA) */
} gmtls_reader;

void gmtls_reader_init(gmtls_reader *r, const uint8_t *p, size_t len);
size_t gmtls_reader_left(const gmtls_reader *r);
/* Current position (valid until the reader is reused). */
const uint8_t *gmtls_reader_ptr(const gmtls_reader *r);

int gmtls_reader_u8(gmtls_reader *r, uint8_t *v);
int gmtls_reader_u16(gmtls_reader *r, uint16_t *v);
int gmtls_reader_u24(gmtls_reader *r, uint32_t *v);
int gmtls_reader_u32(gmtls_reader *r, uint32_t *v);
/* Look at the next byte without consuming it. */
int gmtls_reader_peek(const gmtls_reader *r, uint8_t *v);
/* Point *out at the next n bytes and consume them. */
int gmtls_reader_bytes(gmtls_reader *r, size_t n, const uint8_t **out);
int gmtls_reader_copy(gmtls_reader *r, void *dst, size_t n);
int gmtls_reader_skip(gmtls_reader *r, size_t n);
/* A sub-reader over the next n bytes (consumed from r). */
int gmtls_reader_sub(gmtls_reader *r, size_t n, gmtls_reader *sub);
/* A sub-reader over a vector with a 1-, 2- or 3-byte big-endian length prefix. */
int gmtls_reader_sub8(gmtls_reader *r, gmtls_reader *sub);
int gmtls_reader_sub16(gmtls_reader *r, gmtls_reader *sub);
int gmtls_reader_sub24(gmtls_reader *r, gmtls_reader *sub);
/* 0 if every byte was consumed and no read failed; GMTLS_ERR_TRAILING_DATA if bytes are left. */
int gmtls_reader_end(gmtls_reader *r);

#endif
