package dev.petrel.ike.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.ike.testing.KeyedSa;
import dev.petrel.ike.testing.StrongSwanRun;
import dev.petrel.testkit.vectors.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Petrel's IKEv2 key schedule against strongSwan 5.9's: from the nonces and SPIs on the wire and the g^ir charon
 * printed, SKEYSEED, SK_d ... SK_pr (RFC 7296 §2.14, with AES-XCBC-PRF-128's 64 bits of each nonce), the first
 * CHILD_SA's KEYMAT (§2.17) and, after opening the rekey exchange's SK payloads for its nonces and SPIs, the
 * rekeyed IKE SA's SKEYSEED and keys (§2.18) must be exactly charon's.
 */
class StrongSwanKeyScheduleTest {

    @ParameterizedTest
    @EnumSource(StrongSwanRun.class)
    void skeyseedAndIkeSaKeysAreCharons(StrongSwanRun run) {
        KeyedSa sa = run.firstSa();
        assertHex(run.key("SKEYSEED.1"), IkeSaKeys.skeyseed(run.suite(), run.key("g_ir.1"), sa.ni(), sa.nr()), "SKEYSEED");
        assertKeys(run, ".1", sa.keys());
    }

    @ParameterizedTest
    @EnumSource(StrongSwanRun.class)
    void childKeymatIsCharons(StrongSwanRun run) {
        KeyedSa sa = run.firstSa();
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
        KeyedSa old = run.firstSa();
        KeyedSa sa = run.rekeyedSa();
        byte[] skeyseed = IkeSaKeys.rekeyedSkeyseed(run.suite().prf(), old.keys().skD(), run.key("g_ir.2"), sa.ni(), sa.nr());
        assertHex(run.key("SKEYSEED.2"), skeyseed, "rekeyed SKEYSEED");
        assertKeys(run, ".2", sa.keys());
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
