/* PEM: several blocks, CRLF, junk around and between blocks, bad base64, label mismatches, and
 * encode/decode round trips; the real multi-certificate files from the interop fixtures. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/pem.h"
#include "test.h"

static int count_blocks(const char *text, int *err, char labels[][64], size_t *lens)
{
    size_t pos = 0;
    int n = 0;
    gmtls_pem_block blk;
    for (;;) {
        int e = gmtls_pem_next(text, strlen(text), &pos, &blk);
        if (e) {
            *err = e;
            return n;
        }
        if (labels)
            strcpy(labels[n], blk.label);
        if (lens)
            lens[n] = blk.der_len;
        n++;
        gmtls_pem_block_free(&blk);
    }
}

static void test_parse(void)
{
    char labels[8][64];
    size_t lens[8];
    int err = 0;
    const char *two = "junk before\n"
                      "-----BEGIN CERTIFICATE-----\r\n"
                      "Zm9v\r\n"
                      "YmFy\r\n"
                      "-----END CERTIFICATE-----\r\n"
                      "text between: -----BEGIN not at line start-----\n"
                      "-----BEGIN EC PRIVATE KEY-----   \n"
                      "  Zm9vYg==  \n"
                      "-----END EC PRIVATE KEY-----\n"
                      "trailing text";
    CHECK_EQ(count_blocks(two, &err, labels, lens), 2);
    CHECK_ERR(err, GMTLS_ERR_NOT_FOUND);
    CHECK(strcmp(labels[0], "CERTIFICATE") == 0 && lens[0] == 6);
    CHECK(strcmp(labels[1], "EC PRIVATE KEY") == 0 && lens[1] == 4);
    /* no trailing newline after END */
    CHECK_EQ(count_blocks("-----BEGIN X-----\nZm9v\n-----END X-----", &err, labels, lens), 1);
    CHECK_ERR(err, GMTLS_ERR_NOT_FOUND);
    /* empty body */
    CHECK_EQ(count_blocks("-----BEGIN X-----\n-----END X-----\n", &err, NULL, lens), 1);
    CHECK_EQ(lens[0], 0);
    CHECK_EQ(count_blocks("nothing here", &err, NULL, NULL), 0);
    CHECK_ERR(err, GMTLS_ERR_NOT_FOUND);
    CHECK_EQ(count_blocks("", &err, NULL, NULL), 0);
    CHECK_ERR(err, GMTLS_ERR_NOT_FOUND);
    /* mismatched labels */
    CHECK_EQ(count_blocks("-----BEGIN CERTIFICATE-----\nZm9v\n-----END X509 CRL-----\n", &err, NULL, NULL), 0);
    CHECK_ERR(err, GMTLS_ERR_PEM);
    CHECK_EQ(count_blocks("-----BEGIN CERT-----\nZm9v\n-----END CERTIFICATE-----\n", &err, NULL, NULL), 0);
    CHECK_ERR(err, GMTLS_ERR_PEM);
    /* missing END, END before next BEGIN missing */
    CHECK_EQ(count_blocks("-----BEGIN X-----\nZm9v\n", &err, NULL, NULL), 0);
    CHECK_ERR(err, GMTLS_ERR_PEM);
    CHECK_EQ(count_blocks("-----BEGIN X-----\nZm9v\n-----BEGIN X-----\nZm9v\n-----END X-----\n", &err, NULL, NULL),
             0);
    CHECK_ERR(err, GMTLS_ERR_PEM);
    /* malformed BEGIN lines */
    CHECK_EQ(count_blocks("-----BEGIN X----\nZm9v\n-----END X-----\n", &err, NULL, NULL), 0);
    CHECK_ERR(err, GMTLS_ERR_PEM);
    CHECK_EQ(count_blocks("-----BEGIN -----\nZm9v\n-----END -----\n", &err, NULL, NULL), 0);
    CHECK_ERR(err, GMTLS_ERR_PEM);
    CHECK_EQ(count_blocks("-----BEGIN X-----junk\nZm9v\n-----END X-----\n", &err, NULL, NULL), 0);
    CHECK_ERR(err, GMTLS_ERR_PEM);
    char longl[256];
    snprintf(longl, sizeof(longl), "-----BEGIN %064d-----\nZm9v\n-----END %064d-----\n", 0, 0);
    CHECK_EQ(count_blocks(longl, &err, NULL, NULL), 0);
    CHECK_ERR(err, GMTLS_ERR_PEM);
    snprintf(longl, sizeof(longl), "-----BEGIN %063d-----\nZm9v\n-----END %063d-----\n", 0, 0);
    CHECK_EQ(count_blocks(longl, &err, NULL, NULL), 1);
    /* bad base64 */
    CHECK_EQ(count_blocks("-----BEGIN X-----\nZm9v!\n-----END X-----\n", &err, NULL, NULL), 0);
    CHECK_ERR(err, GMTLS_ERR_BASE64);
    CHECK_EQ(count_blocks("-----BEGIN X-----\nZm9\n-----END X-----\n", &err, NULL, NULL), 0);
    CHECK_ERR(err, GMTLS_ERR_BASE64);
    /* legacy encryption headers are not base64 */
    CHECK_EQ(count_blocks("-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nZm9v\n"
                          "-----END EC PRIVATE KEY-----\n", &err, NULL, NULL), 0);
    CHECK_ERR(err, GMTLS_ERR_BASE64);
    /* the second block is bad: the first is still returned */
    CHECK_EQ(count_blocks("-----BEGIN A-----\nZm9v\n-----END A-----\n-----BEGIN B-----\n!!!!\n-----END B-----\n", &err,
                          NULL, NULL), 1);
    CHECK_ERR(err, GMTLS_ERR_BASE64);
}

