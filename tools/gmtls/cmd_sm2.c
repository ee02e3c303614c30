/* gmtls sm2: SM2 key generation, signatures, encryption and key exchange (GB/T 32918) with keys
 * given as hex on the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "core/hex.h"
#include "crypto/sm2_internal.h"
#include "gmtls/error.h"
#include "gmtls/sm2.h"
#include "gmtls/pkey.h"
#include "gmtls/util.h"
#include "gmtls/x509.h"
#include "pki_cli.h"

static const char *const usage_text =
    "usage: gmtls sm2 <operation> [options]\n"
    "\n"
    "Keys are hex or files: a private key is d (32 bytes, 64 hex digits) or a key file (SEC1, PKCS#8,\n"
    "encrypted PKCS#8 with -passin); a public key is 04||x||y (65 bytes) or 02/03||x (33), or a\n"
    "public key file (SubjectPublicKeyInfo) or a certificate, PEM or DER.\n"
    "The signer ID defaults to 1234567812345678.\n"
    "\n"
    "  keygen                       print a new private key and its public key\n"
    "  pub -key HEX|FILE [-passin SPEC]\n"
    "                               print the public key of a private key\n"
    "  sign -key HEX|FILE [-passin SPEC] [-id STR | -hexid HEX] [-in FILE] [-der]\n"
    "                               sign the input (default stdin); print r||s hex, or the DER form\n"
    "  verify -pub HEX|FILE -sig HEX [-id STR | -hexid HEX] [-in FILE]\n"
    "                               signature as DER or raw r||s hex; exit 0 valid, 1 invalid\n"
    "  encrypt -pub HEX|FILE [-format c1c3c2|c1c2c3|der] [-in FILE] [-hex]\n"
    "                               encrypt the input to stdout (binary, or hex with -hex)\n"
    "  decrypt -key HEX|FILE [-passin SPEC] [-format c1c3c2|c1c2c3|der] [-in FILE] [-hexin]\n"
    "                               decrypt the input (binary, or hex with -hexin) to stdout\n"
    "  exchange                     demonstration: both roles of a key exchange in one process\n"
    "  exchange -role a|b -key HEX -eph HEX -peer HEX -peer-eph HEX [-id STR] [-peer-id STR]\n"
    "           [-len N] [-confirm HEX]\n"
    "                               one side of GB/T 32918.3 key exchange: a = initiator, b = responder;\n"
    "                               -eph is this side's ephemeral private key r (e.g. from keygen),\n"
    "                               -peer-eph the peer's ephemeral public key R. Prints R, the key\n"
    "                               (-len bytes, default 48) and this side's confirmation value (SA for\n"
    "                               a, SB for b); -confirm checks the peer's value (exit 1 on mismatch).\n"
    "                               With default IDs, -len 48 and a = server this is the TLCP premaster.\n";

static const char *CMD = "sm2";

/* Options: name followed by a value, or a flag. */
struct opts {
    const char *key, *pub, *sig, *id, *hexid, *in, *format, *role, *eph, *peer, *peer_eph, *peer_id, *len, *confirm,
        *passin;
    int der, hex, hexin;
};

static int parse_opts(int argc, char **argv, struct opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "-der") == 0) {
            o->der = 1;
            continue;
        }
        if (strcmp(a, "-hex") == 0) {
            o->hex = 1;
            continue;
        }
        if (strcmp(a, "-hexin") == 0) {
            o->hexin = 1;
            continue;
        }
        static const char *const names[] = {"-key", "-pub", "-sig", "-id", "-hexid", "-in", "-format", "-role",
                                            "-eph", "-peer", "-peer-eph", "-peer-id", "-len", "-confirm", "-passin"};
        const char **slots[] = {&o->key, &o->pub, &o->sig, &o->id, &o->hexid, &o->in, &o->format, &o->role,
                                &o->eph, &o->peer, &o->peer_eph, &o->peer_id, &o->len, &o->confirm, &o->passin};
        for (size_t n = 0; n < sizeof names / sizeof names[0]; n++)
            if (strcmp(a, names[n]) == 0)
                slot = slots[n];
        if (!slot)
            return cli_error(CMD, "unknown option %s (see gmtls sm2 -h)", a);
        if (i + 1 >= argc)
            return cli_error(CMD, "%s needs a value", a);
        *slot = argv[++i];
    }
    return 0;
}

