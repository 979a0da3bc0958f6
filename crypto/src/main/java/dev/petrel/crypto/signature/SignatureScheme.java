package dev.petrel.crypto.signature;

import dev.petrel.crypto.TransformException;
import dev.petrel.wire.ike.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The signature schemes of IKEv2 public key authentication, computed by the JCA provider: those of Digital Signature
 * authentication (RFC 7427), each named on the wire by its ASN.1 AlgorithmIdentifier (the encodings of RFC 7427
 * Appendix A; RSASSA-PSS with MGF1 over the same hash and a salt as long as the hash, RFC 4055 §3.1), and the
 * classic ones whose AUTH method names them: RSA PKCS#1 v1.5 over SHA-1 (RFC 7296 §3.8, method 1) and ECDSA on one
 * curve with r || s (RFC 4754 §7, methods 9-11), which carry no AlgorithmIdentifier.
 */
public enum SignatureScheme {
    RSA_PKCS1_SHA256("SHA256withRSA", null, Family.RSA, HashAlgorithm.SHA2_256, "300d06092a864886f70d01010b0500"),
    RSA_PKCS1_SHA384("SHA384withRSA", null, Family.RSA, HashAlgorithm.SHA2_384, "300d06092a864886f70d01010c0500"),
    RSA_PKCS1_SHA512("SHA512withRSA", null, Family.RSA, HashAlgorithm.SHA2_512, "300d06092a864886f70d01010d0500"),
    RSA_PSS_SHA256("RSASSA-PSS", pss("SHA-256", MGF1ParameterSpec.SHA256, 32), Family.RSA, HashAlgorithm.SHA2_256,
            "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d"
                    + "06096086480165030402010500a203020120"),
    RSA_PSS_SHA384("RSASSA-PSS", pss("SHA-384", MGF1ParameterSpec.SHA384, 48), Family.RSA, HashAlgorithm.SHA2_384,
            "304106092a864886f70d01010a3034a00f300d06096086480165030402020500a11c301a06092a864886f70d010108300d"
                    + "06096086480165030402020500a203020130"),
    RSA_PSS_SHA512("RSASSA-PSS", pss("SHA-512", MGF1ParameterSpec.SHA512, 64), Family.RSA, HashAlgorithm.SHA2_512,
            "304106092a864886f70d01010a3034a00f300d06096086480165030402030500a11c301a06092a864886f70d010108300d"
                    + "06096086480165030402030500a203020140"),
    ECDSA_SHA256("SHA256withECDSA", null, Family.EC, HashAlgorithm.SHA2_256, "300a06082a8648ce3d040302"),
    ECDSA_SHA384("SHA384withECDSA", null, Family.EC, HashAlgorithm.SHA2_384, "300a06082a8648ce3d040303"),
    ECDSA_SHA512("SHA512withECDSA", null, Family.EC, HashAlgorithm.SHA2_512, "300a06082a8648ce3d040304"),
    ED25519("Ed25519", null, Family.ED25519, HashAlgorithm.IDENTITY, "300506032b6570"),
    /** RSA PKCS#1 v1.5 over SHA-1, Auth Method 1 (RFC 7296 §3.8): no AlgorithmIdentifier. */
    RSA_PKCS1_SHA1("SHA1withRSA", null, Family.RSA, HashAlgorithm.SHA1, null),
    /** ECDSA with SHA-256 on P-256, r || s, Auth Method 9 (RFC 4754). */
    ECDSA_P256_SHA256("SHA256withECDSAinP1363Format", null, Family.P256, HashAlgorithm.SHA2_256, null),
    /** ECDSA with SHA-384 on P-384, r || s, Auth Method 10 (RFC 4754). */
    ECDSA_P384_SHA384("SHA384withECDSAinP1363Format", null, Family.P384, HashAlgorithm.SHA2_384, null),
    /** ECDSA with SHA-512 on P-521, r || s, Auth Method 11 (RFC 4754). */
    ECDSA_P521_SHA512("SHA512withECDSAinP1363Format", null, Family.P521, HashAlgorithm.SHA2_512, null);

