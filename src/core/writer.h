/* A bounds-checked writer into a caller buffer. Length prefixes are reserved first and
 * filled in when the vector is complete. The first failure is sticky. A writer over a NULL
 * buffer only measures: it counts what would be written. */
#ifndef GMTLS_CORE_WRITER_H
#define GMTLS_CORE_WRITER_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t *buf; /* NULL: measure only */
    size_t cap;
    size_t len;
    int err; /* 0, GMTLS_ERR_BUFFER_TOO_SMALL or GMTLS_ERR_BAD_LENGTH */
} gmtls_writer;

/* A place where a length prefix was reserved. */
typedef struct {
    size_t at;
    size_t width; /* 1, 2 or 3 bytes */
} gmtls_writer_mark;

void gmtls_writer_init(gmtls_writer *w, uint8_t *buf, size_t cap);
int gmtls_writer_u8(gmtls_writer *w, uint8_t v);
int gmtls_writer_u16(gmtls_writer *w, uint16_t v);
int gmtls_writer_u24(gmtls_writer *w, uint32_t v);
int gmtls_writer_u32(gmtls_writer *w, uint32_t v);
int gmtls_writer_bytes(gmtls_writer *w, const void *p, size_t n);
/* Reserve n bytes and return a pointer to them (NULL when measuring or on error). */
uint8_t *gmtls_writer_alloc(gmtls_writer *w, size_t n);
/* Reserve a 1-, 2- or 3-byte length prefix. */
int gmtls_writer_begin(gmtls_writer *w, size_t width, gmtls_writer_mark *m);
/* Fill the prefix with the number of bytes written since gmtls_writer_begin;
 * GMTLS_ERR_BAD_LENGTH if that does not fit the prefix. */
int gmtls_writer_end(gmtls_writer *w, const gmtls_writer_mark *m);
/* The final status: 0 and *len = bytes written, or the first error. */
int gmtls_writer_finish(const gmtls_writer *w, size_t *len);

#endif
