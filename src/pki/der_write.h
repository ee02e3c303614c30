/* DER encoding (ITU-T X.690 clause 10) on the core writer. Constructed elements are written with
 * begin/end: begin reserves room for the length, end writes the final minimal length and moves
 * the content down when it needs fewer length bytes than were reserved. A measuring writer (NULL
 * buffer) works with all of these and yields the exact final size. */
#ifndef GMTLS_PKI_DER_WRITE_H
#define GMTLS_PKI_DER_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "core/writer.h"

typedef struct {
    size_t start; /* offset of the tag byte */
} gmtls_derw_mark;

/* Constructed element. */
int gmtls_derw_begin(gmtls_writer *w, uint8_t tag, gmtls_derw_mark *m);
/* Fixes the length (moves content if needed). */
int gmtls_derw_end(gmtls_writer *w, const gmtls_derw_mark *m);
int gmtls_derw_tlv(gmtls_writer *w, uint8_t tag, const void *val, size_t len);
/* Unsigned big-endian magnitude -> minimal INTEGER (leading zeros dropped, 00 added when the top
 * bit is set; an empty or all-zero magnitude encodes 0). */
int gmtls_derw_integer(gmtls_writer *w, const uint8_t *mag, size_t len);
int gmtls_derw_uint(gmtls_writer *w, uint64_t v);
int gmtls_derw_boolean(gmtls_writer *w, int v);
int gmtls_derw_null(gmtls_writer *w);
/* From the OID table (pki/oid.h); GMTLS_ERR_INVALID_ARG for an unknown id. */
int gmtls_derw_oid(gmtls_writer *w, int oid_id);
/* unused must be 0..7 and 0 when len is 0 (GMTLS_ERR_INVALID_ARG); the unused bits of the last
 * byte are written as zero whatever the input holds. */
int gmtls_derw_bit_string(gmtls_writer *w, const uint8_t *bits, size_t len, unsigned unused);
int gmtls_derw_octet_string(gmtls_writer *w, const uint8_t *val, size_t len);
/* UTCTime before 2050, GeneralizedTime from 2050 (RFC 5280 4.1.2.5); years 0000..9999 only
 * (GMTLS_ERR_INVALID_ARG otherwise). */
int gmtls_derw_time(gmtls_writer *w, int64_t t);
/* An already-encoded element. */
int gmtls_derw_raw(gmtls_writer *w, const void *tlv, size_t len);

/* Number of bytes the length field of a `len`-byte content takes (1..9). */
size_t gmtls_derw_length_size(size_t len);

/* An encoder callback: writes one structure into w (which may be a measuring writer). */
typedef int (*gmtls_derw_fn)(gmtls_writer *w, const void *ctx);
/* Run fn once to measure and once into a malloc'd buffer of exactly that size (*out NULL and
 * *out_len 0 on failure; a partly written buffer is wiped before it is freed, as it may hold a
 * private key). GMTLS_ERR_INTERNAL if the two runs disagree on the size. */
int gmtls_derw_alloc(gmtls_derw_fn fn, const void *ctx, uint8_t **out, size_t *out_len);

#endif