/* A key argument names a file when such a file exists; otherwise it is hex (and bad hex is
 * reported as such). */
static int is_file(const char *s)
{
    return access(s, F_OK) == 0;
}

static int load_key(const char *hex, const char *passin, gmtls_sm2_key *key)
{
    uint8_t d[32];
    if (!hex)
        return cli_error(CMD, "-key is required");
    if (is_file(hex))
        return pki_load_key(CMD, hex, passin, key);
    if (cli_hex_arg(CMD, "-key", hex, d, sizeof d, 32, NULL)) {
        gmtls_wipe(d, sizeof d); /* bytes decoded before the bad digit or the wrong length */
        return 1;
    }
    int err = gmtls_sm2_key_from_bytes(key, d);
    gmtls_wipe(d, sizeof d);
    if (err)
        return cli_error(CMD, "-key: not a valid SM2 private key (must be 1 <= d <= n-2)");
    return 0;
}

/* A public key file (SubjectPublicKeyInfo) or a certificate, PEM or DER. */
static int load_pub_file(const char *name, const char *path, gmtls_sm2_pubkey *pub)
{
    uint8_t *buf;
    size_t len;
    if (cli_read_all(CMD, path, &buf, &len))
        return 1;
    int e = gmtls_pubkey_parse(pub, buf, len);
    if (e) {
        gmtls_cert **certs = NULL;
        size_t n = 0;
        gmtls_cert *one = NULL;
        const gmtls_sm2_pubkey *cp = NULL;
        if (gmtls_cert_parse_pem_all(&certs, &n, (const char *)buf, len) == 0 && n > 0)
            cp = gmtls_cert_pubkey(certs[0]);
        else if (gmtls_cert_parse(&one, buf, len) == 0)
            cp = gmtls_cert_pubkey(one);
        if (cp) {
            *pub = *cp;
            e = 0;
        } else if (n > 0 || one) {
            e = GMTLS_ERR_CERT_UNSUPPORTED; /* a certificate, but not for an SM2 key */
        }
        gmtls_cert_free_all(certs, n);
        gmtls_cert_free(one);
    }
    free(buf);
    if (e)
        return cli_error(CMD, "%s %s: not an SM2 public key or certificate: %s", name, path, gmtls_strerror(e));
    return 0;
}

static int load_pub(const char *name, const char *hex, gmtls_sm2_pubkey *pub)
{
    uint8_t b[65];
    size_t n;
    if (!hex)
        return cli_error(CMD, "%s is required", name);
    if (is_file(hex))
        return load_pub_file(name, hex, pub);
    if (cli_hex_arg(CMD, name, hex, b, sizeof b, 0, &n))
        return 1;
    if (gmtls_sm2_pubkey_from_octets(pub, b, n) != 0)
        return cli_error(CMD, "%s: not a valid SM2 public key (04||x||y or 02/03||x on the curve)", name);
    return 0;
}

/* The signer ID: -id text, -hexid bytes, or the default. *buf is malloc'd for -hexid. */
static int load_id(const char *text, const char *hex, const char *what, const uint8_t **id, size_t *len,
                   uint8_t **buf)
{
    *buf = NULL;
    if (text && hex)
        return cli_error(CMD, "give -id or -hexid, not both");
    if (hex) {
        size_t cap = strlen(hex) / 2 + 1;
        *buf = malloc(cap);
        if (!*buf)
            return cli_error(CMD, "out of memory");
        if (cli_hex_arg(CMD, what, hex, *buf, cap, 0, len)) {
            free(*buf);
            *buf = NULL;
            return 1;
        }
        *id = *buf;
    } else if (text) {
        *id = (const uint8_t *)text;
        *len = strlen(text);
    } else {
        *id = (const uint8_t *)GMTLS_SM2_DEFAULT_ID;
        *len = GMTLS_SM2_DEFAULT_ID_LEN;
    }
    if (*len > GMTLS_SM2_MAX_ID_LEN) {
        free(*buf);
        *buf = NULL;
        return cli_error(CMD, "the ID is longer than %d bytes", GMTLS_SM2_MAX_ID_LEN);
    }
    return 0;
}