    private final String jcaName;
    private final PSSParameterSpec parameters;
    private final Family family;
    private final HashAlgorithm hash;
    private final byte[] algorithmIdentifier;
    /** The OBJECT IDENTIFIER element of {@link #algorithmIdentifier}, which recognising one compares. */
    private final byte[] oid;

    SignatureScheme(String jcaName, PSSParameterSpec parameters, Family family, HashAlgorithm hash, String der) {
        this.jcaName = jcaName;
        this.parameters = parameters;
        this.family = family;
        this.hash = hash;
        this.algorithmIdentifier = der == null ? null : HexFormat.of().parseHex(der);
        this.oid = der == null ? null : Der.read(Der.read(algorithmIdentifier, 0).value(), 0).encoded();
    }

    /** The hash the scheme applies first, as the SIGNATURE_HASH_ALGORITHMS notify names it (RFC 7427 §4). */
    public HashAlgorithm hash() {
        return hash;
    }

    /** The DER AlgorithmIdentifier of RFC 7427 §3, or empty for a classic scheme that has none on the wire. */
    public Optional<byte[]> algorithmIdentifier() {
        return Optional.ofNullable(algorithmIdentifier).map(byte[]::clone);
    }

    /** True when {@code key} is of the kind (and for the classic ECDSA schemes, on the curve) this scheme signs with. */
    public boolean fits(Key key) {
        return family.fits(key);
    }

    /**
     * The signature of {@code data}; a key that does not {@link #fits fit} is a {@link TransformException}. The
     * randomness ECDSA's per-signature k and RSASSA-PSS's salt take comes from {@code random}, so that an engine
     * seeded for a test signs the same way twice.
     */
    public byte[] sign(PrivateKey key, byte[] data, SecureRandom random) {
        try {
            Signature signature = instance();
            signature.initSign(key, random);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new TransformException(this + " cannot sign with a " + key.getAlgorithm() + " key", e);
        }
    }

