/* The checked-in fixed-base table (src/crypto/sm2_table.c, made by tools/gen/sm2_gen_table.c with
 * OpenSSL's curve arithmetic) against a recomputation with gmtls' own point arithmetic:
 * entry [i][j] must be (j + 1) * 2^(7i) * G. */
#include "crypto/sm2_point_impl.h"
#include "test.h"

int main(void)
{
    gmtls_sm2_point base, p;
    int bad = 0;
    gmtls_sm2_point_generator(&base);
    for (int i = 0; i < GMTLS_SM2_BASE_WINDOWS; i++) {
        p = base;
        for (int j = 0; j < GMTLS_SM2_BASE_ENTRIES; j++) {
            uint8_t x[32], y[32], tx[32], ty[32];
            CHECK_OK(gmtls_sm2_point_to_affine(x, y, &p));
            gmtls_sm2_fe_to_bytes(tx, &gmtls_sm2_base_table[i][j].x);
            gmtls_sm2_fe_to_bytes(ty, &gmtls_sm2_base_table[i][j].y);
            if (memcmp(x, tx, 32) != 0 || memcmp(y, ty, 32) != 0) {
                if (bad++ < 5)
                    test_fail_at(__FILE__, __LINE__, "table entry [%d][%d] differs", i, j);
            } else {
                test_passed++;
            }
            /* the table holds fully reduced field elements (< p in Montgomery form) */
            {
                gmtls_sm2_fe chk;
                uint8_t back[32];
                CHECK(gmtls_sm2_fe_from_bytes(&chk, tx) == ~0ULL);
                gmtls_sm2_fe_to_bytes(back, &chk);
                CHECK(memcmp(chk.v, gmtls_sm2_base_table[i][j].x.v, 32) == 0);
            }
            gmtls_sm2_point_add(&p, &p, &base);
        }
        for (int d = 0; d < GMTLS_SM2_BASE_WBITS; d++)
            gmtls_sm2_point_double(&base, &base);
    }
    CHECK_EQ(bad, 0);
    return test_report();
}
