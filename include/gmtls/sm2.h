/* gmtls: SM2 public-key cryptography on the curve sm2p256v1 (GB/T 32918-2016, GB/T 32918.5 curve):
 * keys, the signer hash Z, signatures (part 2), key exchange (part 3) and encryption (part 4).
 *
 * Every structure here is allocated by the caller, has a fixed size and never owns heap memory.
 * Treat their fields as private: fill them only through the functions below. Objects holding a
 * private key (gmtls_sm2_key, gmtls_sm2_sign_key, gmtls_sm2_signer, gmtls_sm2_kx) should be wiped with gmtls_wipe
 * (include/gmtls/util.h) or the matching *_wipe function when no longer needed.
 *
 * All operations on private values (d, nonces, ephemeral keys, shared points) run in constant time.
 * Every public key is validated when it is imported (coordinates < p, on the curve, not infinity). */
#ifndef GMTLS_SM2_H
#define GMTLS_SM2_H

#include "api.h"

/* The signer ID used when none is agreed (GM/T 0009-2012 10; TLCP uses it for every signature). */
#define GMTLS_SM2_DEFAULT_ID "1234567812345678"
#define GMTLS_SM2_DEFAULT_ID_LEN 16
/* ENTL is the ID length in bits as 2 bytes (GB/T 32918.2 5.5), so IDs are at most 8191 bytes. */
#define GMTLS_SM2_MAX_ID_LEN 8191

#define GMTLS_SM2_SCALAR_SIZE 32   /* private key, r, s */
#define GMTLS_SM2_POINT_SIZE 65    /* 04 || x || y */
#define GMTLS_SM2_SIG_SIZE 64      /* raw r || s */
#define GMTLS_SM2_SIG_DER_MAX 72   /* SEQUENCE { INTEGER r, INTEGER s } at most */

/* A validated public key. Size: 160 bytes. */
typedef struct {
    uint8_t x[32], y[32];   /* affine coordinates, big-endian */
    uint64_t point[12];     /* the same point in the arithmetic layer's form */
} gmtls_sm2_pubkey;

/* A private key with its public key. Size: 192 bytes. */
typedef struct {
    gmtls_sm2_pubkey pub;
    uint64_t d[4];          /* 1 <= d <= n - 2 */
} gmtls_sm2_key;

/* A private key prepared for repeated signing: caches (1 + d)^-1 and Z for the default ID.
 * Read-only after gmtls_sm2_sign_key_init, so threads may share one. Size: 256 bytes. */
typedef struct {
    gmtls_sm2_key key;
    uint64_t dinv[4];       /* (1 + d)^-1 mod n */
    uint8_t z_default[32];  /* Z for GMTLS_SM2_DEFAULT_ID and this key */
} gmtls_sm2_sign_key;

/* ---- keys (GB/T 32918.1 6.1, 6.2; point encodings 4.2.8, 4.2.9) ---- */

/* A fresh key pair from gmtls_random. GMTLS_ERR_RANDOM when randomness fails. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_keygen(gmtls_sm2_key *key);
/* Load d (32 bytes big-endian) and derive the public key. GMTLS_ERR_BAD_KEY unless 1 <= d <= n - 2. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_key_from_bytes(gmtls_sm2_key *key, const uint8_t d[32]);
GMTLS_API void gmtls_sm2_key_to_bytes(const gmtls_sm2_key *key, uint8_t d[32]);
/* Copy the public half of a key. */
GMTLS_API void gmtls_sm2_pubkey_from_key(gmtls_sm2_pubkey *pub, const gmtls_sm2_key *key);
/* Decode and validate 04 || x || y (65 bytes) or 02/03 || x (33 bytes, compressed). Anything else,
 * coordinates >= p, points off the curve and the point at infinity: GMTLS_ERR_BAD_POINT. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_pubkey_from_octets(gmtls_sm2_pubkey *pub, const uint8_t *in, size_t len);
/* Encode as 04 || x || y (*len = 65) or, when compressed != 0, 02/03 || x (*len = 33). */
GMTLS_API void gmtls_sm2_pubkey_to_octets(const gmtls_sm2_pubkey *pub, int compressed, uint8_t out[65], size_t *len);
/* 1 when a and b are the same point. */
GMTLS_API int gmtls_sm2_pubkey_equal(const gmtls_sm2_pubkey *a, const gmtls_sm2_pubkey *b);

