/* Baseline for `make bench`: SM2 operations per second through OpenSSL 3's EVP interface, measured in
 * the same run as `gmtls speed sm2`. `openssl speed sm2` covers sign and verify only; this adds encrypt
 * and decrypt, and signs the way a TLS stack does (EVP_DigestSign with the default ID). */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time, as gmtls speed and openssl speed */
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static EVP_MD_CTX *sm2_md_ctx(EVP_PKEY *key)
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new(key, NULL);
    EVP_PKEY_CTX_set1_id(pctx, "1234567812345678", 16);
    EVP_MD_CTX_set_pkey_ctx(md, pctx);
    return md;
}

int main(int argc, char **argv)
{
    double secs = argc > 1 ? atof(argv[1]) : 1.0;
    EVP_PKEY *key = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");
    if (!key) {
        fprintf(stderr, "openssl_sm2: SM2 key generation failed\n");
        return 1;
    }
    unsigned char msg[32] = {1, 2, 3}, sig[80], ct[256], pt[64];
    size_t siglen = 0, ctlen = 0, ptlen;
    unsigned long n;
    double t0;

    /* sign */
    n = 0;
    t0 = now();
    do {
        EVP_MD_CTX *md = sm2_md_ctx(key);
        siglen = sizeof sig;
        EVP_DigestSignInit(md, NULL, EVP_sm3(), NULL, key);
        EVP_DigestSign(md, sig, &siglen, msg, sizeof msg);
        EVP_PKEY_CTX_free(EVP_MD_CTX_get_pkey_ctx(md));
        EVP_MD_CTX_free(md);
        n++;
    } while (now() - t0 < secs);
    printf("openssl-sm2-sign %.1f\n", (double)n / (now() - t0));

    /* verify */
    n = 0;
    t0 = now();
    do {
        EVP_MD_CTX *md = sm2_md_ctx(key);
        EVP_DigestVerifyInit(md, NULL, EVP_sm3(), NULL, key);
        if (EVP_DigestVerify(md, sig, siglen, msg, sizeof msg) != 1) {
            fprintf(stderr, "openssl_sm2: verify failed\n");
            return 1;
        }
        EVP_PKEY_CTX_free(EVP_MD_CTX_get_pkey_ctx(md));
        EVP_MD_CTX_free(md);
        n++;
    } while (now() - t0 < secs);
    printf("openssl-sm2-verify %.1f\n", (double)n / (now() - t0));

    /* encrypt (32-byte message) */
    EVP_PKEY_CTX *ectx = EVP_PKEY_CTX_new(key, NULL);
    EVP_PKEY_encrypt_init(ectx);
    n = 0;
    t0 = now();
    do {
        ctlen = sizeof ct;
        EVP_PKEY_encrypt(ectx, ct, &ctlen, msg, sizeof msg);
        n++;
    } while (now() - t0 < secs);
    printf("openssl-sm2-encrypt %.1f\n", (double)n / (now() - t0));

    /* decrypt */
    EVP_PKEY_CTX *dctx = EVP_PKEY_CTX_new(key, NULL);
    EVP_PKEY_decrypt_init(dctx);
    n = 0;
    t0 = now();
    do {
        ptlen = sizeof pt;
        if (EVP_PKEY_decrypt(dctx, pt, &ptlen, ct, ctlen) != 1 || ptlen != sizeof msg) {
            fprintf(stderr, "openssl_sm2: decrypt failed\n");
            return 1;
        }
        n++;
    } while (now() - t0 < secs);
    printf("openssl-sm2-decrypt %.1f\n", (double)n / (now() - t0));

    EVP_PKEY_CTX_free(ectx);
    EVP_PKEY_CTX_free(dctx);
    EVP_PKEY_free(key);
    return 0;
}
