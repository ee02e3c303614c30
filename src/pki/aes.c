/* AES (FIPS 197), constant time without tables: every S-box value is computed as the
 * multiplicative inverse in GF(2^8) followed by the affine transformation (FIPS 197 5.1.1), and
 * all GF(2^8) multiplications are branch-free, so no branch or memory address depends on the key
 * or the data. See aes.h. */
#include "pki/aes.h"

#include <string.h>

#include "core/overlap.h"
#include "gmtls/error.h"
#include "gmtls/util.h"

/* Multiplication by x modulo m(x) = x^8 + x^4 + x^3 + x + 1 (FIPS 197 4.2.1), without a branch on
 * the top bit. */
static uint32_t xtime(uint32_t a)
{
    return ((a << 1) ^ (0x1bu & (0u - ((a >> 7) & 1u)))) & 0xffu;
}

/* a * b in GF(2^8) (FIPS 197 4.2): shift-and-add over the 8 bits of b, each bit turned into a mask. */
static uint32_t gf_mul(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    for (int i = 0; i < 8; i++) {
        r ^= a & (0u - (b & 1u));
        b >>= 1;
        a = xtime(a);
    }
    return r;
}

/* The multiplicative inverse as x^254 (x^255 = 1 for x != 0; 0 maps to 0 as FIPS 197 5.1.1
 * requires). Square-and-multiply over the bits of the public exponent 254 = 11111110b. */
static uint32_t gf_inv(uint32_t x)
{
    uint32_t r = 1;
    for (int bit = 7; bit >= 0; bit--) {
        r = gf_mul(r, r);
        if ((254u >> bit) & 1u)
            r = gf_mul(r, x);
    }
    return r;
}

static uint32_t rotl8(uint32_t b, unsigned n)
{
    return ((b << n) | (b >> (8 - n))) & 0xffu;
}

/* FIPS 197 5.1.1 (equation 5.1): b' = b ^ rotl(b,1) ^ rotl(b,2) ^ rotl(b,3) ^ rotl(b,4) ^ 0x63. */
static uint8_t sub_byte(uint32_t x)
{
    uint32_t b = gf_inv(x);
    return (uint8_t)(b ^ rotl8(b, 1) ^ rotl8(b, 2) ^ rotl8(b, 3) ^ rotl8(b, 4) ^ 0x63u);
}

/* FIPS 197 5.3.2: the inverse affine map b = rotl(s,1) ^ rotl(s,3) ^ rotl(s,6) ^ 0x05, then
 * the inverse in GF(2^8). */
static uint8_t inv_sub_byte(uint32_t s)
{
    uint32_t b = rotl8(s, 1) ^ rotl8(s, 3) ^ rotl8(s, 6) ^ 0x05u;
    return (uint8_t)gf_inv(b);
}

int gmtls_aes_set_key(gmtls_aes_key *k, const uint8_t *key, size_t key_len)
{
    if (!k || !key || (key_len != 16 && key_len != 24 && key_len != 32))
        return GMTLS_ERR_INVALID_ARG;
    /* FIPS 197 5.2 (KeyExpansion): Nk words of key, Nr = Nk + 6, 4 * (Nr + 1) words in all. */
    unsigned nk = (unsigned)(key_len / 4), nr = nk + 6, total = 4 * (nr + 1);
    uint8_t *w = k->rk;
    uint32_t rcon = 1; /* Rcon[i/Nk] = x^(i/Nk - 1), public */
    memcpy(w, key, key_len);
    for (unsigned i = nk; i < total; i++) {
        uint8_t t[4];
        memcpy(t, w + 4 * (i - 1), 4);
        if (i % nk == 0) {
            /* SubWord(RotWord(temp)) xor Rcon */
            uint8_t t0 = t[0];
            t[0] = (uint8_t)(sub_byte(t[1]) ^ rcon);
            t[1] = sub_byte(t[2]);
            t[2] = sub_byte(t[3]);
            t[3] = sub_byte(t0);
            rcon = xtime(rcon);
        } else if (nk > 6 && i % nk == 4) {
            for (int j = 0; j < 4; j++)
                t[j] = sub_byte(t[j]);
        }
        for (int j = 0; j < 4; j++)
            w[4 * i + (unsigned)j] = (uint8_t)(w[4 * (i - nk) + (unsigned)j] ^ t[j]);
        gmtls_wipe(t, sizeof(t));
    }
    k->rounds = nr;
    return 0;
}

void gmtls_aes_key_wipe(gmtls_aes_key *k)
{
    if (k)
        gmtls_wipe(k, sizeof(*k));
}

/* The state is s[r + 4c] (FIPS 197 3.4: input byte n goes to row n mod 4, column n / 4), so the
 * round key for round r is simply bytes 16r..16r+15 of the expanded key. */
static void add_round_key(uint8_t s[16], const uint8_t *rk)
{
    for (int i = 0; i < 16; i++)
        s[i] ^= rk[i];
}