/* ---- signer hash (GB/T 32918.2 5.5) ---- */

/* Z = SM3(ENTL || ID || a || b || Gx || Gy || xA || yA). id may be NULL when id_len is 0.
 * GMTLS_ERR_BAD_LENGTH when id_len > GMTLS_SM2_MAX_ID_LEN. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_compute_z(const gmtls_sm2_pubkey *pub, const uint8_t *id, size_t id_len,
                                                   uint8_t z[32]);
/* e = SM3(Z || M), the digest that is signed (GB/T 32918.2 6.1 A1-A2). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_compute_e(const gmtls_sm2_pubkey *pub, const uint8_t *id, size_t id_len,
                                                   const uint8_t *msg, size_t msg_len, uint8_t e[32]);

/* ---- signatures (GB/T 32918.2 6, 7) ---- */
/* Signatures are raw r || s, 32 bytes each, big-endian. Signing fails only with GMTLS_ERR_RANDOM
 * (or GMTLS_ERR_BAD_LENGTH for an over-long ID). */

GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_sign(const gmtls_sm2_key *key, const uint8_t *id, size_t id_len,
                                              const uint8_t *msg, size_t msg_len, uint8_t sig[64]);
/* Sign a precomputed e = SM3(Z || M). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_sign_digest(const gmtls_sm2_key *key, const uint8_t e[32], uint8_t sig[64]);

/* Prepare a key for fast repeated signing. */
GMTLS_API void gmtls_sm2_sign_key_init(gmtls_sm2_sign_key *sk, const gmtls_sm2_key *key);
/* As gmtls_sm2_sign; the cached Z is used when id is the default ID. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_sign_key_sign(const gmtls_sm2_sign_key *sk, const uint8_t *id,
                                                       size_t id_len, const uint8_t *msg, size_t msg_len,
                                                       uint8_t sig[64]);
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_sign_key_sign_digest(const gmtls_sm2_sign_key *sk, const uint8_t e[32],
                                                              uint8_t sig[64]);

/* A signer: a prepared sign key plus a pool of precomputed nonces (k and the x coordinate of [k]G),
 * refilled GMTLS_SM2_SIGNER_POOL at a time from gmtls_random with one shared field inversion. It
 * signs faster than gmtls_sm2_sign_key, but it changes with every signature: use one per thread,
 * never share one between threads. A pool filled before fork() is discarded in the child (and the
 * parent's remaining nonces are never used by both). Never copy a signer (memcpy, struct
 * assignment): two copies would sign with the same nonces, and two signatures with one nonce give
 * away the private key. Wipe it with gmtls_sm2_signer_wipe. Size: 1296 bytes. */
#define GMTLS_SM2_SIGNER_POOL 16
typedef struct {
    gmtls_sm2_sign_key sk;
    uint64_t k[GMTLS_SM2_SIGNER_POOL][4]; /* unused nonces */
    uint64_t x[GMTLS_SM2_SIGNER_POOL][4]; /* x1 of [k]G, mod n */
    uint32_t avail;                       /* entries left in the pool */
    uint32_t fork_gen;                    /* process generation the pool was filled in */
    uint64_t reserved;
} gmtls_sm2_signer;

GMTLS_API void gmtls_sm2_signer_init(gmtls_sm2_signer *sg, const gmtls_sm2_key *key);
/* As gmtls_sm2_sign_key_sign / _sign_digest (GMTLS_ERR_RANDOM when a refill cannot get randomness). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_signer_sign(gmtls_sm2_signer *sg, const uint8_t *id, size_t id_len,
                                                     const uint8_t *msg, size_t msg_len, uint8_t sig[64]);
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_signer_sign_digest(gmtls_sm2_signer *sg, const uint8_t e[32],
                                                            uint8_t sig[64]);
GMTLS_API void gmtls_sm2_signer_wipe(gmtls_sm2_signer *sg);

/* 0 for a valid signature; GMTLS_ERR_BAD_SIGNATURE when r or s is outside [1, n - 1] or
 * (r + s) mod n = 0; GMTLS_ERR_VERIFY_FAILED when the signature does not match. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_verify(const gmtls_sm2_pubkey *pub, const uint8_t *id, size_t id_len,
                                                const uint8_t *msg, size_t msg_len, const uint8_t sig[64]);
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_verify_digest(const gmtls_sm2_pubkey *pub, const uint8_t e[32],
                                                       const uint8_t sig[64]);

/* A public key prepared for repeated verification (a CA key, a cached peer key): holds a table of
 * multiples of the point and Z for the default ID. Public data only; read-only after
 * gmtls_sm2_verify_key_init, so threads may share one. Size: 4352 bytes. */
