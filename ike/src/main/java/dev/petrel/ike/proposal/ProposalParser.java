package dev.petrel.ike.proposal;

import static dev.petrel.wire.iana.EncryptionAlgorithm.ENCR_AES_CBC;
import static dev.petrel.wire.iana.EncryptionAlgorithm.ENCR_AES_GCM_12;
import static dev.petrel.wire.iana.EncryptionAlgorithm.ENCR_AES_GCM_16;
import static dev.petrel.wire.iana.EncryptionAlgorithm.ENCR_AES_GCM_8;

import dev.petrel.crypto.Transforms;
import dev.petrel.crypto.ke.KeyExchanges;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.ExtendedSequenceNumbers;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import dev.petrel.wire.iana.TransformType;
import dev.petrel.wire.ike.ProtocolId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads proposals in strongSwan's syntax, so that swanctl.conf files carry over: algorithm keywords joined by
 * {@code -}, e.g. {@code aes128gcm16-prfsha256-x25519} (IKE), {@code aes256-sha256-modp3072} (IKE, PRF taken from
 * the integrity algorithm as strongSwan does), {@code aes128gcm16-x25519-esn} (ESP with PFS and ESN). Several
 * keywords of one type are alternatives, in order of preference.
 */
public final class ProposalParser {
    private static final Map<String, TransformChoice> KEYWORDS = keywords();

    private ProposalParser() {}

    /** Parses a comma-separated list of proposals for {@code protocol}. */
    public static List<CryptoProposal> parseList(String text, ProtocolId protocol) {
        List<CryptoProposal> proposals = new ArrayList<>();
        for (String one : text.split(",")) {
            proposals.add(parse(one.strip(), protocol));
        }
        return List.copyOf(proposals);
    }

    /**
     * Parses one proposal.
     *
     * @throws IllegalArgumentException naming the keyword that is unknown, not implemented, or wrong for the protocol
     */
    public static CryptoProposal parse(String text, ProtocolId protocol) {
        List<TransformChoice> transforms = new ArrayList<>();
        for (String keyword : text.toLowerCase(java.util.Locale.ROOT).split("-")) {
            TransformChoice choice = KEYWORDS.get(keyword);
            if (choice == null) {
                throw new IllegalArgumentException("unknown algorithm keyword '" + keyword + "' in proposal '" + text + "'");
            }
            if (!implemented(choice)) {
                throw new IllegalArgumentException("'" + keyword + "' in proposal '" + text + "' is not implemented");
            }
            if (!transforms.contains(choice)) {
                transforms.add(choice);
            }
        }
        return check(new CryptoProposal(protocol, completed(transforms, protocol)), text);
    }

    /** IKE: PRFs from the integrity algorithms when none is named; ESP/AH: no ESN unless named (strongSwan's rules). */
    private static List<TransformChoice> completed(List<TransformChoice> transforms, ProtocolId protocol) {
        List<TransformChoice> out = new ArrayList<>(transforms);
        boolean hasPrf = out.stream().anyMatch(t -> t.type() == TransformType.PRF);
        if (protocol == ProtocolId.IKE && !hasPrf) {
            for (TransformChoice t : transforms) {
                if (t.transform() instanceof IntegrityAlgorithm integrity) {
                    PseudorandomFunction prf = prfFor(integrity);
                    if (prf != null && !out.contains(TransformChoice.of(prf))) {
                        out.add(TransformChoice.of(prf));
                    }
                }
            }
        }
        if (protocol != ProtocolId.IKE && out.stream().noneMatch(t -> t.type() == TransformType.ESN)) {
            out.add(TransformChoice.of(ExtendedSequenceNumbers.NO_ESN));
        }
        return out;
    }

    private static CryptoProposal check(CryptoProposal p, String text) {
        List<TransformChoice> encryption = p.of(TransformType.ENCR);
        boolean aead = !encryption.isEmpty() && encryption.stream().allMatch(t -> ((EncryptionAlgorithm) t.transform()).isAead());
        boolean mixed = encryption.stream().anyMatch(t -> ((EncryptionAlgorithm) t.transform()).isAead()) && !aead;
        String problem = null;
        if (mixed) {
            problem = "mixes AEAD and non-AEAD encryption (RFC 7296 §3.3)";
        } else if (p.protocol() == ProtocolId.AH) {
            if (!encryption.isEmpty() || p.of(TransformType.INTEG).isEmpty()) {
                problem = "an AH proposal takes integrity algorithms only";
            }
        } else if (encryption.isEmpty()) {
            problem = "names no encryption algorithm";
        } else if (aead && !p.of(TransformType.INTEG).isEmpty()) {
            problem = "combines an AEAD with an integrity algorithm (RFC 5282 §8)";
        } else if (!aead && p.of(TransformType.INTEG).isEmpty()) {
            problem = "needs an integrity algorithm with a non-AEAD cipher";
        }
        if (problem == null && p.protocol() == ProtocolId.IKE) {
            if (p.of(TransformType.PRF).isEmpty()) {
                problem = "needs a PRF (e.g. prfsha256) in an IKE proposal";
            } else if (p.of(TransformType.KE).isEmpty()) {
                problem = "needs a key exchange method in an IKE proposal";
            } else if (!p.of(TransformType.ESN).isEmpty()) {
                problem = "an IKE proposal takes no ESN";
            }
        } else if (problem == null && !p.of(TransformType.PRF).isEmpty()) {
            problem = "a CHILD_SA proposal takes no PRF";
        }
        if (problem != null) {
            throw new IllegalArgumentException("proposal '" + text + "' " + problem);
        }
        return p;
    }

