/* SM4 internals shared by the SM4 implementations, the modes and SM4-GCM. */
#ifndef GMTLS_CRYPTO_SM4_INTERNAL_H
#define GMTLS_CRYPTO_SM4_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "gmtls/sm4.h"

/* GCM counter mode (NIST SP 800-38D inc32): only the last 32 bits of ctr increment (mod 2^32);
 * ctr is updated; any len; a partial last block consumes a whole counter. in == out allowed. */
void gmtls_sm4_ctr32(const gmtls_sm4_key *k, uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t len);

/* Re-run the implementation choice (after gmtls_cpu_set_mask, in tests). */
void gmtls_sm4_impl_reset(void);

#endif