typedef struct {
    gmtls_sm2_pubkey pub;
    uint8_t z_default[32];
    uint64_t table[520];    /* the arithmetic layer's table of odd multiples of the point */
} gmtls_sm2_verify_key;

GMTLS_API void gmtls_sm2_verify_key_init(gmtls_sm2_verify_key *vk, const gmtls_sm2_pubkey *pub);
/* As gmtls_sm2_verify / gmtls_sm2_verify_digest (same results and codes); the cached Z is used
 * when id is the default ID. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_verify_key_verify(const gmtls_sm2_verify_key *vk, const uint8_t *id,
                                                           size_t id_len, const uint8_t *msg, size_t msg_len,
                                                           const uint8_t sig[64]);
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_verify_key_verify_digest(const gmtls_sm2_verify_key *vk, const uint8_t e[32],
                                                                  const uint8_t sig[64]);

/* DER SEQUENCE { INTEGER r, INTEGER s } (GM/T 0009-2012 7.3). Encoding writes at most 72 bytes.
 * Decoding is strict (minimal lengths and integers, positive, no trailing bytes, r and s at most
 * 32 bytes); any defect gives GMTLS_ERR_BAD_SIGNATURE. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_sig_to_der(const uint8_t sig[64], uint8_t out[72], size_t *len);
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_sig_from_der(const uint8_t *in, size_t len, uint8_t sig[64]);

/* ---- encryption (GB/T 32918.4 6, 7) ---- */

typedef enum {
    GMTLS_SM2_C1C3C2 = 0, /* 04 || x1 || y1 || C3 || C2 (GB/T 32918.4-2016) */
    GMTLS_SM2_C1C2C3 = 1, /* 04 || x1 || y1 || C2 || C3 (GM/T 0003.4-2012, legacy) */
    GMTLS_SM2_DER = 2     /* GM/T 0009: SEQUENCE { INTEGER x1, INTEGER y1, OCTET STRING C3, OCTET STRING C2 } */
} gmtls_sm2_format;

/* The largest ciphertext for msg_len bytes (exact for the raw formats, an upper bound for DER);
 * 0 for an unknown format, a length that overflows, or msg_len above the KDF's limit of
 * (2^32 - 1) * 32 bytes. */
GMTLS_API size_t gmtls_sm2_ciphertext_size(gmtls_sm2_format format, size_t msg_len);
/* Encrypt msg (at least 1 byte) to pub. GMTLS_ERR_BAD_LENGTH for an empty message,
 * GMTLS_ERR_BUFFER_TOO_SMALL when cap < gmtls_sm2_ciphertext_size(format, msg_len),
 * GMTLS_ERR_INVALID_ARG for an unknown format, GMTLS_ERR_RANDOM. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_encrypt(const gmtls_sm2_pubkey *pub, const uint8_t *msg, size_t msg_len,
                                                 gmtls_sm2_format format, uint8_t *out, size_t cap,
                                                 size_t *out_len);
/* Decrypt. Any malformed, truncated or forged ciphertext gives GMTLS_ERR_DECRYPT_FAILED, with
 * out[0..cap) zeroed (on success too, the bytes of out past the plaintext are zeroed).
 * GMTLS_ERR_BUFFER_TOO_SMALL (before any secret computation) when cap is less than the plaintext
 * length that the ciphertext's size announces; GMTLS_ERR_INVALID_ARG for an unknown format.
 * Only the uncompressed 04 form of C1 is accepted in the raw formats. in and out must not overlap
 * (nor msg and out for gmtls_sm2_encrypt): overlapping buffers give GMTLS_ERR_INVALID_ARG. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_decrypt(const gmtls_sm2_key *key, gmtls_sm2_format format,
                                                 const uint8_t *in, size_t len, uint8_t *out, size_t cap,
                                                 size_t *out_len);

/* ---- key exchange (GB/T 32918.3 6.1) ---- */