    /** True when {@code signature} is this scheme's valid signature of {@code data} by {@code key}; malformed is false. */
    public boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = instance();
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (SignatureException | InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new TransformException(this + " is not available", e);
        }
    }

    /**
     * The Digital Signature scheme an AlgorithmIdentifier names (RFC 7427 §3): recognised by its OID, with absent
     * or NULL parameters (RFC 4055 §2.1 allows both) or, for RSASSA-PSS, parameters the JDK decodes to one of
     * ours. Empty for anything else, malformed included.
     */
    public static Optional<SignatureScheme> ofAlgorithmIdentifier(byte[] der) {
        try {
            Der.Element sequence = Der.read(der, 0);
            if (sequence.tag() != Der.SEQUENCE || sequence.end() != der.length) {
                return Optional.empty();
            }
            byte[] body = sequence.value();
            Der.Element oid = Der.read(body, 0);
            Der.Element parameters = oid.end() < body.length ? Der.read(body, oid.end()) : null;
            if (oid.tag() != Der.OBJECT_IDENTIFIER || (parameters != null && parameters.end() != body.length)) {
                return Optional.empty();
            }
            for (SignatureScheme s : values()) {
                if (s.oid != null && Arrays.equals(s.oid, oid.encoded()) && s.takes(parameters)) {
                    return Optional.of(s);
                }
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // malformed: no scheme
        }
        return Optional.empty();
    }

    /**
     * The Digital Signature schemes for {@code key}, in strongSwan's order: the hash that matches the key's strength
     * first, then the stronger ones (RSA up to 3072 bits and P-256 start with SHA-256, up to 7680 bits and P-384 with
     * SHA-384). For RSA, RSASSA-PSS when {@code rsaPss}, else PKCS#1 v1.5. Empty for a key no scheme takes.
     */
    public static List<SignatureScheme> preferredFor(Key key, boolean rsaPss) {
        List<SignatureScheme> out = new ArrayList<>();
        if (Family.RSA.fits(key)) {
            int bits = ((RSAKey) key).getModulus().bitLength();
            List<SignatureScheme> family = rsaPss ? List.of(RSA_PSS_SHA256, RSA_PSS_SHA384, RSA_PSS_SHA512)
                    : List.of(RSA_PKCS1_SHA256, RSA_PKCS1_SHA384, RSA_PKCS1_SHA512);
            out.addAll(family.subList(bits <= 3072 ? 0 : bits <= 7680 ? 1 : 2, 3));
        } else if (Family.EC.fits(key)) {
            int bits = ((ECKey) key).getParams().getCurve().getField().getFieldSize();
            out.addAll(List.of(ECDSA_SHA256, ECDSA_SHA384, ECDSA_SHA512).subList(bits <= 256 ? 0 : bits <= 384 ? 1 : 2, 3));
        } else if (Family.ED25519.fits(key)) {
            out.add(ED25519);
        }
        return out;
    }

    /**
     * True when {@code privateKey} is the private half of {@code publicKey}: a test message signed with one verifies
     * with the other (keys of kinds no scheme takes are never a pair).
     */
    public static boolean pair(PublicKey publicKey, PrivateKey privateKey) {
        List<SignatureScheme> schemes = preferredFor(publicKey, false);
        if (schemes.isEmpty() || !schemes.getFirst().fits(privateKey)) {
            return false;
        }
        byte[] challenge = "Petrel: does this private key belong to this public key?".getBytes(StandardCharsets.US_ASCII);
        try {
            return schemes.getFirst().verify(publicKey, challenge, schemes.getFirst().sign(privateKey, challenge,
                    new SecureRandom()));
        } catch (TransformException e) {
            return false;
        }
    }

    private boolean takes(Der.Element parameters) throws GeneralSecurityException {
        if (this.parameters == null) {
            return parameters == null || (parameters.tag() == Der.NULL && parameters.value().length == 0 && family == Family.RSA);
        }
        if (parameters == null || parameters.tag() != Der.SEQUENCE) {
            return false;
        }
        AlgorithmParameters decoded = AlgorithmParameters.getInstance("RSASSA-PSS");
        try {
            decoded.init(parameters.encoded());
        } catch (java.io.IOException e) {
            return false;
        }
        PSSParameterSpec spec = decoded.getParameterSpec(PSSParameterSpec.class);
        return spec.getDigestAlgorithm().equals(this.parameters.getDigestAlgorithm())
                && spec.getMGFParameters() instanceof MGF1ParameterSpec mgf
                && mgf.getDigestAlgorithm().equals(this.parameters.getDigestAlgorithm())
                && spec.getSaltLength() == this.parameters.getSaltLength() && spec.getTrailerField() == 1;
    }

    private Signature instance() throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jcaName);
        if (parameters != null) {
            signature.setParameter(parameters);
        }
        return signature;
    }

    private static PSSParameterSpec pss(String digest, MGF1ParameterSpec mgf, int saltLength) {
        return new PSSParameterSpec(digest, "MGF1", mgf, saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
    }

    /** The keys a scheme signs with. */
    private enum Family {
        RSA(null),
        EC(null),
        P256("secp256r1"),
        P384("secp384r1"),
        P521("secp521r1"),
        ED25519(null);

        private final ECParameterSpec curve;

        Family(String curveName) {
            this.curve = curveName == null ? null : namedCurve(curveName);
        }

        boolean fits(Key key) {
            return switch (this) {
                case RSA -> key instanceof RSAKey;
                case EC -> key instanceof ECKey;
                case P256, P384, P521 -> key instanceof ECKey ec && sameCurve(ec.getParams(), curve);
                case ED25519 -> key instanceof EdECKey ed && ed.getParams().getName().equalsIgnoreCase("Ed25519");
            };
        }

        private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
            return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                    && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
        }

        private static ECParameterSpec namedCurve(String name) {
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec(name));
                return parameters.getParameterSpec(ECParameterSpec.class);
            } catch (GeneralSecurityException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
