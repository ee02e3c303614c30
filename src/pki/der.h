/* DER decoding (ITU-T X.690 clause 10: distinguished encoding rules) on the bounds-checked core
 * reader. Only what X.509 / PKCS#8 / SEC1 need: single-byte tags, definite minimal lengths, and
 * strict checks of the universal types used there. Every function returns 0 or a negative
 * GMTLS_ERR_*; after a failure the decoder must not be used again. */
#ifndef GMTLS_PKI_DER_H
#define GMTLS_PKI_DER_H

#include <stddef.h>
#include <stdint.h>

#include "core/reader.h"

enum {
    GMTLS_DER_BOOLEAN = 0x01,
    GMTLS_DER_INTEGER = 0x02,
    GMTLS_DER_BIT_STRING = 0x03,
    GMTLS_DER_OCTET_STRING = 0x04,
    GMTLS_DER_NULL = 0x05,
    GMTLS_DER_OID = 0x06,
    GMTLS_DER_UTF8_STRING = 0x0c,
    GMTLS_DER_PRINTABLE_STRING = 0x13,
    GMTLS_DER_T61_STRING = 0x14,
    GMTLS_DER_IA5_STRING = 0x16,
    GMTLS_DER_UTC_TIME = 0x17,
    GMTLS_DER_GENERALIZED_TIME = 0x18,
    GMTLS_DER_BMP_STRING = 0x1e,
    GMTLS_DER_SEQUENCE = 0x30,
    GMTLS_DER_SET = 0x31
};
#define GMTLS_DER_CONTEXT(n) (0xa0 | (n))      /* constructed [n] */
#define GMTLS_DER_CONTEXT_PRIM(n) (0x80 | (n)) /* primitive [n] */
#define GMTLS_DER_MAX_DEPTH 16

typedef struct {
    gmtls_reader r;
    int depth;
} gmtls_der;

void gmtls_der_init(gmtls_der *d, const uint8_t *p, size_t len);
/* 1 if nothing is left. */
int gmtls_der_at_end(const gmtls_der *d);
/* The next tag without consuming it; GMTLS_ERR_DER_TRUNCATED at the end. */
int gmtls_der_peek_tag(const gmtls_der *d, uint8_t *tag);
/* Any element: tag, content, and the whole TLV (for "the TBS bytes exactly as received"). Only
 * single-byte tags (high-tag-number form: GMTLS_ERR_DER_TAG); definite minimal lengths of at most
 * 4 octets and at most 2^31 - 1 (GMTLS_ERR_DER_LENGTH: indefinite, non-minimal, leading zero
 * octet, 0xff, too large). A length running past the end of the input is
 * GMTLS_ERR_DER_TRUNCATED. Any output pointer may be NULL. */
int gmtls_der_any(gmtls_der *d, uint8_t *tag, const uint8_t **val, size_t *len, const uint8_t **tlv,
                  size_t *tlv_len);
/* Element with this exact tag (GMTLS_ERR_DER_TAG otherwise), content returned. */
int gmtls_der_expect(gmtls_der *d, uint8_t tag, const uint8_t **val, size_t *len);
/* Constructed element with this tag: inner decoder over its content (depth + 1,
 * GMTLS_ERR_DER_DEPTH past GMTLS_DER_MAX_DEPTH). */
int gmtls_der_enter(gmtls_der *d, uint8_t tag, gmtls_der *inner);
/* If the next tag is `tag`, enter it and set *present = 1; else *present = 0 and nothing is
 * consumed (also at the end of the input). */
int gmtls_der_enter_optional(gmtls_der *d, uint8_t tag, gmtls_der *inner, int *present);
int gmtls_der_expect_optional(gmtls_der *d, uint8_t tag, const uint8_t **val, size_t *len, int *present);
/* INTEGER: minimal encoding enforced (GMTLS_ERR_DER_VALUE); *neg set if negative (neg may be
 * NULL: then negative values are GMTLS_ERR_DER_VALUE); magnitude without the sign byte (for
 * negative numbers the two's-complement content bytes are returned as they are). */
int gmtls_der_integer(gmtls_der *d, const uint8_t **mag, size_t *len, int *neg);
/* Non-negative INTEGER that fits 63 bits (GMTLS_ERR_DER_VALUE otherwise). */
int gmtls_der_small_uint(gmtls_der *d, uint64_t *v);
/* DER: 0x00 or 0xff only. */
int gmtls_der_boolean(gmtls_der *d, int *v);
int gmtls_der_null(gmtls_der *d);
/* Content bytes, validated (GMTLS_ERR_OID: empty, non-minimal arc, unterminated arc). */
int gmtls_der_oid(gmtls_der *d, const uint8_t **oid, size_t *len);
/* Unused bits 0..7 (0 when empty) and the unused bits themselves zero (GMTLS_ERR_DER_VALUE). */
int gmtls_der_bit_string(gmtls_der *d, const uint8_t **bits, size_t *len, unsigned *unused);
int gmtls_der_octet_string(gmtls_der *d, const uint8_t **val, size_t *len);
/* UTCTime (YYMMDDHHMMSSZ, 1950-2049) or GeneralizedTime (YYYYMMDDHHMMSSZ): seconds since the Unix
 * epoch. GMTLS_ERR_TIME_FORMAT for anything else (missing seconds or Z, fractions, offsets,
 * impossible calendar values). */
int gmtls_der_time(gmtls_der *d, int64_t *t);
/* GMTLS_ERR_DER_TRAILING if bytes are left. */
int gmtls_der_end(const gmtls_der *d);

/* Structural check of a sequence of elements and everything nested in constructed ones (tag bit
 * 0x20): tags, lengths, depth and that every element is consumed exactly. Empty input:
 * GMTLS_ERR_DER_TRUNCATED. */
int gmtls_der_validate(const uint8_t *p, size_t len);

/* Helpers shared by the time encoder and decoder: days since 1970-01-01 for a proleptic Gregorian
 * date, and back. */
int64_t gmtls_der_days_from_civil(int64_t y, unsigned m, unsigned d);
void gmtls_der_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

#endif
