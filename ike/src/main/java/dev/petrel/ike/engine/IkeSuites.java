package dev.petrel.ike.engine;

import dev.petrel.ike.keys.IkeSuite;
import dev.petrel.ike.proposal.ProposalMatcher.Selected;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;

/** The IKE SA's transforms from a selected IKE proposal. */
final class IkeSuites {
    private IkeSuites() {}

    static IkeSuite of(Selected chosen) {
        IntegrityAlgorithm integrity = chosen.integrity();
        return new IkeSuite((EncryptionAlgorithm) chosen.encryption().transform(), chosen.encryption().keyBits(),
                chosen.prf(), integrity == IntegrityAlgorithm.NONE ? null : integrity, chosen.keyExchange());
    }
}
