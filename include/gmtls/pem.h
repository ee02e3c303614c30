/* gmtls: PEM text encoding (RFC 7468) of DER structures. */
#ifndef GMTLS_PEM_H
#define GMTLS_PEM_H

#include "api.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One decoded block: the label between "-----BEGIN " and "-----" and the decoded bytes. */
typedef struct {
    char label[64];
    uint8_t *der;
    size_t der_len;
} gmtls_pem_block;

/* Next PEM block at or after *pos in text (tolerates text before, after and between blocks, and
 * CRLF line ends); blk->der is malloc'd (free with gmtls_pem_block_free); *pos moves past the
 * block's END line. GMTLS_ERR_NOT_FOUND when no BEGIN line is left; GMTLS_ERR_PEM for a block
 * without a matching END line or with a label longer than 63 characters; GMTLS_ERR_BASE64 for bad
 * base64 in the body; GMTLS_ERR_NO_MEMORY. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_pem_next(const char *text, size_t len, size_t *pos, gmtls_pem_block *blk);
/* Wipes and frees blk->der (safe on a zeroed or already freed block). */
GMTLS_API void gmtls_pem_block_free(gmtls_pem_block *blk);
/* "-----BEGIN label-----\n" + base64 in 64-column lines + "-----END label-----\n" into a malloc'd
 * NUL-terminated buffer (*out_len excludes the NUL). GMTLS_ERR_INVALID_ARG for a bad label. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_pem_encode(const char *label, const uint8_t *der, size_t len, char **out,
                                                size_t *out_len);

/* Helpers (additions): the first block with this label (others are skipped), decoded into a
 * malloc'd buffer. GMTLS_ERR_NOT_FOUND when there is none. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_pem_find(const char *text, size_t len, const char *label, uint8_t **der,
                                              size_t *der_len);

#ifdef __cplusplus
}
#endif

#endif
