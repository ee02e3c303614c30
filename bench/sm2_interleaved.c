/* SM2 ratios against OpenSSL 3 that survive a noisy machine: gmtls and OpenSSL's EVP interface take
 * turns in short windows (round after round, operation after operation), so a change of clock speed or
 * a neighbour's load hits both sides alike, and each round gives its own ratio. Prints, per operation,
 * the medians of gmtls ops/s, OpenSSL ops/s and of the per-round ratios, with the lowest and highest
 * ratio. CPU time (CLOCK_PROCESS_CPUTIME_ID), as gmtls speed and openssl speed.
 *   bench_sm2_interleaved [rounds] [seconds-per-window]          (default 9 rounds of 0.2 s) */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gmtls/sm2.h"

#define MAX_ROUNDS 64

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct ctx {
    gmtls_sm2_key key;
    gmtls_sm2_pubkey pub;
    gmtls_sm2_sign_key sk;
    gmtls_sm2_signer sg;
    uint8_t msg[32], sig[64], ct[160], pt[64];
    size_t ct_len;
    EVP_PKEY *okey;
    unsigned char osig[80], oct[256];
    size_t osig_len, oct_len;
    EVP_PKEY_CTX *oenc, *odec;
    unsigned long failures;
};

static const uint8_t *id(void)
{
    return (const uint8_t *)GMTLS_SM2_DEFAULT_ID;
}

static void g_sign(struct ctx *c)
{
    c->failures += gmtls_sm2_sign(&c->key, id(), GMTLS_SM2_DEFAULT_ID_LEN, c->msg, sizeof c->msg, c->sig) != 0;
}

static void g_sign_cached(struct ctx *c)
{
    c->failures += gmtls_sm2_sign_key_sign(&c->sk, id(), GMTLS_SM2_DEFAULT_ID_LEN, c->msg, sizeof c->msg, c->sig) != 0;
}

static void g_sign_pool(struct ctx *c)
{
    c->failures += gmtls_sm2_signer_sign(&c->sg, id(), GMTLS_SM2_DEFAULT_ID_LEN, c->msg, sizeof c->msg, c->sig) != 0;
}

static void g_verify(struct ctx *c)
{
    c->failures += gmtls_sm2_verify(&c->pub, id(), GMTLS_SM2_DEFAULT_ID_LEN, c->msg, sizeof c->msg, c->sig) != 0;
}

static void g_encrypt(struct ctx *c)
{
    size_t n;
    c->failures += gmtls_sm2_encrypt(&c->pub, c->msg, sizeof c->msg, GMTLS_SM2_C1C3C2, c->ct, sizeof c->ct, &n) != 0;
}

static void g_decrypt(struct ctx *c)
{
    size_t n;
    c->failures += gmtls_sm2_decrypt(&c->key, GMTLS_SM2_C1C3C2, c->ct, c->ct_len, c->pt, sizeof c->pt, &n) != 0;
}

/* A TLS stack signs with EVP_DigestSign and the default ID: a context per signature. */
static EVP_MD_CTX *sm2_md_ctx(EVP_PKEY *key)
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new(key, NULL);
    EVP_PKEY_CTX_set1_id(pctx, "1234567812345678", 16);
    EVP_MD_CTX_set_pkey_ctx(md, pctx);
    return md;
}

static void o_sign(struct ctx *c)
{
    EVP_MD_CTX *md = sm2_md_ctx(c->okey);
    c->osig_len = sizeof c->osig;
    c->failures += EVP_DigestSignInit(md, NULL, EVP_sm3(), NULL, c->okey) != 1 ||
                   EVP_DigestSign(md, c->osig, &c->osig_len, c->msg, sizeof c->msg) != 1;
    EVP_PKEY_CTX_free(EVP_MD_CTX_get_pkey_ctx(md));
    EVP_MD_CTX_free(md);
}

static void o_verify(struct ctx *c)
{
    EVP_MD_CTX *md = sm2_md_ctx(c->okey);
    c->failures += EVP_DigestVerifyInit(md, NULL, EVP_sm3(), NULL, c->okey) != 1 ||
                   EVP_DigestVerify(md, c->osig, c->osig_len, c->msg, sizeof c->msg) != 1;
    EVP_PKEY_CTX_free(EVP_MD_CTX_get_pkey_ctx(md));
    EVP_MD_CTX_free(md);
}

static void o_encrypt(struct ctx *c)
{
    size_t n = sizeof c->oct;
    unsigned char out[256];
    c->failures += EVP_PKEY_encrypt(c->oenc, out, &n, c->msg, sizeof c->msg) != 1;
}

