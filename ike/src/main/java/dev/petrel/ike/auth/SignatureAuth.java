package dev.petrel.ike.auth;

import dev.petrel.crypto.signature.SignatureScheme;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.wire.iana.IanaValue;
import dev.petrel.wire.ike.AuthMethod;
import dev.petrel.wire.ike.AuthenticationPayload;
import dev.petrel.wire.ike.HashAlgorithm;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AUTH payloads made and checked with public keys (RFC 7296 §2.15): Digital Signature, Auth Method 14 (RFC 7427 §3),
 * whose data is a one-octet length, the scheme's AlgorithmIdentifier and the signature; and, for peers that do not
 * announce RFC 7427, the classic methods: 1, RSA PKCS#1 v1.5 over SHA-1 (RFC 7296 §3.8), and 9-11, ECDSA with
 * SHA-256/384/512 on P-256/384/521 (RFC 4754). Signing and verifying use different keys, so unlike
 * {@link SharedKeyAuth} this is no {@link Authenticator}.
 */
public final class SignatureAuth {
    /**
     * The hashes we announce in SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4; IDENTITY for Ed25519, RFC 8420) and accept
     * in a Digital Signature: SHA-1 is not among them (RFC 8247 §3.2).
     */
    public static final List<HashAlgorithm> HASHES = List.of(HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_384,
            HashAlgorithm.SHA2_512, HashAlgorithm.IDENTITY);

    private static final Map<AuthMethod, SignatureScheme> CLASSIC = Map.of(
            AuthMethod.RSA_DIGITAL_SIGNATURE, SignatureScheme.RSA_PKCS1_SHA1,
            AuthMethod.ECDSA_SHA256_P256, SignatureScheme.ECDSA_P256_SHA256,
            AuthMethod.ECDSA_SHA384_P384, SignatureScheme.ECDSA_P384_SHA384,
            AuthMethod.ECDSA_SHA512_P521, SignatureScheme.ECDSA_P521_SHA512);

    private SignatureAuth() {}

    /**
     * Our AUTH payload over {@code signedOctets}: a Digital Signature with the first of our schemes whose hash the
     * peer announced or, when it announced none ({@code peerHashes} null), the classic method for our key, as
     * strongSwan does. Randomness the scheme needs comes from {@code random}.
     */
    public static AuthenticationPayload sign(CertificateAuth ours, Set<HashAlgorithm> peerHashes, byte[] signedOctets,
            SecureRandom random) throws AuthenticationException {
        if (peerHashes == null) {
            for (Map.Entry<AuthMethod, SignatureScheme> classic : CLASSIC.entrySet()) {
                if (classic.getValue().fits(ours.key())) {
                    return new AuthenticationPayload(classic.getKey().value(),
                            classic.getValue().sign(ours.key(), signedOctets, random));
                }
            }
            throw new AuthenticationException("the peer announced no SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4), and our "
                    + ours.key().getAlgorithm() + " key signs with no other AUTH method");
        }
        SignatureScheme scheme = ours.schemes().stream().filter(s -> peerHashes.contains(s.hash())).findFirst()
                .orElseThrow(() -> new AuthenticationException("the peer announced the signature hashes "
                        + peerHashes.stream().sorted().toList() + ", and none is one of our schemes " + ours.schemes()));
        byte[] algorithm = scheme.algorithmIdentifier().orElseThrow();
        byte[] signature = scheme.sign(ours.key(), signedOctets, random);
        return new AuthenticationPayload(AuthMethod.DIGITAL_SIGNATURE.value(), ByteBuffer
                .allocate(1 + algorithm.length + signature.length).put((byte) algorithm.length).put(algorithm)
                .put(signature).array());
    }

    /** Checks the peer's AUTH payload over {@code signedOctets} with the public key of its {@code certificate}. */
    public static void verify(X509Certificate certificate, AuthenticationPayload auth, byte[] signedOctets)
            throws AuthenticationException {
        String whose = "certificate " + CertificateIdentity.subject(certificate);
        PublicKey key = certificate.getPublicKey();
        Optional<AuthMethod> method = IanaValue.byValue(AuthMethod.class, auth.method());
        SignatureScheme scheme;
        byte[] signature;
        if (method.isPresent() && method.get() == AuthMethod.DIGITAL_SIGNATURE) {
            byte[] data = auth.data();
            int length = data.length == 0 ? 0 : data[0] & 0xff;
            if (data.length < 2 + length) {
                throw new AuthenticationException("the peer's Digital Signature AUTH data is too short for its "
                        + "AlgorithmIdentifier (RFC 7427 §3)");
            }
            byte[] algorithm = Arrays.copyOfRange(data, 1, 1 + length);
            scheme = SignatureScheme.ofAlgorithmIdentifier(algorithm).orElseThrow(() -> new AuthenticationException(
                    "the peer signed with AlgorithmIdentifier " + HexFormat.of().formatHex(algorithm)
                            + ", no signature scheme Petrel knows (RFC 7427 §3)"));
            if (!HASHES.contains(scheme.hash())) {
                throw new AuthenticationException("the peer signed with " + scheme + ", whose hash " + scheme.hash()
                        + " we did not announce (RFC 7427 §4)");
            }
            signature = Arrays.copyOfRange(data, 1 + length, data.length);
        } else if (method.isPresent() && CLASSIC.containsKey(method.get())) {
            scheme = CLASSIC.get(method.get());
            signature = auth.data();
        } else {
            throw new AuthenticationException("the peer authenticated with " + method.map(Enum::name)
                    .orElse("Auth Method " + auth.method()) + ", the connection expects a signature with " + whose);
        }
        if (!scheme.fits(key)) {
            throw new AuthenticationException("the peer signed with " + scheme + ", which does not fit the "
                    + key.getAlgorithm() + " key of its " + whose);
        }
        if (!scheme.verify(key, signedOctets, signature)) {
            throw new AuthenticationException("the peer's AUTH (" + scheme + ") does not verify with the key of its "
                    + whose);
        }
    }
}
