/* gmtls: symbol visibility and common attributes. */
#ifndef GMTLS_API_H
#define GMTLS_API_H

#include <stddef.h>
#include <stdint.h>

/* Every exported symbol carries GMTLS_API; everything else is hidden (-fvisibility=hidden). */
#if defined(__GNUC__) || defined(__clang__)
#define GMTLS_API __attribute__((visibility("default")))
#define GMTLS_MUST_CHECK __attribute__((warn_unused_result))
#else
#define GMTLS_API
#define GMTLS_MUST_CHECK
#endif

#endif