typedef enum {
    GMTLS_SM2_INITIATOR = 0, /* user A: sends RA first, receives RB and SB, sends SA */
    GMTLS_SM2_RESPONDER = 1  /* user B: receives RA, sends RB and SB, receives SA */
} gmtls_sm2_kx_role;

/* One side of a key exchange. Size: 592 bytes. */
typedef struct {
    gmtls_sm2_key own;          /* own static key */
    gmtls_sm2_pubkey peer;      /* peer's static public key */
    uint8_t za[32], zb[32];     /* Z of the initiator and of the responder */
    uint64_t r[4];              /* own ephemeral scalar */
    uint8_t own_r[65];          /* own ephemeral point, 04 || x || y */
    uint8_t s_own[32];          /* own confirmation value (SB for B, SA for A) */
    uint8_t s_peer[32];         /* the confirmation value expected from the peer */
    int role;
    int state;                  /* 0 initialised, 1 ephemeral ready, 2 computed */
} gmtls_sm2_kx;

/* Start an exchange. own_id / peer_id may be NULL when their length is 0 (GMTLS_SM2_DEFAULT_ID is
 * the usual choice). GMTLS_ERR_BAD_LENGTH for an ID longer than GMTLS_SM2_MAX_ID_LEN,
 * GMTLS_ERR_INVALID_ARG for an unknown role. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_kx_init(gmtls_sm2_kx *kx, gmtls_sm2_kx_role role, const gmtls_sm2_key *own,
                                                 const uint8_t *own_id, size_t own_id_len,
                                                 const gmtls_sm2_pubkey *peer, const uint8_t *peer_id,
                                                 size_t peer_id_len);
/* Generate the own ephemeral key r and write R = [r]G as 04 || x || y (A1-A3 / B1-B3). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_kx_generate(gmtls_sm2_kx *kx, uint8_t own_r[65]);
/* With the peer's ephemeral point (65-byte or compressed encoding; validated: GMTLS_ERR_BAD_POINT),
 * derive klen >= 1 key bytes (A4-A8 / B4-B8) and the confirmation values. GMTLS_ERR_BAD_STATE
 * before gmtls_sm2_kx_generate; GMTLS_ERR_BAD_POINT when U / V is the point at infinity.
 * On failure key[0..klen) is zeroed. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_kx_compute(gmtls_sm2_kx *kx, const uint8_t *peer_r, size_t peer_r_len,
                                                    uint8_t *key, size_t klen);
/* The own confirmation value to send: SB for the responder (B10), SA for the initiator (A10). */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_kx_confirmation(const gmtls_sm2_kx *kx, uint8_t s[32]);
/* Check the peer's confirmation value: SB at the initiator (A9), SA at the responder (B10), in
 * constant time. GMTLS_ERR_KX_CONFIRM on mismatch. An initiator that uses confirmation must check
 * SB before it trusts the key. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_kx_check(const gmtls_sm2_kx *kx, const uint8_t s[32]);
GMTLS_API void gmtls_sm2_kx_wipe(gmtls_sm2_kx *kx);

/* TLCP ECDHE premaster (GB/T 38636-2020 6.4.5.4; GM/T 0003.3): the server is the initiator A, the
 * client the responder B, the static keys are each side's ENCRYPTION key pair, both IDs are the
 * default ID, the key is 48 bytes and no confirmation values are exchanged. own_eph is this side's
 * ephemeral key (gmtls_sm2_keygen), peer_eph the ephemeral public key received. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_sm2_kx_tlcp(int is_server, const gmtls_sm2_key *own_enc,
                                                 const gmtls_sm2_key *own_eph, const gmtls_sm2_pubkey *peer_enc,
                                                 const gmtls_sm2_pubkey *peer_eph, uint8_t premaster[48]);

/* Name of the curve arithmetic in use (e.g. "portable", "bmi2-adx"). */
GMTLS_API const char *gmtls_sm2_impl(void);

#endif