static void test_encode(void)
{
    uint8_t data[200];
    test_rand_bytes(data, sizeof(data));
    for (size_t n = 0; n <= sizeof(data); n += (n < 100 ? 1 : 47)) {
        char *pem;
        size_t pl;
        CHECK_OK(gmtls_pem_encode("PRIVATE KEY", data, n, &pem, &pl));
        CHECK_EQ(strlen(pem), pl);
        CHECK(strncmp(pem, "-----BEGIN PRIVATE KEY-----\n", 28) == 0);
        CHECK(pl >= 26 && strcmp(pem + pl - 26, "-----END PRIVATE KEY-----\n") == 0);
        /* 64-column lines */
        size_t col = 0, maxcol = 0;
        for (size_t i = 0; i < pl; i++) {
            if (pem[i] == '\n') {
                col = 0;
            } else if (++col > maxcol && pem[i] != '-' && (i < 28 || i + 26 < pl)) {
                maxcol = col;
            }
        }
        CHECK(maxcol <= 64);
        size_t pos = 0;
        gmtls_pem_block blk;
        CHECK_OK(gmtls_pem_next(pem, pl, &pos, &blk));
        CHECK_EQ(pos, pl);
        CHECK_EQ(blk.der_len, n);
        CHECK_MEM(blk.der, data, n);
        CHECK(strcmp(blk.label, "PRIVATE KEY") == 0);
        gmtls_pem_block_free(&blk);
        gmtls_pem_block_free(&blk); /* twice is harmless */
        free(pem);
    }
    char *pem;
    size_t pl;
    CHECK_ERR(gmtls_pem_encode("", data, 1, &pem, &pl), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_pem_encode("-X", data, 1, &pem, &pl), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_pem_encode("A--B", data, 1, &pem, &pl), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_pem_encode("A\nB", data, 1, &pem, &pl), GMTLS_ERR_INVALID_ARG);
    CHECK(pem == NULL);
    /* find by label */
    const char *t = "-----BEGIN A-----\nZm9v\n-----END A-----\n-----BEGIN B-----\nYmFy\n-----END B-----\n";
    uint8_t *der;
    size_t dl;
    CHECK_OK(gmtls_pem_find(t, strlen(t), "B", &der, &dl));
    CHECK(dl == 3 && memcmp(der, "bar", 3) == 0);
    free(der);
    CHECK_ERR(gmtls_pem_find(t, strlen(t), "C", &der, &dl), GMTLS_ERR_NOT_FOUND);
}

static void test_real_files(void)
{
    static const struct {
        const char *path;
        int blocks;
    } files[] = {{"interop/pki/gmssl/server_certs.pem", 2}, {"interop/pki/gmssl/client_certs.pem", 2},
                 {"interop/pki/gmssl/root_cert.pem", 1}, {"interop/pki/tongsuo/root_cert.pem", 1}};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        size_t tl;
        char *text = (char *)test_read_file(test_shared_path(files[i].path), &tl);
        if (!text)
            continue;
        size_t pos = 0;
        int n = 0;
        gmtls_pem_block blk;
        while (gmtls_pem_next(text, tl, &pos, &blk) == 0) {
            n++;
            CHECK(blk.der_len > 100 && blk.der[0] == 0x30);
            /* re-encode and compare the base64 body bytes with the file (both 64 columns) */
            char *pem;
            size_t pl;
            CHECK_OK(gmtls_pem_encode(blk.label, blk.der, blk.der_len, &pem, &pl));
            CHECK(strstr(text, pem + 28) != NULL || strstr(text, pem) != NULL);
            free(pem);
            gmtls_pem_block_free(&blk);
        }
        CHECK_MSG(n >= files[i].blocks, "%s: %d blocks", files[i].path, n);
        free(text);
    }
}

int main(void)
{
    test_parse();
    test_encode();
    test_real_files();
    return test_report();
}
