/* Fuzz PEM and base64: every block found is re-encoded and parsed back to the same label and
 * bytes; the raw input is also fed to the strict base64 decoder, and what it accepts re-encodes
 * to the same characters. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/pem.h"
#include "pki/base64.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t pos = 0;
    for (int guard = 0; guard < 10000; guard++) {
        gmtls_pem_block blk;
        size_t before = pos;
        int e = gmtls_pem_next(text, size, &pos, &blk);
        if (e)
            break;
        if (pos <= before || pos > size || strlen(blk.label) == 0 || strlen(blk.label) > 63)
            abort();
        char *pem;
        size_t pl;
        if (gmtls_pem_encode(blk.label, blk.der, blk.der_len, &pem, &pl) == 0) {
            size_t p2 = 0;
            gmtls_pem_block back;
            if (gmtls_pem_next(pem, pl, &p2, &back) != 0 || strcmp(back.label, blk.label) != 0 ||
                back.der_len != blk.der_len || memcmp(back.der, blk.der, blk.der_len) != 0)
                abort();
            gmtls_pem_block_free(&back);
            free(pem);
        }
        gmtls_pem_block_free(&blk);
    }
    /* strict base64 on the raw bytes */
    size_t cap = size / 4 * 3 + 3;
    uint8_t *out = malloc(cap);
    size_t ol;
    if (out && gmtls_base64_decode(text, size, 0, out, cap, &ol) == 0) {
        char *enc = malloc(gmtls_base64_encoded_len(ol) + 1);
        if (enc) {
            gmtls_base64_encode(out, ol, enc);
            if (gmtls_base64_encoded_len(ol) != size || memcmp(enc, text, size) != 0)
                abort();
            free(enc);
        }
    }
    free(out);
    return 0;
}
