/* Big-endian loads and stores (every integer on the TLCP wire, in SM3 and SM4 is big-endian). */
#ifndef GMTLS_CORE_BYTES_H
#define GMTLS_CORE_BYTES_H

#include <stdint.h>

static inline uint16_t gmtls_load_be16(const uint8_t *p) { return (uint16_t)((p[0] << 8) | p[1]); }
static inline uint32_t gmtls_load_be24(const uint8_t *p)
{
    return ((uint32_t)p[0] << 16) | ((uint32_t)p[1] << 8) | p[2];
}
static inline uint32_t gmtls_load_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static inline uint64_t gmtls_load_be64(const uint8_t *p)
{
    return ((uint64_t)gmtls_load_be32(p) << 32) | gmtls_load_be32(p + 4);
}
static inline void gmtls_store_be16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}
static inline void gmtls_store_be24(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 16);
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)v;
}
static inline void gmtls_store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}
static inline void gmtls_store_be64(uint8_t *p, uint64_t v)
{
    gmtls_store_be32(p, (uint32_t)(v >> 32));
    gmtls_store_be32(p + 4, (uint32_t)v);
}
static inline uint32_t gmtls_rotl32(uint32_t x, unsigned n)
{
    n &= 31;
    return (x << n) | (x >> ((32 - n) & 31));
}

#endif