static void o_decrypt(struct ctx *c)
{
    size_t n = sizeof c->pt;
    c->failures += EVP_PKEY_decrypt(c->odec, c->pt, &n, c->oct, c->oct_len) != 1 || n != sizeof c->msg;
}

/* Operations per CPU second over a window; the clock (a system call for CPU time) is read once per
 * batch, and the batch doubles while it is short against the window, as in gmtls speed. */
static double rate(void (*op)(struct ctx *), struct ctx *c, double secs)
{
    unsigned long n = 0, batch = 1;
    double t0 = now(), t;
    do {
        for (unsigned long i = 0; i < batch; i++)
            op(c);
        n += batch;
        t = now() - t0;
        if (t < secs / 50 && batch < (1ul << 16))
            batch *= 2;
    } while (t < secs);
    return (double)n / t;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        void (*g)(struct ctx *);
        void (*o)(struct ctx *);
    } ops[] = {
        {"sm2-sign", g_sign, o_sign},
        {"sm2-sign-cached", g_sign_cached, o_sign},
        {"sm2-sign-pool", g_sign_pool, o_sign},
        {"sm2-verify", g_verify, o_verify},
        {"sm2-encrypt-32", g_encrypt, o_encrypt},
        {"sm2-decrypt-32", g_decrypt, o_decrypt},
    };
    enum { NOPS = sizeof ops / sizeof ops[0] };
    int rounds = argc > 1 ? atoi(argv[1]) : 9;
    double secs = argc > 2 ? atof(argv[2]) : 0.2;
    static double gr[NOPS][MAX_ROUNDS], orr[NOPS][MAX_ROUNDS], ratio[NOPS][MAX_ROUNDS];
    static struct ctx c;
    if (rounds < 1 || rounds > MAX_ROUNDS || !(secs > 0)) {
        fprintf(stderr, "usage: bench_sm2_interleaved [rounds 1..%d] [seconds]\n", MAX_ROUNDS);
        return 2;
    }
    memset(c.msg, 0x5a, sizeof c.msg);
    c.okey = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");
    if (!c.okey || gmtls_sm2_keygen(&c.key) != 0) {
        fprintf(stderr, "bench_sm2_interleaved: key generation failed\n");
        return 1;
    }
    gmtls_sm2_pubkey_from_key(&c.pub, &c.key);
    gmtls_sm2_sign_key_init(&c.sk, &c.key);
    gmtls_sm2_signer_init(&c.sg, &c.key);
    c.oenc = EVP_PKEY_CTX_new(c.okey, NULL);
    c.odec = EVP_PKEY_CTX_new(c.okey, NULL);
    c.oct_len = sizeof c.oct;
    if (EVP_PKEY_encrypt_init(c.oenc) != 1 || EVP_PKEY_decrypt_init(c.odec) != 1 ||
        EVP_PKEY_encrypt(c.oenc, c.oct, &c.oct_len, c.msg, sizeof c.msg) != 1 ||
        gmtls_sm2_encrypt(&c.pub, c.msg, sizeof c.msg, GMTLS_SM2_C1C3C2, c.ct, sizeof c.ct, &c.ct_len) != 0) {
        fprintf(stderr, "bench_sm2_interleaved: setup failed\n");
        return 1;
    }
    g_sign_cached(&c); /* a valid signature for g_verify, a valid one for o_verify */
    o_sign(&c);
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < NOPS; i++) {
            gr[i][r] = rate(ops[i].g, &c, secs);
            orr[i][r] = rate(ops[i].o, &c, secs);
            ratio[i][r] = gr[i][r] / orr[i][r];
        }
    }
    printf("%-18s %12s %12s %8s %8s %8s\n", "# operation", "gmtls ops/s", "openssl/s", "ratio", "lowest", "highest");
    for (int i = 0; i < NOPS; i++) {
        double lo = ratio[i][0], hi = ratio[i][0];
        for (int r = 1; r < rounds; r++) {
            lo = ratio[i][r] < lo ? ratio[i][r] : lo;
            hi = ratio[i][r] > hi ? ratio[i][r] : hi;
        }
        printf("%-18s %12.1f %12.1f %7.2fx %7.2fx %7.2fx\n", ops[i].name, median(gr[i], rounds), median(orr[i], rounds),
               median(ratio[i], rounds), lo, hi);
    }
    gmtls_sm2_signer_wipe(&c.sg);
    EVP_PKEY_CTX_free(c.oenc);
    EVP_PKEY_CTX_free(c.odec);
    EVP_PKEY_free(c.okey);
    if (c.failures) {
        fprintf(stderr, "bench_sm2_interleaved: %lu operations failed\n", c.failures);
        return 1;
    }
    return 0;
}
