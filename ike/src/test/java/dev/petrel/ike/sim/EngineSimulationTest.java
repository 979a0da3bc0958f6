package dev.petrel.ike.sim;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.engine.ChildSa;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.IkeSaState;
import dev.petrel.ike.engine.IkeSaView;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.event.IkeSaDeleted;
import dev.petrel.testkit.sim.RunResult;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two engines through the testkit's simulated network, with seeded loss (up to 30%), duplication, reordering and
 * delay, and IKE_SA_INIT sometimes restarted by a COOKIE or INVALID_KE_PAYLOAD: the IKE SA and the first CHILD_SA
 * come up on both sides with the same SPIs and keys (RFC 7296 §1.2, §2.1-2.3, §2.6, §2.17). Run one seed alone with
 * {@code -Dtest='EngineSimulationTest' -Dpetrel.seed=N}.
 *
 * <p>Loss can legitimately defeat one attempt: six transmissions of a request may all be lost, or their answers, and
 * the initiator then gives up (§2.1); IKE_AUTH may also come after the responder's half-open SA expired. A responder
 * that had answered IKE_AUTH is left with an IKE SA its peer never saw. So the initiator tries up to
 * {@link Simulation#TRIES} times, as swanctl's {@code keyingtries}, and the next attempt's INITIAL_CONTACT (§2.4)
 * clears what the last one left on the responder. Every give-up must be honest (no answer to the abandoned request had
 * reached the initiator), and the end state is strict: when the network falls idle, exactly one established IKE SA and
 * one CHILD_SA on each side, nothing half-open, and a data plane that held exactly the engine's CHILD_SAs after every
 * event. A seed whose every attempt is defeated fails; none of the seeds run here is (runs are pure functions of the
 * seed, so this does not flake).
 */
class EngineSimulationTest {

    static LongStream seeds() {
        return seeds(1_000);
    }

    static LongStream natTraversalSeeds() {
        return seeds(200);
    }

    /** Seeds 1 to {@code count}, or only the one named by the system property {@code petrel.seed}. */
    private static LongStream seeds(int count) {
        String one = System.getProperty("petrel.seed");
        return one == null ? LongStream.rangeClosed(1, count) : LongStream.of(Long.parseLong(one));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void establishesDespiteLossDuplicationAndReordering(long seed) {
        verify(Simulation.of(seed, false));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("natTraversalSeeds")
    void establishesWithForcedNatTraversal(long seed) {
        verify(Simulation.of(seed, true));
    }

    private static void verify(Simulation sim) {
        Supplier<String> why = sim::describe;
        RunResult result = assertDoesNotThrow(sim::run, why);
        EngineHost left = sim.left();
        EngineHost right = sim.right();
        assertEquals(RunResult.Outcome.IDLE, result.outcome(), why);
        assertEquals(Optional.empty(), left.breach(), why);
        assertEquals(Optional.empty(), right.breach(), why);
        assertTrue(left.giveUps().stream().noneMatch(EngineHost.GiveUp::answered), why);
        assertTrue(right.giveUps().isEmpty(), why);
        assertEquals(left.giveUps().size(), left.events().stream().filter(e -> e instanceof IkeSaDeleted).count(), why);
        assertEquals(1, left.engine().sas().size(), why);
        assertEquals(1, right.engine().sas().size(), why);
        IkeSaView l = left.engine().sas().getFirst();
        IkeSaView r = right.engine().sas().getFirst();
        boolean natT = sim.natT() != Simulation.NatT.NONE;
        int port = natT ? Endpoint.NAT_T_PORT : Endpoint.IKE_PORT;
        assertAll(why.get().lines().findFirst().orElseThrow(),
                () -> assertEquals(IkeSaState.ESTABLISHED, l.state(), why),
                () -> assertEquals(IkeSaState.ESTABLISHED, r.state(), why),
                () -> assertTrue(l.initiator() && !r.initiator(), why),
                () -> assertEquals(l.initiatorSpi(), r.initiatorSpi(), why),
                () -> assertEquals(l.responderSpi(), r.responderSpi(), why),
                () -> assertEquals(l.suite(), r.suite(), why),
                () -> assertEquals(List.of(natT, natT), List.of(l.natDetected(), r.natDetected()), why),
                () -> assertEquals(l.local(), r.remote(), why),
                () -> assertEquals(l.remote(), r.local(), why),
                () -> assertEquals(List.of(port, port), List.of(l.local().port(), l.remote().port()), why),
                () -> assertEquals(l.nextRequestId(), r.expectedRequestId(), why),
                () -> assertEquals(r.nextRequestId(), l.expectedRequestId(), why),
                () -> assertFalse(l.awaitingResponse() || r.awaitingResponse(), why));
        assertEquals(1, l.children().size(), why);
        assertEquals(1, r.children().size(), why);
        assertChildrenAgree(l.children().getFirst(), r.children().getFirst(), left, right, natT, why);
    }

    /** One CHILD_SA seen from both sides: SPIs cross-match, and each direction's keys are the same on both ends. */
    private static void assertChildrenAgree(ChildSa lc, ChildSa rc, EngineHost left, EngineHost right, boolean natT,
            Supplier<String> why) {
        InstallChildSa l = left.dataPlane().get(lc.inboundSpi());
        InstallChildSa r = right.dataPlane().get(rc.inboundSpi());
        assertAll(why.get().lines().findFirst().orElseThrow(),
                () -> assertEquals(lc.inboundSpi(), rc.outboundSpi(), why),
                () -> assertEquals(lc.outboundSpi(), rc.inboundSpi(), why),
                () -> assertArrayEquals(l.outboundEncryptionKey(), r.inboundEncryptionKey(), why),
                () -> assertArrayEquals(l.outboundIntegrityKey(), r.inboundIntegrityKey(), why),
                () -> assertArrayEquals(l.inboundEncryptionKey(), r.outboundEncryptionKey(), why),
                () -> assertArrayEquals(l.inboundIntegrityKey(), r.outboundIntegrityKey(), why),
                () -> assertEquals(List.of(l.encryption(), l.keyBits(), l.integrity(), l.extendedSequenceNumbers(), l.mode()),
                        List.of(r.encryption(), r.keyBits(), r.integrity(), r.extendedSequenceNumbers(), r.mode()), why),
                () -> assertEquals(l.localTs(), r.remoteTs(), why),
                () -> assertEquals(l.remoteTs(), r.localTs(), why),
                () -> assertEquals(List.of(natT, natT), List.of(l.udpEncapsulation(), r.udpEncapsulation()), why));
    }
}
