/* gmtls_wipe: zeroing that survives dead-store elimination. */
#include <stdint.h>
#include <string.h>

#include "core/scrub.h"
#include "gmtls/util.h"

void gmtls_wipe(void *p, size_t len)
{
    if (p == NULL || len == 0)
        return;
    memset(p, 0, len);
    /* The asm claims to read the memory, so the memset above is not a dead store. */
    __asm__ __volatile__("" : : "r"(p) : "memory");
}

/* noinline: the array must be a frame of its own, below the caller, where the callees' frames were. */
__attribute__((noinline)) void gmtls_stack_scrub(void)
{
    volatile uint8_t area[GMTLS_STACK_SCRUB_BYTES];
    gmtls_wipe((void *)(uintptr_t)area, sizeof area);
}