static void print_hex(const uint8_t *p, size_t n)
{
    char *s = malloc(2 * n + 1);
    if (!s)
        return;
    gmtls_hex_encode(p, n, s);
    printf("%s\n", s);
    gmtls_wipe(s, 2 * n + 1); /* it may be a private key (keygen) or a shared key (exchange) */
    free(s);
}

static void print_pub(const char *label, const gmtls_sm2_pubkey *pub)
{
    uint8_t oct[65];
    size_t n;
    gmtls_sm2_pubkey_to_octets(pub, 0, oct, &n);
    printf("%s", label);
    print_hex(oct, n);
}

static int op_keygen(void)
{
    gmtls_sm2_key key;
    uint8_t d[32];
    int err = gmtls_sm2_keygen(&key);
    if (err)
        return cli_fail(CMD, "keygen", err);
    gmtls_sm2_key_to_bytes(&key, d);
    printf("private ");
    print_hex(d, 32);
    print_pub("public ", &key.pub);
    gmtls_wipe(d, sizeof d);
    gmtls_wipe(&key, sizeof key);
    return 0;
}

static int op_pub(const struct opts *o)
{
    gmtls_sm2_key key;
    if (load_key(o->key, o->passin, &key))
        return 1;
    print_pub("", &key.pub);
    gmtls_wipe(&key, sizeof key);
    return 0;
}

static int op_sign(const struct opts *o)
{
    gmtls_sm2_key key;
    const uint8_t *id;
    size_t id_len, len;
    uint8_t *idbuf, *msg, sig[64], der[72];
    if (load_key(o->key, o->passin, &key))
        return 1;
    if (load_id(o->id, o->hexid, "-hexid", &id, &id_len, &idbuf)) {
        gmtls_wipe(&key, sizeof key);
        return 1;
    }
    int rc = cli_read_all(CMD, o->in, &msg, &len);
    if (rc == 0) {
        int err = gmtls_sm2_sign(&key, id, id_len, msg, len, sig);
        if (err) {
            rc = cli_fail(CMD, "sign", err);
        } else if (o->der) {
            size_t n;
            err = gmtls_sm2_sig_to_der(sig, der, &n);
            if (err)
                rc = cli_fail(CMD, "sign", err);
            else
                print_hex(der, n);
        } else {
            print_hex(sig, 64);
        }
        free(msg);
    }
    free(idbuf);
    gmtls_wipe(&key, sizeof key);
    return rc;
}

static int op_verify(const struct opts *o)
{
    gmtls_sm2_pubkey pub;
    const uint8_t *id;
    size_t id_len, len, sig_len;
    uint8_t *idbuf, *msg, sig[64], raw[80];
    if (load_pub("-pub", o->pub, &pub))
        return 1;
    if (!o->sig)
        return cli_error(CMD, "-sig is required");
    if (cli_hex_arg(CMD, "-sig", o->sig, raw, sizeof raw, 0, &sig_len))
        return 1;
    /* DER first; a bare 64-byte r || s otherwise. */
    if (gmtls_sm2_sig_from_der(raw, sig_len, sig) != 0) {
        if (sig_len != 64)
            return cli_error(CMD, "-sig: not a DER SM2 signature or a 64-byte r||s");
        memcpy(sig, raw, 64);
    }
    if (load_id(o->id, o->hexid, "-hexid", &id, &id_len, &idbuf))
        return 1;
    int rc = cli_read_all(CMD, o->in, &msg, &len);
    if (rc == 0) {
        int err = gmtls_sm2_verify(&pub, id, id_len, msg, len, sig);
        if (err == 0) {
            printf("signature ok\n");
        } else {
            fprintf(stderr, "gmtls sm2: signature verification FAILED: %s\n", gmtls_strerror(err));
            rc = 1;
        }
        free(msg);
    }
    free(idbuf);
    return rc;
}

