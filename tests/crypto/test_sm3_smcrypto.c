/* SM3 and HMAC-SM3 against npm sm-crypto (tests/oracle/sm3.js), an independent JavaScript
 * implementation: random messages of every length 0..300 and a few large ones, HMAC with
 * random keys of 0..200 bytes. The requests go to a temporary file, node answers one line each. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "gmtls/sm3.h"
#include "oracle_util.h"
#include "test.h"

#define NLEN 301
static const size_t big[] = {1000, 4097, 16384, 100000};
#define NBIG (sizeof(big) / sizeof(big[0]))
#define NHMAC 201

struct req {
    const char *kind; /* "sm3" or "hmac" */
    const uint8_t *key, *msg;
    size_t klen, mlen;
    uint8_t want[32]; /* gmtls's answer */
};

int main(void)
{
    test_rand_seed(23);
    size_t nreq = NLEN + NBIG + NHMAC;
    struct req *r = calloc(nreq, sizeof(*r));
    uint8_t *data = malloc(100000 + 300);
    uint8_t *keys = malloc(NHMAC * 200);
    CHECK(r && data && keys);
    if (!r || !data || !keys)
        return test_report();
    test_rand_bytes(data, 100000 + 300);
    test_rand_bytes(keys, NHMAC * 200);

    size_t k = 0;
    for (size_t n = 0; n < NLEN; n++, k++)
        r[k] = (struct req){"sm3", NULL, data + n, 0, n, {0}};
    for (size_t i = 0; i < NBIG; i++, k++)
        r[k] = (struct req){"sm3", NULL, data, 0, big[i], {0}};
    for (size_t i = 0; i < NHMAC; i++, k++) {
        /* key lengths 0..200; message lengths cycle through 0..300 */
        r[k] = (struct req){"hmac", keys + 200 * i, data + i, i, (i * 37) % 301, {0}};
    }
    for (size_t i = 0; i < nreq; i++) {
        if (r[i].kind[0] == 's')
            gmtls_sm3(r[i].msg, r[i].mlen, r[i].want);
        else
            gmtls_hmac_sm3(r[i].key, r[i].klen, r[i].msg, r[i].mlen, r[i].want);
    }

    char req_path[] = "/tmp/gmtls-sm3-oracle-XXXXXX";
    int fd = mkstemp(req_path);
    CHECK(fd >= 0);
    if (fd < 0)
        return test_report();
    FILE *f = fdopen(fd, "w");
    CHECK(f != NULL);
    if (!f) {
        close(fd);
        unlink(req_path);
        return test_report();
    }
    for (size_t i = 0; i < nreq; i++) {
        fprintf(f, "%s ", r[i].kind);
        if (r[i].kind[0] == 'h') {
            oracle_put_hex(f, r[i].key, r[i].klen);
            fputc(' ', f);
        }
        oracle_put_hex(f, r[i].msg, r[i].mlen);
        fputc('\n', f);
    }
    CHECK(fclose(f) == 0);

    const char *src = getenv("GMTLS_SOURCE_DIR");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "node '%s/tests/oracle/sm3.js' '%s'", src ? src : ".", req_path);
    FILE *p = popen(cmd, "r");
    CHECK_MSG(p != NULL, "cannot run %s", cmd);
    size_t answered = 0;
    unsigned bad_sm3 = 0, bad_hmac = 0;
    if (p) {
        char line[256];
        while (answered < nreq && fgets(line, sizeof line, p)) {
            char want_hex[65];
            for (int i = 0; i < 32; i++)
                snprintf(want_hex + 2 * i, 3, "%02x", r[answered].want[i]);
            if (strncmp(line, want_hex, 64) != 0 || (line[64] != '\n' && line[64] != '\0')) {
                if (r[answered].kind[0] == 's')
                    bad_sm3++;
                else
                    bad_hmac++;
                if (bad_sm3 + bad_hmac <= 5)
                    fprintf(stderr, "# %s key %zu msg %zu: gmtls %s, sm-crypto %s", r[answered].kind,
                            r[answered].klen, r[answered].mlen, want_hex, line);
            }
            answered++;
        }
        int st = pclose(p);
        CHECK_MSG(st == 0, "node exited with status %d", st);
    }
    unlink(req_path);
    CHECK_MSG(answered == nreq, "sm-crypto answered %zu of %zu requests", answered, nreq);
    CHECK_MSG(bad_sm3 == 0, "SM3 differs from sm-crypto for %u messages", bad_sm3);
    CHECK_MSG(bad_hmac == 0, "HMAC-SM3 differs from sm-crypto for %u inputs", bad_hmac);
    printf("# compared %zu SM3 digests and %d HMACs with sm-crypto\n", NLEN + NBIG, NHMAC);
    free(r);
    free(data);
    free(keys);
    return test_report();
}
