/* Every SM4 implementation the CPU has against the portable one: random keys, lengths of 0 to ~600
 * blocks, unaligned input and output (offsets 0..15), in place, counters about to carry, and
 * multi-message CBC with 0..40 messages of different lengths against single-message CBC. */
#include <stdlib.h>

#include "gmtls/sm4.h"
#include "test.h"
#include "test_sm4_util.h"

#define MAXB 620
#define BUFSZ (MAXB * 16 + 64)

enum { OP_ECB_ENC, OP_ECB_DEC, OP_CBC_ENC, OP_CBC_DEC, OP_CTR, OP_CTR32, NOPS };
static const char *const op_names[NOPS] = {"ecb-enc", "ecb-dec", "cbc-enc", "cbc-dec", "ctr", "ctr32"};

/* Run op on len bytes from in to out; iv/ctr updated. */
static void run_op(int op, const gmtls_sm4_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len)
{
    switch (op) {
    case OP_ECB_ENC:
        gmtls_sm4_ecb_encrypt(k, in, out, len / 16);
        break;
    case OP_ECB_DEC:
        gmtls_sm4_ecb_decrypt(k, in, out, len / 16);
        break;
    case OP_CBC_ENC:
        CHECK_OK(gmtls_sm4_cbc_encrypt(k, iv, in, out, len));
        break;
    case OP_CBC_DEC:
        CHECK_OK(gmtls_sm4_cbc_decrypt(k, iv, in, out, len));
        break;
    case OP_CTR:
        gmtls_sm4_ctr(k, iv, in, out, len);
        break;
    default:
        gmtls_sm4_ctr32(k, iv, in, out, len);
        break;
    }
}

static size_t random_len(int op)
{
    uint32_t r = test_rand_u32();
    size_t nb = (r & 3) == 0 ? r % (MAXB + 1) : (r >> 8) % 70; /* mostly short, some long */
    if (op == OP_CTR || op == OP_CTR32)
        return nb * 16 - (nb > 0 ? (r >> 20) % 16 : 0); /* any byte length */
    return nb * 16;
}

/* A counter near an interesting carry: low 32 bits, low 64 bits, or the whole 128 bits. */
static void random_counter(uint8_t c[16])
{
    test_rand_bytes(c, 16);
    uint32_t r = test_rand_u32() % 4;
    uint8_t back = (uint8_t)(test_rand_u32() % 80);
    if (r == 1)
        memset(c + 12, 0xff, 4);
    else if (r == 2)
        memset(c + 8, 0xff, 8);
    else if (r == 3)
        memset(c, 0xff, 16);
    if (r != 0)
        c[15] = (uint8_t)(0xff - back);
}

static void check_op(int op, size_t trial)
{
    static uint8_t src[BUFSZ], ref[BUFSZ], got[BUFSZ], inplace[BUFSZ];
    uint8_t key[16], iv0[16], ivref[16], ivgot[16];
    gmtls_sm4_key k;
    test_rand_bytes(key, 16);
    gmtls_sm4_set_key(&k, key);
    size_t len = random_len(op);
    size_t ioff = trial % 16, ooff = (trial * 7 + 3) % 16;
    test_rand_bytes(src, sizeof src);
    random_counter(iv0);

    sm4_test_force(0);
    memcpy(ivref, iv0, 16);
    run_op(op, &k, ivref, src + ioff, ref, len);

    for (size_t i = 1; i < SM4_TEST_NIMPLS; i++) {
        if (sm4_test_force(i) != 1)
            continue;
        memset(got, 0x5a, sizeof got);
        memcpy(ivgot, iv0, 16);
        run_op(op, &k, ivgot, src + ioff, got + ooff, len);
        CHECK_MSG(memcmp(got + ooff, ref, len) == 0 && memcmp(ivgot, ivref, 16) == 0,
                  "%s on %s, trial %zu, len %zu, offsets %zu/%zu differs from portable", op_names[op],
                  sm4_test_impls[i].name, trial, len, ioff, ooff);
        CHECK_MSG(got[ooff + len] == 0x5a && (ooff == 0 || got[ooff - 1] == 0x5a), "%s on %s wrote outside",
                  op_names[op], sm4_test_impls[i].name);
        /* in place */
        memcpy(inplace + ooff, src + ioff, len);
        memcpy(ivgot, iv0, 16);
        run_op(op, &k, ivgot, inplace + ooff, inplace + ooff, len);
        CHECK_MSG(memcmp(inplace + ooff, ref, len) == 0 && memcmp(ivgot, ivref, 16) == 0,
                  "%s in place on %s, trial %zu, len %zu differs", op_names[op], sm4_test_impls[i].name, trial,
                  len);
    }
    /* the portable path in place too */
    sm4_test_force(0);
    memcpy(inplace + ooff, src + ioff, len);
    memcpy(ivgot, iv0, 16);
    run_op(op, &k, ivgot, inplace + ooff, inplace + ooff, len);
    CHECK_MEM(inplace + ooff, ref, len);
    gmtls_sm4_key_wipe(&k);
}