/* FIPS 197 5.1.2: row r is rotated left by r columns. */
static void shift_rows(uint8_t s[16])
{
    uint8_t t[16];
    for (int c = 0; c < 4; c++)
        for (int r = 0; r < 4; r++)
            t[r + 4 * c] = s[r + 4 * ((c + r) % 4)];
    memcpy(s, t, 16);
    gmtls_wipe(t, sizeof(t));
}

/* FIPS 197 5.3.1: row r is rotated right by r columns. */
static void inv_shift_rows(uint8_t s[16])
{
    uint8_t t[16];
    for (int c = 0; c < 4; c++)
        for (int r = 0; r < 4; r++)
            t[r + 4 * ((c + r) % 4)] = s[r + 4 * c];
    memcpy(s, t, 16);
    gmtls_wipe(t, sizeof(t));
}

/* FIPS 197 5.1.3: each column times a(x) = {03}x^3 + {01}x^2 + {01}x + {02}. */
static void mix_columns(uint8_t s[16])
{
    for (int c = 0; c < 4; c++) {
        uint8_t *col = s + 4 * c;
        uint32_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
        uint32_t all = a0 ^ a1 ^ a2 ^ a3;
        /* 2a0 ^ 3a1 ^ a2 ^ a3 = a0 ^ all ^ 2(a0 ^ a1), and so on around the column */
        col[0] = (uint8_t)(a0 ^ all ^ xtime(a0 ^ a1));
        col[1] = (uint8_t)(a1 ^ all ^ xtime(a1 ^ a2));
        col[2] = (uint8_t)(a2 ^ all ^ xtime(a2 ^ a3));
        col[3] = (uint8_t)(a3 ^ all ^ xtime(a3 ^ a0));
    }
}

/* FIPS 197 5.3.3: each column times a^-1(x) = {0b}x^3 + {0d}x^2 + {09}x + {0e}. */
static void inv_mix_columns(uint8_t s[16])
{
    for (int c = 0; c < 4; c++) {
        uint8_t *col = s + 4 * c;
        uint32_t a[4] = {col[0], col[1], col[2], col[3]};
        for (int r = 0; r < 4; r++)
            col[r] = (uint8_t)(gf_mul(a[r], 0x0e) ^ gf_mul(a[(r + 1) % 4], 0x0b) ^ gf_mul(a[(r + 2) % 4], 0x0d) ^
                               gf_mul(a[(r + 3) % 4], 0x09));
        gmtls_wipe(a, sizeof(a));
    }
}

/* FIPS 197 5.1 (Cipher). */
void gmtls_aes_encrypt_block(const gmtls_aes_key *k, const uint8_t in[16], uint8_t out[16])
{
    uint8_t s[16];
    memcpy(s, in, 16);
    add_round_key(s, k->rk);
    for (unsigned round = 1; round <= k->rounds; round++) {
        for (int i = 0; i < 16; i++)
            s[i] = sub_byte(s[i]);
        shift_rows(s);
        if (round != k->rounds)
            mix_columns(s);
        add_round_key(s, k->rk + 16 * round);
    }
    memcpy(out, s, 16);
    gmtls_wipe(s, sizeof(s));
}

/* FIPS 197 5.3 (InvCipher). */
void gmtls_aes_decrypt_block(const gmtls_aes_key *k, const uint8_t in[16], uint8_t out[16])
{
    uint8_t s[16];
    memcpy(s, in, 16);
    add_round_key(s, k->rk + 16 * k->rounds);
    for (unsigned round = k->rounds; round-- > 0;) {
        inv_shift_rows(s);
        for (int i = 0; i < 16; i++)
            s[i] = inv_sub_byte(s[i]);
        add_round_key(s, k->rk + 16 * round);
        if (round != 0)
            inv_mix_columns(s);
    }
    memcpy(out, s, 16);
    gmtls_wipe(s, sizeof(s));
}

/* SP 800-38A 6.2: C_i = E(P_i ^ C_{i-1}), C_0 = IV. */
int gmtls_aes_cbc_encrypt(const gmtls_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len)
{
    int e = gmtls_cbc_args_check(k, iv, in, out, len);
    if (e)
        return e;
    for (size_t off = 0; off < len; off += 16) {
        for (int i = 0; i < 16; i++)
            iv[i] ^= in[off + (size_t)i];
        gmtls_aes_encrypt_block(k, iv, iv);
        memcpy(out + off, iv, 16);
    }
    return 0;
}

/* SP 800-38A 6.2: P_i = D(C_i) ^ C_{i-1}; the ciphertext block is saved first so in == out works. */
int gmtls_aes_cbc_decrypt(const gmtls_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len)
{
    int e = gmtls_cbc_args_check(k, iv, in, out, len);
    if (e)
        return e;
    uint8_t c[16], p[16];
    for (size_t off = 0; off < len; off += 16) {
        memcpy(c, in + off, 16);
        gmtls_aes_decrypt_block(k, c, p);
        for (int i = 0; i < 16; i++)
            out[off + (size_t)i] = (uint8_t)(p[i] ^ iv[i]);
        memcpy(iv, c, 16);
    }
    gmtls_wipe(p, sizeof(p));
    gmtls_wipe(c, sizeof(c));
    return 0;
}
