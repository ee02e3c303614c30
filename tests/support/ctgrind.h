/* Constant-time checking under valgrind (the `_ct` tests): secrets are marked undefined, so
 * memcheck reports any branch or memory address that depends on them. Outputs are marked
 * defined again before the test compares them. Without valgrind these are no-ops. */
#ifndef GMTLS_TEST_CTGRIND_H
#define GMTLS_TEST_CTGRIND_H

#ifdef GMTLS_CT_VALGRIND
#include <valgrind/memcheck.h>
#define CT_SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define CT_PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))
#else
#define CT_SECRET(p, n) ((void)(p), (void)(n))
#define CT_PUBLIC(p, n) ((void)(p), (void)(n))
#endif

#endif