static int parse_format(const char *s, gmtls_sm2_format *f)
{
    if (!s || strcmp(s, "c1c3c2") == 0)
        *f = GMTLS_SM2_C1C3C2;
    else if (strcmp(s, "c1c2c3") == 0)
        *f = GMTLS_SM2_C1C2C3;
    else if (strcmp(s, "der") == 0)
        *f = GMTLS_SM2_DER;
    else
        return cli_error(CMD, "-format must be c1c3c2, c1c2c3 or der");
    return 0;
}

static int op_encrypt(const struct opts *o)
{
    gmtls_sm2_pubkey pub;
    gmtls_sm2_format f = GMTLS_SM2_C1C3C2;
    uint8_t *msg, *ct;
    size_t len, ct_len;
    if (load_pub("-pub", o->pub, &pub) || parse_format(o->format, &f))
        return 1;
    if (cli_read_all(CMD, o->in, &msg, &len))
        return 1;
    if (len == 0) {
        free(msg);
        return cli_error(CMD, "encrypt: the input is empty (SM2 encrypts at least 1 byte)");
    }
    size_t cap = gmtls_sm2_ciphertext_size(f, len);
    ct = cap ? malloc(cap) : NULL;
    if (!ct) {
        free(msg);
        return cli_error(CMD, "out of memory");
    }
    int rc = 0, err = gmtls_sm2_encrypt(&pub, msg, len, f, ct, cap, &ct_len);
    if (err)
        rc = cli_fail(CMD, "encrypt", err);
    else if (o->hex)
        print_hex(ct, ct_len);
    else
        rc = cli_write_all(CMD, ct, ct_len);
    gmtls_wipe(msg, len);
    free(msg);
    free(ct);
    return rc;
}

static int op_decrypt(const struct opts *o)
{
    gmtls_sm2_key key;
    gmtls_sm2_format f = GMTLS_SM2_C1C3C2;
    uint8_t *in, *pt;
    size_t len, pt_len;
    if (parse_format(o->format, &f) || load_key(o->key, o->passin, &key))
        return 1;
    if (cli_read_all(CMD, o->in, &in, &len)) {
        gmtls_wipe(&key, sizeof key);
        return 1;
    }
    if (o->hexin) {
        /* Hex input: ignore surrounding whitespace. */
        while (len && (in[len - 1] == '\n' || in[len - 1] == '\r' || in[len - 1] == ' '))
            len--;
        size_t n;
        if (gmtls_hex_decode((const char *)in, len, in, len, &n) != 0) {
            free(in);
            gmtls_wipe(&key, sizeof key);
            return cli_error(CMD, "decrypt: the input is not valid hex");
        }
        len = n;
    }
    pt = malloc(len + 1);
    int rc = 0;
    if (!pt) {
        rc = cli_error(CMD, "out of memory");
    } else {
        int err = gmtls_sm2_decrypt(&key, f, in, len, pt, len + 1, &pt_len);
        if (err)
            rc = cli_fail(CMD, "decrypt", err);
        else
            rc = cli_write_all(CMD, pt, pt_len);
        gmtls_wipe(pt, len + 1);
        free(pt);
    }
    free(in);
    gmtls_wipe(&key, sizeof key);
    return rc;
}