/* Round trips on the automatic choice: decrypt(encrypt(x)) == x. */
static void check_round_trips(void)
{
    static uint8_t a[BUFSZ], b[BUFSZ], c[BUFSZ];
    uint8_t key[16], iv[16], iv1[16];
    gmtls_sm4_key k;
    sm4_test_unforce();
    for (int t = 0; t < 20; t++) {
        test_rand_bytes(key, 16);
        test_rand_bytes(iv, 16);
        test_rand_bytes(a, sizeof a);
        gmtls_sm4_set_key(&k, key);
        size_t len = random_len(OP_CBC_ENC);
        memcpy(iv1, iv, 16);
        CHECK_OK(gmtls_sm4_cbc_encrypt(&k, iv1, a, b, len));
        memcpy(iv1, iv, 16);
        CHECK_OK(gmtls_sm4_cbc_decrypt(&k, iv1, b, c, len));
        CHECK_MEM(c, a, len);
        gmtls_sm4_ecb_encrypt(&k, a, b, len / 16);
        gmtls_sm4_ecb_decrypt(&k, b, c, len / 16);
        CHECK_MEM(c, a, len);
        gmtls_sm4_key_wipe(&k);
    }
}

/* Multi-message CBC: n = 0..40 messages of different lengths (some empty, some in place) against
 * gmtls_sm4_cbc_encrypt one message at a time, on every implementation. */
static void check_mb(void)
{
    enum { MAXN = 40, MAXLEN = 48 * 16 };
    static uint8_t in[MAXN][MAXLEN], want[MAXN][MAXLEN], got[MAXN][MAXLEN + 16];
    uint8_t iv[MAXN][16], ivsave[MAXN][16], key[16];
    const uint8_t *ivs[MAXN], *ins[MAXN];
    uint8_t *outs[MAXN];
    size_t lens[MAXN];
    gmtls_sm4_key k;
    for (size_t n = 0; n <= MAXN; n++) {
        test_rand_bytes(key, 16);
        gmtls_sm4_set_key(&k, key);
        for (size_t m = 0; m < n; m++) {
            uint32_t r = test_rand_u32();
            lens[m] = (r % 5 == 0) ? 0 : 16 * ((r >> 4) % (MAXLEN / 16 + 1));
            if (n % 3 == 0)
                lens[m] = 16 * 17; /* all equal: every lane ends together */
            test_rand_bytes(in[m], lens[m]);
            test_rand_bytes(iv[m], 16);
            memcpy(ivsave[m], iv[m], 16);
            uint8_t ivc[16];
            memcpy(ivc, iv[m], 16);
            sm4_test_unforce();
            CHECK_OK(gmtls_sm4_cbc_encrypt(&k, ivc, in[m], want[m], lens[m]));
            ivs[m] = iv[m];
            ins[m] = in[m];
        }
        for (size_t i = 0; i < SM4_TEST_NIMPLS; i++) {
            if (sm4_test_force(i) != 1)
                continue;
            for (int inpl = 0; inpl < 2; inpl++) {
                for (size_t m = 0; m < n; m++) {
                    /* odd messages at an unaligned offset; in place: every other message */
                    outs[m] = got[m] + (m & 1 ? 1 + m % 15 : 0);
                    memset(got[m], 0xa5, sizeof got[m]);
                    ins[m] = in[m];
                    if (inpl && (m & 1) == 0) {
                        memcpy(outs[m], in[m], lens[m]);
                        ins[m] = outs[m];
                    }
                }
                CHECK_OK(gmtls_sm4_cbc_encrypt_mb(&k, n, ivs, ins, outs, lens));
                for (size_t m = 0; m < n; m++) {
                    CHECK_MSG(memcmp(outs[m], want[m], lens[m]) == 0,
                              "mb on %s: n %zu message %zu (len %zu) in place %d differs", sm4_test_impls[i].name, n,
                              m, lens[m], inpl);
                    CHECK(outs[m][lens[m]] == 0xa5);
                    CHECK_MEM(iv[m], ivsave[m], 16); /* IVs are not modified */
                }
            }
        }
        gmtls_sm4_key_wipe(&k);
    }
}

int main(void)
{
    test_rand_seed(0x534d34696d706c73ull);
    size_t have = 0;
    for (size_t i = 0; i < SM4_TEST_NIMPLS; i++) {
        int r = sm4_test_force(i);
        CHECK_MSG(r != -1, "forcing %s gave %s", sm4_test_impls[i].name, gmtls_sm4_impl());
        if (r == 1) {
            printf("implementation: %s\n", sm4_test_impls[i].name);
            have++;
        }
    }
    CHECK(have >= 1);
    for (size_t trial = 0; trial < 160; trial++)
        for (int op = 0; op < NOPS; op++)
            check_op(op, trial);
    check_round_trips();
    check_mb();
    sm4_test_unforce();
    return test_report();
}
