/* Clearing the stack below the caller after key-dependent work (see wipe.c). */
#ifndef GMTLS_CORE_SCRUB_H
#define GMTLS_CORE_SCRUB_H

/* Zero GMTLS_STACK_SCRUB_BYTES of stack just below the caller's frame: where the frames of the
 * functions it called (SM3 compression's message schedule, for instance) held key-derived words.
 * Called once after key-dependent hashing (HMAC key setup, KDF, PRF), not per block, so bulk
 * hashing pays nothing. */
void gmtls_stack_scrub(void);

#define GMTLS_STACK_SCRUB_BYTES 4096

#endif