    private static boolean implemented(TransformChoice choice) {
        return switch (choice.transform()) {
            case EncryptionAlgorithm e -> Transforms.implemented(e);
            case IntegrityAlgorithm i -> Transforms.implemented(i);
            case PseudorandomFunction f -> Transforms.implemented(f);
            case KeyExchangeMethod k -> KeyExchanges.isSupported(k);
            case ExtendedSequenceNumbers e -> true;
        };
    }

    private static PseudorandomFunction prfFor(IntegrityAlgorithm integrity) {
        return switch (integrity) {
            case AUTH_HMAC_SHA1_96 -> PseudorandomFunction.PRF_HMAC_SHA1;
            case AUTH_HMAC_SHA2_256_128 -> PseudorandomFunction.PRF_HMAC_SHA2_256;
            case AUTH_HMAC_SHA2_384_192 -> PseudorandomFunction.PRF_HMAC_SHA2_384;
            case AUTH_HMAC_SHA2_512_256 -> PseudorandomFunction.PRF_HMAC_SHA2_512;
            case AUTH_AES_XCBC_96 -> PseudorandomFunction.PRF_AES128_XCBC;
            default -> null;
        };
    }

    private static Map<String, TransformChoice> keywords() {
        Map<String, TransformChoice> k = new LinkedHashMap<>();
        for (int bits : new int[] {128, 192, 256}) {
            k.put("aes" + bits, new TransformChoice(ENCR_AES_CBC, bits));
            for (EncryptionAlgorithm gcm : List.of(ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16)) {
                TransformChoice c = new TransformChoice(gcm, bits);
                k.put("aes" + bits + "gcm" + gcm.icvLength(), c);
                k.put("aes" + bits + "gcm" + gcm.icvLength() * 8, c);
            }
            k.put("aes" + bits + "gcm", new TransformChoice(ENCR_AES_GCM_16, bits));
        }
        k.put("aes", new TransformChoice(ENCR_AES_CBC, 128));
        k.put("chacha20poly1305", TransformChoice.of(EncryptionAlgorithm.ENCR_CHACHA20_POLY1305));
        k.put("null", TransformChoice.of(EncryptionAlgorithm.ENCR_NULL));
        k.put("sha1", TransformChoice.of(IntegrityAlgorithm.AUTH_HMAC_SHA1_96));
        k.put("sha", TransformChoice.of(IntegrityAlgorithm.AUTH_HMAC_SHA1_96));
        k.put("sha256", TransformChoice.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128));
        k.put("sha2_256", TransformChoice.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128));
        k.put("sha384", TransformChoice.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_384_192));
        k.put("sha2_384", TransformChoice.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_384_192));
        k.put("sha512", TransformChoice.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256));
        k.put("sha2_512", TransformChoice.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256));
        k.put("aesxcbc", TransformChoice.of(IntegrityAlgorithm.AUTH_AES_XCBC_96));
        k.put("md5", TransformChoice.of(IntegrityAlgorithm.AUTH_HMAC_MD5_96));
        k.put("prfsha1", TransformChoice.of(PseudorandomFunction.PRF_HMAC_SHA1));
        k.put("prfsha256", TransformChoice.of(PseudorandomFunction.PRF_HMAC_SHA2_256));
        k.put("prfsha384", TransformChoice.of(PseudorandomFunction.PRF_HMAC_SHA2_384));
        k.put("prfsha512", TransformChoice.of(PseudorandomFunction.PRF_HMAC_SHA2_512));
        k.put("prfaesxcbc", TransformChoice.of(PseudorandomFunction.PRF_AES128_XCBC));
        k.put("prfmd5", TransformChoice.of(PseudorandomFunction.PRF_HMAC_MD5));
        k.put("modp768", TransformChoice.of(KeyExchangeMethod.MODP_768));
        k.put("modp1024", TransformChoice.of(KeyExchangeMethod.MODP_1024));
        k.put("modp1536", TransformChoice.of(KeyExchangeMethod.MODP_1536));
        k.put("modp2048", TransformChoice.of(KeyExchangeMethod.MODP_2048));
        k.put("modp3072", TransformChoice.of(KeyExchangeMethod.MODP_3072));
        k.put("modp4096", TransformChoice.of(KeyExchangeMethod.MODP_4096));
        k.put("modp6144", TransformChoice.of(KeyExchangeMethod.MODP_6144));
        k.put("modp8192", TransformChoice.of(KeyExchangeMethod.MODP_8192));
        k.put("ecp256", TransformChoice.of(KeyExchangeMethod.ECP_256));
        k.put("ecp384", TransformChoice.of(KeyExchangeMethod.ECP_384));
        k.put("ecp521", TransformChoice.of(KeyExchangeMethod.ECP_521));
        k.put("curve25519", TransformChoice.of(KeyExchangeMethod.CURVE25519));
        k.put("x25519", TransformChoice.of(KeyExchangeMethod.CURVE25519));
        k.put("curve448", TransformChoice.of(KeyExchangeMethod.CURVE448));
        k.put("x448", TransformChoice.of(KeyExchangeMethod.CURVE448));
        k.put("mlkem512", TransformChoice.of(KeyExchangeMethod.ML_KEM_512));
        k.put("mlkem768", TransformChoice.of(KeyExchangeMethod.ML_KEM_768));
        k.put("mlkem1024", TransformChoice.of(KeyExchangeMethod.ML_KEM_1024));
        k.put("esn", TransformChoice.of(ExtendedSequenceNumbers.ESN));
        k.put("noesn", TransformChoice.of(ExtendedSequenceNumbers.NO_ESN));
        return Map.copyOf(k);
    }
}
