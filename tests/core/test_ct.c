/* Constant-time helpers: results on edge values (the timing side is checked by the _ct tests). */
#include "core/ct.h"
#include "gmtls/util.h"
#include "test.h"

int main(void)
{
    static const uint32_t v32[] = {0, 1, 2, 0x7fffffffu, 0x80000000u, 0x80000001u, 0xfffffffeu, 0xffffffffu};
    static const uint64_t v64[] = {0, 1, 0x7fffffffffffffffull, 0x8000000000000000ull, 0xfffffffffffffffeull,
                                   0xffffffffffffffffull};
    for (size_t i = 0; i < 8; i++)
        for (size_t j = 0; j < 8; j++) {
            uint32_t a = v32[i], b = v32[j];
            CHECK_EQ(gmtls_ct_eq32(a, b), a == b ? 0xffffffffu : 0);
            CHECK_EQ(gmtls_ct_lt32(a, b), a < b ? 0xffffffffu : 0);
            CHECK_EQ(gmtls_ct_ge32(a, b), a >= b ? 0xffffffffu : 0);
            CHECK_EQ(gmtls_ct_select32(gmtls_ct_lt32(a, b), a, b), a < b ? a : b);
        }
    for (size_t i = 0; i < 6; i++)
        for (size_t j = 0; j < 6; j++) {
            uint64_t a = v64[i], b = v64[j];
            CHECK(gmtls_ct_eq64(a, b) == (a == b ? ~0ull : 0));
            CHECK(gmtls_ct_lt64(a, b) == (a < b ? ~0ull : 0));
            CHECK(gmtls_ct_select64(gmtls_ct_eq64(a, b), 5, 7) == (a == b ? 5u : 7u));
        }
    for (size_t i = 0; i < 8; i++) {
        CHECK_EQ(gmtls_ct_iszero32(v32[i]), v32[i] == 0 ? 0xffffffffu : 0);
        CHECK_EQ(gmtls_ct_nonzero32(v32[i]), v32[i] != 0 ? 0xffffffffu : 0);
    }

    uint8_t a[33], b[33], c[33];
    test_rand_bytes(a, sizeof a);
    memcpy(b, a, sizeof a);
    CHECK(gmtls_ct_memeq(a, b, sizeof a) == 0xffffffffu);
    CHECK_EQ(gmtls_ct_memneq(a, b, sizeof a), 0);
    for (size_t i = 0; i < sizeof a; i++) {
        b[i] ^= 0x80;
        CHECK(gmtls_ct_memeq(a, b, sizeof a) == 0);
        CHECK_EQ(gmtls_ct_memneq(a, b, sizeof a), 1);
        b[i] ^= 0x80;
    }
    CHECK(gmtls_ct_memeq(a, b, 0) == 0xffffffffu);

    memcpy(c, a, sizeof a);
    test_rand_bytes(b, sizeof b);
    gmtls_ct_cmov(c, b, sizeof c, 0);
    CHECK_MEM(c, a, sizeof a);
    gmtls_ct_cmov(c, b, sizeof c, 0xffffffffu);
    CHECK_MEM(c, b, sizeof b);
    memcpy(c, a, sizeof a);
    uint8_t d[33];
    memcpy(d, b, sizeof b);
    gmtls_ct_cswap(c, d, sizeof c, 0);
    CHECK_MEM(c, a, sizeof a);
    gmtls_ct_cswap(c, d, sizeof c, 0xffffffffu);
    CHECK_MEM(c, b, sizeof b);
    CHECK_MEM(d, a, sizeof a);

    uint8_t table[7][5], out[5];
    test_rand_bytes(table, sizeof table);
    for (size_t i = 0; i < 7; i++) {
        gmtls_ct_lookup(out, table, 7, 5, i);
        CHECK_MEM(out, table[i], 5);
    }
    gmtls_ct_lookup(out, table, 7, 5, 7); /* out of range: all zeros */
    static const uint8_t zero[5];
    CHECK_MEM(out, zero, 5);

    gmtls_wipe(a, sizeof a);
    static const uint8_t z33[33];
    CHECK_MEM(a, z33, 33);
    gmtls_wipe(NULL, 10); /* must not crash */
    return test_report();
}