/* Both roles in one process: A and B agree on a key and check each other's confirmation. */
static int exchange_demo(void)
{
    gmtls_sm2_key ka, kb;
    gmtls_sm2_kx A, B;
    uint8_t RA[65], RB[65], keyA[48], keyB[48], sa[32], sb[32];
    const uint8_t *id = (const uint8_t *)GMTLS_SM2_DEFAULT_ID;
    int err;
    if ((err = gmtls_sm2_keygen(&ka)) || (err = gmtls_sm2_keygen(&kb)) ||
        (err = gmtls_sm2_kx_init(&A, GMTLS_SM2_INITIATOR, &ka, id, 16, &kb.pub, id, 16)) ||
        (err = gmtls_sm2_kx_init(&B, GMTLS_SM2_RESPONDER, &kb, id, 16, &ka.pub, id, 16)) ||
        (err = gmtls_sm2_kx_generate(&A, RA)) || (err = gmtls_sm2_kx_generate(&B, RB)) ||
        (err = gmtls_sm2_kx_compute(&B, RA, 65, keyB, 48)) || (err = gmtls_sm2_kx_confirmation(&B, sb)) ||
        (err = gmtls_sm2_kx_compute(&A, RB, 65, keyA, 48)) || (err = gmtls_sm2_kx_check(&A, sb)) ||
        (err = gmtls_sm2_kx_confirmation(&A, sa)) || (err = gmtls_sm2_kx_check(&B, sa))) {
        gmtls_sm2_kx_wipe(&A);
        gmtls_sm2_kx_wipe(&B);
        gmtls_wipe(&ka, sizeof ka);
        gmtls_wipe(&kb, sizeof kb);
        gmtls_wipe(keyA, sizeof keyA);
        gmtls_wipe(keyB, sizeof keyB);
        return cli_fail(CMD, "exchange", err);
    }
    print_pub("A static public  ", &ka.pub);
    print_pub("B static public  ", &kb.pub);
    printf("A -> B  RA       ");
    print_hex(RA, 65);
    printf("B -> A  RB       ");
    print_hex(RB, 65);
    printf("B -> A  SB       ");
    print_hex(sb, 32);
    printf("A -> B  SA       ");
    print_hex(sa, 32);
    printf("key at A         ");
    print_hex(keyA, 48);
    printf("key at B         ");
    print_hex(keyB, 48);
    int same = memcmp(keyA, keyB, 48) == 0;
    printf("%s\n", same ? "keys match, confirmations checked" : "KEYS DIFFER");
    gmtls_sm2_kx_wipe(&A);
    gmtls_sm2_kx_wipe(&B);
    gmtls_wipe(&ka, sizeof ka);
    gmtls_wipe(&kb, sizeof kb);
    gmtls_wipe(keyA, sizeof keyA);
    gmtls_wipe(keyB, sizeof keyB);
    return same ? 0 : 1;
}

