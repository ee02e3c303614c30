/* Fuzz the private and public key readers (DER and PEM, with and without a password). A key that
 * parses must be consistent (public key = d*G, checked by re-encoding and parsing again). The
 * fuzzing build caps PBKDF2 iteration counts (GMTLS_FUZZING_BUILD), so encrypted inputs stay fast. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/pkey.h"
#include "gmtls/sm2.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void roundtrip(const gmtls_sm2_key *key)
{
    uint8_t *der;
    size_t dl;
    gmtls_sm2_key back;
    if (gmtls_key_to_der(key, GMTLS_KEYFMT_SEC1, NULL, &der, &dl) != 0)
        abort();
    if (gmtls_key_parse(&back, der, dl, NULL) != 0 || !gmtls_sm2_pubkey_equal(&back.pub, &key->pub))
        abort();
    gmtls_free_secret(der, dl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gmtls_sm2_key key;
    gmtls_keyfmt fmt;
    char what[128];
    if (gmtls_key_parse_ex(&key, data, size, NULL, &fmt, what, sizeof(what)) == 0)
        roundtrip(&key);
    if (gmtls_key_parse_ex(&key, data, size, "password", &fmt, what, sizeof(what)) == 0)
        roundtrip(&key);
    (void)gmtls_key_is_encrypted(data, size);
    gmtls_sm2_pubkey pub;
    if (gmtls_pubkey_parse(&pub, data, size) == 0) {
        uint8_t *der;
        size_t dl;
        gmtls_sm2_pubkey back;
        if (gmtls_pubkey_to_der(&pub, &der, &dl) != 0 || gmtls_pubkey_parse(&back, der, dl) != 0 ||
            !gmtls_sm2_pubkey_equal(&back, &pub))
            abort();
        free(der);
    }
    return 0;
}
