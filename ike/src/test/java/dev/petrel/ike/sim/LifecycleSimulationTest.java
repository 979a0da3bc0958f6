package dev.petrel.ike.sim;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.ike.engine.ChildSa;
import dev.petrel.ike.engine.IkeSaState;
import dev.petrel.ike.engine.IkeSaView;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.testkit.sim.RunResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SA lifecycle under faults (RFC 7296 §2.4, §2.8, §2.8.1-2.8.2): two engines rekey CHILD_SAs every 15 s and the
 * IKE SA every minute, from both sides, with jitter drawn from the seed (sometimes none, so rekeyings collide), over
 * a network with up to 30% loss, duplication and reordering, and sometimes a peer restart; dead peer detection
 * restarts what a restart or the loss killed. After three faulty minutes the network heals, and the two sides must
 * settle: exactly one established IKE SA each, with the same SPIs and consistent message IDs, exactly one CHILD_SA
 * each that carries the traffic, with cross-matching SPIs and equal keys, nothing retiring, nothing leaked (no SPI
 * held beyond the CHILD_SAs), and a data plane that held exactly the engine's CHILD_SAs after every event. Run one
 * seed alone with {@code -Dtest='LifecycleSimulationTest' -Dpetrel.seed=N}; {@code -Dpetrel.seeds=N} sets how many.
 */
@Execution(ExecutionMode.CONCURRENT) // the seeds are independent runs
class LifecycleSimulationTest {

    static LongStream seeds() {
        String one = System.getProperty("petrel.seed");
        int count = Integer.getInteger("petrel.seeds", 10_000);
        return one == null ? LongStream.rangeClosed(1, count) : LongStream.of(Long.parseLong(one));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a run that never settles fails, not hangs
    void settlesAfterRekeyingsCollisionsLossAndRestarts(long seed) {
        LifecycleSimulation sim = LifecycleSimulation.of(seed);
        Supplier<String> why = sim::describe;
        RunResult result = assertDoesNotThrow(() -> sim.run(() -> settled(sim.left(), sim.right())), why);
        assertEquals(Optional.empty(), sim.left().breach(), why);
        assertEquals(Optional.empty(), sim.right().breach(), why);
        assertEquals(RunResult.Outcome.DONE, result.outcome(), why);
        IkeSaView l = sim.left().engine().sas().getFirst();
        IkeSaView r = sim.right().engine().sas().getFirst();
        ChildSa lc = l.children().getFirst();
        ChildSa rc = r.children().getFirst();
        InstallChildSa li = sim.left().dataPlane().get(lc.inboundSpi());
        InstallChildSa ri = sim.right().dataPlane().get(rc.inboundSpi());
        assertAll(why.get().lines().findFirst().orElseThrow(),
                () -> assertEquals(l.nextRequestId(), r.expectedRequestId(), why),
                () -> assertEquals(r.nextRequestId(), l.expectedRequestId(), why),
                () -> assertEquals(l.suite(), r.suite(), why),
                () -> assertEquals(1, sim.left().engine().reservedChildSpis(), why),
                () -> assertEquals(1, sim.right().engine().reservedChildSpis(), why),
                () -> assertArrayEquals(li.outboundEncryptionKey(), ri.inboundEncryptionKey(), why),
                () -> assertArrayEquals(li.inboundEncryptionKey(), ri.outboundEncryptionKey(), why),
                () -> assertEquals(li.localTs(), ri.remoteTs(), why),
                () -> assertEquals(li.remoteTs(), ri.localTs(), why));
    }

    /**
     * Both sides hold one established, idle IKE SA with the same SPIs, and one CHILD_SA each, not retiring, that
     * sends, whose SPIs cross-match.
     */
    static boolean settled(EngineHost left, EngineHost right) {
        List<IkeSaView> ls = left.engine().sas();
        List<IkeSaView> rs = right.engine().sas();
        if (ls.size() != 1 || rs.size() != 1) {
            return false;
        }
        IkeSaView l = ls.getFirst();
        IkeSaView r = rs.getFirst();
        if (l.state() != IkeSaState.ESTABLISHED || r.state() != IkeSaState.ESTABLISHED || l.awaitingResponse()
                || r.awaitingResponse() || l.initiatorSpi() != r.initiatorSpi() || l.responderSpi() != r.responderSpi()
                || l.children().size() != 1 || r.children().size() != 1 || !l.retiring().isEmpty()
                || !r.retiring().isEmpty()) {
            return false;
        }
        ChildSa lc = l.children().getFirst();
        ChildSa rc = r.children().getFirst();
        return lc.inboundSpi() == rc.outboundSpi() && lc.outboundSpi() == rc.inboundSpi()
                && left.sending().equals(Set.of(lc.inboundSpi())) && right.sending().equals(Set.of(rc.inboundSpi()));
    }
}