static int op_exchange(const struct opts *o)
{
    if (!o->role && !o->key && !o->peer && !o->eph && !o->peer_eph)
        return exchange_demo();
    gmtls_sm2_kx_role role;
    if (!o->role)
        return cli_error(CMD, "exchange: -role a|b is required");
    if (strcmp(o->role, "a") == 0 || strcmp(o->role, "initiator") == 0)
        role = GMTLS_SM2_INITIATOR;
    else if (strcmp(o->role, "b") == 0 || strcmp(o->role, "responder") == 0)
        role = GMTLS_SM2_RESPONDER;
    else
        return cli_error(CMD, "-role must be a (initiator) or b (responder)");
    long klen = 48;
    if (o->len) {
        char *end;
        klen = strtol(o->len, &end, 10);
        if (*end || klen < 1 || klen > 65536)
            return cli_error(CMD, "-len must be a number of bytes from 1 to 65536");
    }
    uint8_t r[32], peer_r[65], R[65], s[32], want[32];
    size_t peer_r_len;
    gmtls_sm2_key key;
    gmtls_sm2_pubkey peer;
    gmtls_sm2_kx kx;
    if (!o->eph)
        return cli_error(CMD, "exchange: -eph (this side's ephemeral private key) is required");
    if (!o->peer_eph)
        return cli_error(CMD, "exchange: -peer-eph (the peer's ephemeral public key) is required");
    /* Every return below wipes r (and the key once it is loaded), whichever check fails. */
    if (cli_hex_arg(CMD, "-eph", o->eph, r, 32, 32, NULL) ||
        cli_hex_arg(CMD, "-peer-eph", o->peer_eph, peer_r, sizeof peer_r, 0, &peer_r_len) ||
        (o->confirm && cli_hex_arg(CMD, "-confirm", o->confirm, want, 32, 32, NULL))) {
        gmtls_wipe(r, sizeof r);
        return 1;
    }
    if (load_key(o->key, o->passin, &key)) {
        gmtls_wipe(r, sizeof r);
        return 1;
    }
    const uint8_t *own_id = (const uint8_t *)(o->id ? o->id : GMTLS_SM2_DEFAULT_ID);
    const uint8_t *peer_id = (const uint8_t *)(o->peer_id ? o->peer_id : GMTLS_SM2_DEFAULT_ID);
    int bad_peer = load_pub("-peer", o->peer, &peer);
    uint8_t *k = bad_peer ? NULL : malloc((size_t)klen);
    if (!k) {
        gmtls_wipe(r, sizeof r);
        gmtls_wipe(&key, sizeof key);
        return bad_peer ? 1 : cli_error(CMD, "out of memory");
    }
    int rc = 0, err = gmtls_sm2_kx_init(&kx, role, &key, own_id, strlen((const char *)own_id), &peer, peer_id,
                                        strlen((const char *)peer_id));
    if (!err && gmtls_sm2_kx_set_ephemeral(&kx, r, R) != 0) {
        rc = cli_error(CMD, "-eph: not a valid ephemeral private key (1 <= r <= n-1)");
    } else if (!err) {
        err = gmtls_sm2_kx_compute(&kx, peer_r, peer_r_len, k, (size_t)klen);
        if (err == GMTLS_ERR_BAD_POINT)
            rc = cli_error(CMD, "-peer-eph: not a valid point on the curve");
        else if (!err)
            err = gmtls_sm2_kx_confirmation(&kx, s);
    }
    if (rc == 0 && err)
        rc = cli_fail(CMD, "exchange", err);
    if (rc == 0) {
        printf("R ");
        print_hex(R, 65);
        printf("key ");
        print_hex(k, (size_t)klen);
        printf("%s ", role == GMTLS_SM2_INITIATOR ? "SA" : "SB");
        print_hex(s, 32);
        if (o->confirm) {
            if (gmtls_sm2_kx_check(&kx, want) == 0) {
                printf("peer confirmation (%s) ok\n", role == GMTLS_SM2_INITIATOR ? "SB" : "SA");
            } else {
                fprintf(stderr, "gmtls sm2: peer confirmation value does not match\n");
                rc = 1;
            }
        }
    }
    gmtls_wipe(k, (size_t)klen);
    free(k);
    gmtls_wipe(r, sizeof r);
    gmtls_wipe(&key, sizeof key);
    gmtls_sm2_kx_wipe(&kx);
    return rc;
}

int cmd_sm2(int argc, char **argv)
{
    struct opts o;
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage_text, argc < 2 ? stderr : stdout);
        return argc < 2 ? 1 : 0;
    }
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0) {
            fputs(usage_text, stdout);
            return 0;
        }
    if (parse_opts(argc, argv, &o))
        return 1;
    const char *op = argv[1];
    if (strcmp(op, "keygen") == 0)
        return op_keygen();
    if (strcmp(op, "pub") == 0)
        return op_pub(&o);
    if (strcmp(op, "sign") == 0)
        return op_sign(&o);
    if (strcmp(op, "verify") == 0)
        return op_verify(&o);
    if (strcmp(op, "encrypt") == 0)
        return op_encrypt(&o);
    if (strcmp(op, "decrypt") == 0)
        return op_decrypt(&o);
    if (strcmp(op, "exchange") == 0)
        return op_exchange(&o);
    return cli_error(CMD, "unknown operation '%s' (keygen, pub, sign, verify, encrypt, decrypt, exchange)", op);
}
