package dev.petrel.ike.proposal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.proposal.ProposalMatcher.NoMatch;
import dev.petrel.ike.proposal.ProposalMatcher.Selected;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.ExtendedSequenceNumbers;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import dev.petrel.wire.iana.TransformType;
import dev.petrel.wire.ike.Proposal;
import dev.petrel.wire.ike.ProtocolId;
import dev.petrel.wire.ike.TransformEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposalTest {
    private static List<CryptoProposal> ike(String text) {
        return ProposalParser.parseList(text, ProtocolId.IKE);
    }

    @Test
    void parsesStrongSwanKeywords() {
        CryptoProposal p = ProposalParser.parse("aes256-sha256-modp3072", ProtocolId.IKE);
        assertEquals(List.of(new TransformChoice(EncryptionAlgorithm.ENCR_AES_CBC, 256)), p.of(TransformType.ENCR));
        assertEquals(List.of(TransformChoice.of(PseudorandomFunction.PRF_HMAC_SHA2_256)), p.of(TransformType.PRF),
                "the PRF follows the integrity algorithm, as in strongSwan");
        CryptoProposal esp = ProposalParser.parse("aes128gcm16-x25519-esn", ProtocolId.ESP);
        assertEquals(List.of(TransformChoice.of(KeyExchangeMethod.CURVE25519)), esp.of(TransformType.KE));
        assertEquals(List.of(TransformChoice.of(ExtendedSequenceNumbers.ESN)), esp.of(TransformType.ESN));
        assertEquals(List.of(TransformChoice.of(ExtendedSequenceNumbers.NO_ESN)),
                ProposalParser.parse("chacha20poly1305", ProtocolId.ESP).of(TransformType.ESN), "no ESN unless named");
        assertEquals(new TransformChoice(EncryptionAlgorithm.ENCR_AES_GCM_8, 192),
                ProposalParser.parse("aes192gcm64-prfsha384-ecp384", ProtocolId.IKE).of(TransformType.ENCR).getFirst());
    }

    @Test
    void refusesWhatIsWrongForTheProtocolNamingIt() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProposalParser.parse("aes128-sha256-modp3072-foo",
                ProtocolId.IKE)).getMessage().contains("'foo'"));
        assertThrows(IllegalArgumentException.class, () -> ProposalParser.parse("aes128gcm16-x25519", ProtocolId.IKE),
                "an AEAD IKE proposal needs a PRF");
        assertThrows(IllegalArgumentException.class, () -> ProposalParser.parse("aes128gcm16-sha256", ProtocolId.ESP));
        assertThrows(IllegalArgumentException.class, () -> ProposalParser.parse("aes128", ProtocolId.ESP));
        assertThrows(IllegalArgumentException.class, () -> ProposalParser.parse("aes128-sha256", ProtocolId.IKE),
                "an IKE proposal needs a key exchange");
        assertThrows(IllegalArgumentException.class, () -> ProposalParser.parse("aes128-md5-modp2048", ProtocolId.IKE),
                "MD5 is not implemented");
    }

    @Test
    void theResponderChoosesByItsOwnPreference() {
        List<Proposal> offered = ProposalMatcher.toWire(ike("aes128gcm16-prfsha256-x25519, aes256gcm16-prfsha384-ecp384"), new byte[0]);
        Selected s = assertInstanceOf(Selected.class, ProposalMatcher.select(ike("aes256gcm16-prfsha384-ecp384, "
                + "aes128gcm16-prfsha256-x25519"), offered, ProtocolId.IKE));
        assertEquals(2, s.number());
        assertEquals(KeyExchangeMethod.ECP_384, s.keyExchange());
        assertEquals(IntegrityAlgorithm.NONE, s.integrity());
    }

    @Test
    void withinAProposalTheFirstOfOursThePeerOffersWins() {
        List<Proposal> offered = ProposalMatcher.toWire(ike("aes128gcm16-aes256gcm16-prfsha256-prfsha384-x25519-ecp256"), new byte[0]);
        Selected s = assertInstanceOf(Selected.class, ProposalMatcher.select(ike("aes256gcm16-prfsha384-ecp256-x25519"),
                offered, ProtocolId.IKE));
        assertEquals("ENCR_AES_GCM_16-256/PRF_HMAC_SHA2_384/ECP_256", s.toString());
    }

    @Test
    void aMismatchIsExplainedByTransformType() {
        List<Proposal> offered = ProposalMatcher.toWire(ike("aes128-sha1-modp2048"), new byte[0]);
        NoMatch n = assertInstanceOf(NoMatch.class, ProposalMatcher.select(ike("aes128-sha256-modp2048"), offered, ProtocolId.IKE));
        assertTrue(n.explanation().contains("PRF: offered [PRF_HMAC_SHA1], we accept [PRF_HMAC_SHA2_256]"), n.explanation());
    }

    @Test
    void unknownTransformsAreSkippedButUnknownTypesRejectTheProposal() {
        Proposal withUnknownId = new Proposal(1, ProtocolId.ESP.value(), new byte[4], List.of(
                new TransformEntry(TransformType.ENCR.value(), 1000, List.of()),
                TransformEntry.of(EncryptionAlgorithm.ENCR_AES_GCM_16, 128),
                TransformEntry.of(ExtendedSequenceNumbers.NO_ESN)));
        assertInstanceOf(Selected.class, ProposalMatcher.select(ProposalParser.parseList("aes128gcm16", ProtocolId.ESP),
                List.of(withUnknownId), ProtocolId.ESP));
        Proposal withUnknownType = new Proposal(1, ProtocolId.ESP.value(), new byte[4], List.of(
                TransformEntry.of(EncryptionAlgorithm.ENCR_AES_GCM_16, 128),
                TransformEntry.of(ExtendedSequenceNumbers.NO_ESN), new TransformEntry(99, 1, List.of())));
        NoMatch n = assertInstanceOf(NoMatch.class, ProposalMatcher.select(ProposalParser.parseList("aes128gcm16",
                ProtocolId.ESP), List.of(withUnknownType), ProtocolId.ESP));
        assertTrue(n.explanation().contains("unknown transform type 99"), n.explanation());
    }

    @Test
    void theInitiatorAcceptsOnlyOneTransformPerTypeFromWhatItOffered() {
        List<CryptoProposal> offered = ike("aes128gcm16-prfsha256-x25519-ecp256");
        Proposal two = ProposalMatcher.toWire(offered.getFirst(), 1, new byte[0]);
        assertInstanceOf(NoMatch.class, ProposalMatcher.accept(offered, List.of(two), ProtocolId.IKE));
        Proposal one = ProposalMatcher.toWire(ike("aes128gcm16-prfsha256-ecp256").getFirst(), 1, new byte[0]);
        assertInstanceOf(Selected.class, ProposalMatcher.accept(offered, List.of(one), ProtocolId.IKE));
        Proposal notOffered = ProposalMatcher.toWire(ike("aes256gcm16-prfsha256-ecp256").getFirst(), 1, new byte[0]);
        assertInstanceOf(NoMatch.class, ProposalMatcher.accept(offered, List.of(notOffered), ProtocolId.IKE));
    }
}
