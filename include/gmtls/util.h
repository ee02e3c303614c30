/* gmtls: memory helpers that callers of the library need too. */
#ifndef GMTLS_UTIL_H
#define GMTLS_UTIL_H

#include "api.h"

/* Overwrite len bytes with zeros in a way the compiler cannot remove. */
GMTLS_API void gmtls_wipe(void *p, size_t len);
/* Constant-time comparison: 0 when equal, 1 otherwise; time depends only on len. */
GMTLS_API int gmtls_ct_memneq(const void *a, const void *b, size_t len);

#endif
