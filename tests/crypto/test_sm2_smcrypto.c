/* Cross-check of SM2 against the npm package sm-crypto (tests/oracle/sm2.js), both ways: public keys
 * from d, gmtls signatures verified by doVerifySignature and sm-crypto signatures (doSignature with
 * hash: true, raw and DER) verified by gmtls, with random IDs; raw C1C3C2 and C1C2C3 ciphertexts
 * made by each and decrypted by the other. 200 random cases each way, sent to node in one batch.
 * sm-crypto's ciphertext hex omits the 04 byte of C1: it is added or removed here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/hex.h"
#include "gmtls/sm2.h"
#include "oracle_util.h"
#include "test.h"

#define CASES 200

struct tcase {
    gmtls_sm2_key key;
    uint8_t id[24], msg[160], sig[64];
    size_t id_len, len;
    int der, mode;
    uint8_t ct[300];
    size_t ct_len;
};

static struct tcase cases[CASES];

static char *next_line(FILE *f)
{
    static char *buf;
    static size_t cap;
    ssize_t n = getline(&buf, &cap, f);
    if (n < 0)
        return NULL;
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = 0;
    return buf;
}

static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    if (gmtls_hex_decode(s, strlen(s), out, cap, &n) != 0)
        return (size_t)-1;
    return n;
}

int main(void)
{
    test_rand_seed(0x5c);
    char req[] = "/tmp/gmtls-sm2-oracle-XXXXXX";
    int fd = mkstemp(req);
    CHECK(fd >= 0);
    if (fd < 0)
        return test_report();
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < CASES; i++) {
        struct tcase *c = &cases[i];
        uint8_t d[32], pub[65];
        size_t n;
        CHECK_OK(gmtls_sm2_keygen(&c->key));
        gmtls_sm2_key_to_bytes(&c->key, d);
        gmtls_sm2_pubkey_to_octets(&c->key.pub, 0, pub, &n);
        /* IDs: default, empty, or 1-23 printable ASCII characters. */
        uint32_t kind = test_rand_u32() % 4;
        if (kind == 0) {
            memcpy(c->id, GMTLS_SM2_DEFAULT_ID, 16);
            c->id_len = 16;
        } else if (kind == 1 && i % 8 == 1) {
            c->id_len = 0;
        } else {
            c->id_len = 1 + test_rand_u32() % 23;
            for (size_t j = 0; j < c->id_len; j++)
                c->id[j] = (uint8_t)('!' + test_rand_u32() % 94);
        }
        c->len = test_rand_u32() % sizeof c->msg;
        test_rand_bytes(c->msg, c->len);
        c->der = i & 1;
        c->mode = (i >> 1) & 1; /* sm-crypto: 1 = C1C3C2, 0 = C1C2C3 */
        gmtls_sm2_format fmt = c->mode ? GMTLS_SM2_C1C3C2 : GMTLS_SM2_C1C2C3;

        /* 1. public key of d (for the first 25 cases: each costs sm-crypto a scalar multiplication) */
        fputs(i < 25 ? "pub" : "pub-skip", f);
        oracle_put_arg(f, d, 32);
        fputs("\n", f);
        /* 2. sm-crypto verifies a gmtls signature */
        uint8_t sig[64], der[72];
        size_t der_len;
        CHECK_OK(gmtls_sm2_sign(&c->key, c->id, c->id_len, c->msg, c->len, sig));
        fputs("verify", f);
        oracle_put_arg(f, pub, 65);
        oracle_put_arg(f, c->msg, c->len);
        oracle_put_arg(f, c->id, c->id_len);
        if (c->der) {
            CHECK_OK(gmtls_sm2_sig_to_der(sig, der, &der_len));
            oracle_put_arg(f, der, der_len);
        } else {
            oracle_put_arg(f, sig, 64);
        }
        fprintf(f, " %d\n", c->der);
        /* 3. negative control (first 25 cases): the signature over another message must fail there */
        fputs(i < 25 ? "verify" : "skip", f);
        oracle_put_arg(f, pub, 65);
        fputs(" 00", f);
        oracle_put_hex(f, c->msg, c->len);
        oracle_put_arg(f, c->id, c->id_len);
        oracle_put_arg(f, sig, 64);
        fputs(" 0\n", f);
        /* 4. sm-crypto signs */
        fputs("sign", f);
        oracle_put_arg(f, d, 32);
        oracle_put_arg(f, c->msg, c->len);
        oracle_put_arg(f, c->id, c->id_len);
        fprintf(f, " %d", c->der);
        oracle_put_arg(f, pub, 65);
        fputs("\n", f);
        /* 5. sm-crypto decrypts a gmtls ciphertext (without the 04 byte) */
        size_t mlen = c->len ? c->len : 1;
        uint8_t ct[300];
        size_t ct_len;
        CHECK_OK(gmtls_sm2_encrypt(&c->key.pub, c->msg, mlen, fmt, ct, sizeof ct, &ct_len));
        fputs("decrypt", f);
        oracle_put_arg(f, d, 32);
        oracle_put_arg(f, ct + 1, ct_len - 1);
        fprintf(f, " %d\n", c->mode);
        /* 6. sm-crypto encrypts */
        fputs("encrypt", f);
        oracle_put_arg(f, pub, 65);
        oracle_put_arg(f, c->msg, mlen);
        fprintf(f, " %d\n", c->mode);
    }
    fclose(f);

    char cmd[4096];
    snprintf(cmd, sizeof cmd, "node '%s' < '%s'", test_source_path("tests/oracle/sm2.js"), req);
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    unsigned bad_pub = 0, bad_their_verify = 0, bad_control = 0, bad_our_verify = 0, bad_their_decrypt = 0,
             bad_our_decrypt = 0, answers = 0;
    for (int i = 0; p && i < CASES; i++) {
        struct tcase *c = &cases[i];
        uint8_t buf[400], pub[65];
        size_t n;
        char *line;
        gmtls_sm2_pubkey_to_octets(&c->key.pub, 0, pub, &n);
        /* 1 */
        if (!(line = next_line(p)))
            break;
        answers++;
        if (i < 25)
            bad_pub += !(unhex(line, buf, sizeof buf) == 65 && memcmp(buf, pub, 65) == 0);
        else
            bad_pub += strcmp(line, "skipped") != 0;
        /* 2, 3 */
        if (!(line = next_line(p)))
            break;
        answers++;
        bad_their_verify += strcmp(line, "1") != 0;
        if (!(line = next_line(p)))
            break;
        answers++;
        bad_control += strcmp(line, i < 25 ? "0" : "skipped") != 0;
        /* 4 */
        if (!(line = next_line(p)))
            break;
        answers++;
        uint8_t sig[64];
        n = unhex(line, buf, sizeof buf);
        int rc = -1;
        if (n != (size_t)-1) {
            if (c->der)
                rc = gmtls_sm2_sig_from_der(buf, n, sig);
            else if (n == 64) {
                memcpy(sig, buf, 64);
                rc = 0;
            }
        }
        if (rc == 0)
            rc = gmtls_sm2_verify(&c->key.pub, c->id, c->id_len, c->msg, c->len, sig);
        if (rc != 0)
            fprintf(stderr, "case %d: sm-crypto signature %s: %s\n", i, line, gmtls_errname(rc));
        bad_our_verify += rc != 0;
        /* 5 */
        size_t mlen = c->len ? c->len : 1;
        if (!(line = next_line(p)))
            break;
        answers++;
        bad_their_decrypt += !(unhex(line, buf, sizeof buf) == mlen && memcmp(buf, c->msg, mlen) == 0);
        /* 6 */
        if (!(line = next_line(p)))
            break;
        answers++;
        uint8_t ct[400], pt[200];
        size_t pt_len;
        ct[0] = 0x04;
        n = unhex(line, ct + 1, sizeof ct - 1);
        rc = n == (size_t)-1 ? -1
                             : gmtls_sm2_decrypt(&c->key, c->mode ? GMTLS_SM2_C1C3C2 : GMTLS_SM2_C1C2C3, ct, n + 1, pt,
                                                 sizeof pt, &pt_len);
        bad_our_decrypt += !(rc == 0 && pt_len == mlen && memcmp(pt, c->msg, mlen) == 0);
        /* and in the other order the format is refused (C3 is in the wrong place) */
        if (n != (size_t)-1)
            CHECK_ERR(gmtls_sm2_decrypt(&c->key, c->mode ? GMTLS_SM2_C1C2C3 : GMTLS_SM2_C1C3C2, ct, n + 1, pt,
                                        sizeof pt, &pt_len),
                      GMTLS_ERR_DECRYPT_FAILED);
    }
    int status = p ? pclose(p) : -1;
    unlink(req);
    CHECK_EQ(status, 0);
    CHECK_EQ(answers, 6 * CASES);
    CHECK_MSG(bad_pub == 0, "%u public keys differ from sm-crypto's", bad_pub);
    CHECK_MSG(bad_their_verify == 0, "%u gmtls signatures rejected by sm-crypto", bad_their_verify);
    CHECK_MSG(bad_control == 0, "%u negative controls accepted by sm-crypto", bad_control);
    CHECK_MSG(bad_our_verify == 0, "%u sm-crypto signatures rejected by gmtls", bad_our_verify);
    CHECK_MSG(bad_their_decrypt == 0, "%u gmtls ciphertexts not decrypted by sm-crypto", bad_their_decrypt);
    CHECK_MSG(bad_our_decrypt == 0, "%u sm-crypto ciphertexts not decrypted by gmtls", bad_our_decrypt);
    return test_report();
}
