package dev.petrel.ike.keys;

import static dev.petrel.ike.testing.IkePayloads.CREATE_CHILD_SA;
import static dev.petrel.ike.testing.IkePayloads.IKE_SA_INIT;
import static dev.petrel.ike.testing.IkePayloads.NONCE;
import static dev.petrel.ike.testing.IkePayloads.SA;
import static dev.petrel.ike.testing.IkePayloads.find;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.ike.protect.SkProtection;
import dev.petrel.ike.testing.IkePayloads;
import dev.petrel.ike.testing.IkePayloads.Payload;
import dev.petrel.ike.testing.SeededRandom;
import dev.petrel.ike.testing.StrongSwanRun;
import dev.petrel.testkit.vectors.Hex;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Petrel's IKEv2 key schedule against strongSwan 5.9's: from the nonces and SPIs on the wire and the g^ir charon
 * printed, SKEYSEED, SK_d ... SK_pr (RFC 7296 §2.14), the first CHILD_SA's KEYMAT (§2.17) and, after opening the
 * rekey exchange's SK payloads for its nonces and SPIs, the rekeyed IKE SA's SKEYSEED and keys (§2.18) must be
 * exactly charon's.
 */
class StrongSwanKeyScheduleTest {

    /** The first IKE SA and the nonces and SPIs of its IKE_SA_INIT. */
    private record FirstSa(IkeSaKeys keys, byte[] ni, byte[] nr, long spiI, long spiR) {
        static FirstSa of(StrongSwanRun run) {
            byte[] request = run.message(IKE_SA_INIT, false);
            byte[] response = run.message(IKE_SA_INIT, true);
            byte[] ni = find(IkePayloads.payloads(request), NONCE).body();
            byte[] nr = find(IkePayloads.payloads(response), NONCE).body();
            long spiI = IkePayloads.spiI(response);
            long spiR = IkePayloads.spiR(response);
            return new FirstSa(IkeSaKeys.derive(run.suite(), run.key("g_ir.1"), ni, nr, spiI, spiR), ni, nr, spiI, spiR);
        }
    }

    @ParameterizedTest
    @EnumSource(StrongSwanRun.class)
    void skeyseedAndIkeSaKeysAreCharons(StrongSwanRun run) {
        FirstSa sa = FirstSa.of(run);
        assertHex(run.key("SKEYSEED.1"), IkeSaKeys.skeyseed(run.suite(), run.key("g_ir.1"), sa.ni(), sa.nr()), "SKEYSEED");
        assertKeys(run, ".1", sa.keys());
    }

    @ParameterizedTest
    @EnumSource(StrongSwanRun.class)
    void childKeymatIsCharons(StrongSwanRun run) {
        FirstSa sa = FirstSa.of(run);
        // The CHILD_SA of IKE_AUTH takes the IKE_SA_INIT nonces and no key exchange (§2.17).
        ChildSaKeys child = ChildSaKeys.derive(run.suite().prf(), sa.keys().skD(), null, sa.ni(), sa.nr(),
                run.childEncryptionKeyLength(), run.childIntegrityKeyLength());
        assertHex(run.key("child.encryption_initiator.1"), child.encryptionInitiator(), "encryption initiator");
        assertHex(run.key("child.integrity_initiator.1"), child.integrityInitiator(), "integrity initiator");
        assertHex(run.key("child.encryption_responder.1"), child.encryptionResponder(), "encryption responder");
        assertHex(run.key("child.integrity_responder.1"), child.integrityResponder(), "integrity responder");
    }

    @ParameterizedTest
    @EnumSource(StrongSwanRun.class)
    void rekeyedIkeSaKeysAreCharons(StrongSwanRun run) throws Exception {
        FirstSa sa = FirstSa.of(run);
        IkeSaKeys k = sa.keys();
        SkProtection initiator = SkProtection.create(run.suite(), k.skEi(), k.skAi(), k.skEr(), k.skAr(), SeededRandom.of(1));
        SkProtection responder = SkProtection.create(run.suite(), k.skEr(), k.skAr(), k.skEi(), k.skAi(), SeededRandom.of(2));
        List<Payload> request = IkePayloads.open(responder, run.message(CREATE_CHILD_SA, false));
        List<Payload> response = IkePayloads.open(initiator, run.message(CREATE_CHILD_SA, true));
        byte[] ni = find(request, NONCE).body();
        byte[] nr = find(response, NONCE).body();
        long spiI = IkePayloads.firstProposalSpi(find(request, SA).body());
        long spiR = IkePayloads.firstProposalSpi(find(response, SA).body());
        byte[] sharedSecret = run.key("g_ir.2");

        byte[] skeyseed = IkeSaKeys.rekeyedSkeyseed(run.suite().prf(), k.skD(), sharedSecret, ni, nr);
        assertHex(run.key("SKEYSEED.2"), skeyseed, "rekeyed SKEYSEED");
        assertKeys(run, ".2", IkeSaKeys.deriveRekeyed(run.suite(), run.suite().prf(), k.skD(), sharedSecret, ni, nr, spiI, spiR));
    }

    private static void assertKeys(StrongSwanRun run, String occurrence, IkeSaKeys keys) {
        assertHex(run.key("SK_d" + occurrence), keys.skD(), "SK_d");
        assertHex(run.key("SK_ai" + occurrence), keys.skAi(), "SK_ai");
        assertHex(run.key("SK_ar" + occurrence), keys.skAr(), "SK_ar");
        assertHex(run.key("SK_ei" + occurrence), keys.skEi(), "SK_ei");
        assertHex(run.key("SK_er" + occurrence), keys.skEr(), "SK_er");
        assertHex(run.key("SK_pi" + occurrence), keys.skPi(), "SK_pi");
        assertHex(run.key("SK_pr" + occurrence), keys.skPr(), "SK_pr");
    }

    /** Compares as hex, so that a failure shows both values. */
    private static void assertHex(byte[] expected, byte[] actual, String what) {
        assertEquals(Hex.encode(expected), Hex.encode(actual), what);
    }
}
