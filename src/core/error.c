/* Error names and descriptions. One table, so a code and its text cannot drift apart. */
#include "gmtls/error.h"

#include <stddef.h>

struct err_entry {
    int code;
    const char *name;
    const char *text;
};

#define E(c, t) {c, #c, t}
static const struct err_entry errors[] = {
    E(GMTLS_OK, "success"),
    E(GMTLS_ERR_INVALID_ARG, "invalid argument"),
    E(GMTLS_ERR_BUFFER_TOO_SMALL, "output buffer too small"),
    E(GMTLS_ERR_BAD_LENGTH, "invalid length"),
    E(GMTLS_ERR_NOT_SUPPORTED, "not supported"),
    E(GMTLS_ERR_BAD_STATE, "operation not allowed in this state"),
    E(GMTLS_ERR_NOT_FOUND, "not found"),
    E(GMTLS_ERR_EXISTS, "already exists"),
    E(GMTLS_ERR_IO, "I/O error"),
    E(GMTLS_ERR_TIMEOUT, "timed out"),
    E(GMTLS_ERR_CLOSED, "connection closed"),
    E(GMTLS_ERR_WANT_READ, "would block: waiting to read"),
    E(GMTLS_ERR_WANT_WRITE, "would block: waiting to write"),
    E(GMTLS_ERR_ALERT_RECEIVED, "fatal alert received from peer"),
    E(GMTLS_ERR_DECODE, "truncated or malformed input"),
    E(GMTLS_ERR_TRAILING_DATA, "unexpected bytes after the end of the input"),
    E(GMTLS_ERR_UNEXPECTED_MESSAGE, "unexpected message"),
    E(GMTLS_ERR_ILLEGAL_PARAMETER, "illegal parameter"),
    E(GMTLS_ERR_HANDSHAKE_FAILURE, "handshake failure"),
    E(GMTLS_ERR_PROTOCOL_VERSION, "unsupported protocol version"),
    E(GMTLS_ERR_RECORD_OVERFLOW, "record too large"),
    E(GMTLS_ERR_VERIFY_FAILED, "signature verification failed"),
    E(GMTLS_ERR_DECRYPT_FAILED, "decryption failed"),
    E(GMTLS_ERR_AUTH_FAILED, "authentication tag or MAC mismatch"),
    E(GMTLS_ERR_BAD_KEY, "invalid private key"),
    E(GMTLS_ERR_BAD_POINT, "invalid curve point"),
    E(GMTLS_ERR_BAD_SIGNATURE, "malformed signature"),
    E(GMTLS_ERR_RANDOM, "no randomness available"),
    E(GMTLS_ERR_KX_CONFIRM, "key exchange confirmation mismatch"),
    E(GMTLS_ERR_BAD_PASSWORD, "wrong password or corrupt encrypted key"),
    E(GMTLS_ERR_CERT_BAD, "malformed or invalid certificate"),
    E(GMTLS_ERR_CERT_UNSUPPORTED, "unsupported certificate"),
    E(GMTLS_ERR_CERT_SIGNATURE, "certificate signature does not verify"),
    E(GMTLS_ERR_CERT_EXPIRED, "certificate expired"),
    E(GMTLS_ERR_CERT_NOT_YET_VALID, "certificate not yet valid"),
    E(GMTLS_ERR_CERT_REVOKED, "certificate revoked"),
    E(GMTLS_ERR_CERT_UNKNOWN_CA, "certificate issuer unknown"),
    E(GMTLS_ERR_CERT_KEY_USAGE, "certificate key usage does not allow this use"),
    E(GMTLS_ERR_CERT_EXT_KEY_USAGE, "certificate extended key usage does not allow this use"),
    E(GMTLS_ERR_CERT_NAME_MISMATCH, "certificate does not match the host name"),
    E(GMTLS_ERR_CERT_CRITICAL_EXT, "certificate has an unknown critical extension"),
    E(GMTLS_ERR_CERT_PATH_LEN, "certificate path length constraint exceeded"),
    E(GMTLS_ERR_CERT_CHAIN_TOO_LONG, "certificate chain too long or looping"),
    E(GMTLS_ERR_CERT_NOT_CA, "issuer certificate is not a CA"),
    E(GMTLS_ERR_CERT_PAIR, "signing and encryption certificates do not form a valid TLCP pair"),
    E(GMTLS_ERR_CERT_NAME_CONSTRAINTS, "certificate violates name constraints"),
    E(GMTLS_ERR_CRL_BAD, "malformed CRL"),
    E(GMTLS_ERR_CRL_SIGNATURE, "CRL signature does not verify"),
    E(GMTLS_ERR_CRL_EXPIRED, "CRL expired"),
    E(GMTLS_ERR_HEX, "invalid hex"),
    E(GMTLS_ERR_DER_TRUNCATED, "DER: truncated"),
    E(GMTLS_ERR_DER_TAG, "DER: unexpected tag"),
    E(GMTLS_ERR_DER_LENGTH, "DER: invalid, non-minimal or indefinite length"),
    E(GMTLS_ERR_DER_TRAILING, "DER: trailing bytes"),
    E(GMTLS_ERR_DER_DEPTH, "DER: nesting too deep"),
    E(GMTLS_ERR_DER_VALUE, "DER: non-canonical value"),
    E(GMTLS_ERR_PEM, "PEM: malformed"),
    E(GMTLS_ERR_BASE64, "invalid base64"),
    E(GMTLS_ERR_OID, "invalid object identifier"),
    E(GMTLS_ERR_UNKNOWN_ALGORITHM, "unknown or unsupported algorithm"),
    E(GMTLS_ERR_KEY_FORMAT, "unrecognised key format"),
    E(GMTLS_ERR_TIME_FORMAT, "invalid time"),
    E(GMTLS_ERR_NO_MEMORY, "out of memory"),
    E(GMTLS_ERR_INTERNAL, "internal error"),
};
#undef E

static const struct err_entry *find(int err)
{
    for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
        if (errors[i].code == err)
            return &errors[i];
    return NULL;
}

const char *gmtls_strerror(int err)
{
    const struct err_entry *e = find(err);
    return e ? e->text : "unknown error";
}

const char *gmtls_errname(int err)
{
    const struct err_entry *e = find(err);
    return e ? e->name : "GMTLS_ERR_UNKNOWN";
}
