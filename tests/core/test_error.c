/* Error codes: every code has a distinct name and description, classes decode. */
#include "gmtls/error.h"
#include "test.h"

int main(void)
{
    static const int codes[] = {GMTLS_ERR_INVALID_ARG, GMTLS_ERR_DECODE, GMTLS_ERR_AUTH_FAILED,
                                GMTLS_ERR_CERT_EXPIRED, GMTLS_ERR_DER_LENGTH, GMTLS_ERR_INTERNAL,
                                GMTLS_ERR_WANT_READ, GMTLS_ERR_CLOSED, GMTLS_ERR_IO, GMTLS_ERR_ALERT_RECEIVED};
    static const int classes[] = {GMTLS_ERRCLASS_USAGE, GMTLS_ERRCLASS_PROTOCOL, GMTLS_ERRCLASS_CRYPTO,
                                  GMTLS_ERRCLASS_CERT, GMTLS_ERRCLASS_FORMAT, GMTLS_ERRCLASS_INTERNAL,
                                  GMTLS_ERRCLASS_BLOCKED, GMTLS_ERRCLASS_CLOSED, GMTLS_ERRCLASS_IO,
                                  GMTLS_ERRCLASS_ALERT};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        CHECK_EQ(GMTLS_ERR_CLASS(codes[i]), classes[i]);
        CHECK(strcmp(gmtls_strerror(codes[i]), "unknown error") != 0);
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(gmtls_errname(codes[i]), gmtls_errname(codes[j])) != 0);
    }
    CHECK(strcmp(gmtls_errname(GMTLS_ERR_DECODE), "GMTLS_ERR_DECODE") == 0);
    CHECK(strcmp(gmtls_strerror(-99999), "unknown error") == 0);
    CHECK(strcmp(gmtls_strerror(0), "success") == 0);
    CHECK_EQ(GMTLS_ERR_CLASS(0), 0);
    return test_report();
}
