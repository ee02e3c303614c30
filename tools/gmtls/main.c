/* gmtls: command-line entry point. Subcommands live one per file and are listed here. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

struct command {
    const char *name;
    gmtls_cmd_fn fn;
    const char *summary;
};

/* Keep sorted by name; `gmtls help` prints them in this order. */
static const struct command commands[] = {
    {"ca", cmd_ca, "issue certificates from requests or public keys, or a self-signed root"},
    {"hmac-sm3", cmd_hmac_sm3, "HMAC-SM3 of a file or standard input"},
    {"keygen", cmd_keygen, "generate an SM2 private key (PKCS#8, optionally encrypted, or SEC1)"},
    {"pkey", cmd_pkey, "convert SM2 private keys between formats, print the public key"},
    {"pki", cmd_pki, "make a complete TLCP/Fabric PKI for an organisation (pki init)"},
    {"req", cmd_req, "make, check and show PKCS#10 certificate requests"},
    {"sm2", cmd_sm2, "SM2 keys, signatures, encryption and key exchange"},
    {"sm3", cmd_sm3, "SM3 digests of files or standard input"},
    {"sm4", cmd_sm4, "SM4 encryption and decryption (CBC, CTR, GCM)"},
    {"speed", cmd_speed, "measure the speed of the algorithms"},
    {"verify", cmd_verify, "verify certificates, chains and TLCP certificate pairs"},
    {"x509", cmd_x509, "print and convert X.509 certificates"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: gmtls <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n`gmtls <command> -h` describes a command's options.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 1;
    }
    if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version") == 0) {
        printf("gmtls 0.1.0\n");
        return 0;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "gmtls: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 1;
}
