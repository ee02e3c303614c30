/* gmtls_wipe: zeroing that survives dead-store elimination. */
#include <string.h>

#include "gmtls/util.h"

void gmtls_wipe(void *p, size_t len)
{
    if (p == NULL || len == 0)
        return;
    memset(p, 0, len);
    /* The asm claims to read the memory, so the memset above is not a dead store. */
    __asm__ __volatile__("" : : "r"(p) : "memory");
}
